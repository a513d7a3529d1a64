import type { Permission } from './access-policy';

/**
 * What each RPC needs. Everything not listed here is refused: a new RPC must be
 * classified before anyone can call it.
 */
export const RPC_PERMISSIONS: Readonly<Record<string, Permission>> = {
  'HostService.GetHost': 'read',
  'DiskService.ListDisks': 'read',
  'DiskService.ListVolumeGroups': 'read',
  'DiskService.ListLogicalVolumes': 'read',
  'DiskService.ListCloneTargets': 'read',
  'BootService.GetBootList': 'read',
  'BootService.ListBootEnvironments': 'read',
  'BootService.SetBootList': 'operate',
  'BootService.Bosboot': 'operate',
  'BootService.Rollback': 'operate',
  'BootService.Reboot': 'reboot',
  'CloneService.PlanClone': 'read',
  'CloneService.WatchJob': 'read',
  'CloneService.GetJob': 'read',
  'CloneService.ListJobs': 'read',
  'CloneService.StartClone': 'operate',
  'CloneService.CancelJob': 'operate',
  'CloneService.RemoveAltRootvg': 'operate',
  'CloneService.WakeAltRootvg': 'operate',
  'CloneService.SleepAltRootvg': 'operate',
  'FirstBootService.ListHooks': 'read',
  'FirstBootService.GetHook': 'read',
  'FirstBootService.GetResults': 'read',
  // A hook is a script run as root at the next clone's first boot.
  'FirstBootService.AddHook': 'execute',
  'FirstBootService.RemoveHook': 'execute',
};

/** Calls that change the host or the agent's state: each one is audited, allowed or not. */
export function isMutating(rpc: string): boolean {
  const permission = RPC_PERMISSIONS[rpc];
  return permission !== undefined && permission !== 'read';
}

/**
 * The name an RPC goes by here, in messages and logs: Service.Method, from the method's
 * path in its service definition (/altdisk.v1.CloneService/StartClone: CloneService.StartClone).
 */
export function rpcName(methodPath: string): string {
  const [, service = '', method = ''] = methodPath.split('/');
  return `${service.slice(service.lastIndexOf('.') + 1)}.${method}`;
}

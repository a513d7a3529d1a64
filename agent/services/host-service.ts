import type { HostServiceHandlers } from '../../shared/generated/altdisk/v1/HostService';
import type { Host__Output } from '../../shared/generated/altdisk/v1/Host';
import { packageVersion } from '../../shared/package-info';
import type { AixCommands } from '../aix/aix-commands';
import type { ServiceImplementation } from '../server/service-handlers';
import { ALT_DISK_FILESET } from '../aix/clone-commands';

export interface HostServiceDeps {
  aix: AixCommands;
  commandsDir: string | undefined;
  startedAt: Date;
  platform: NodeJS.Platform;
  /** What the agent started despite (files set aside), for GetHost. */
  problems: readonly string[];
}

export function hostService(deps: HostServiceDeps): ServiceImplementation<HostServiceHandlers> {
  return {
    GetHost: async () => ({ host: await describeHost(deps) }),
  };
}

async function describeHost(deps: HostServiceDeps): Promise<Host__Output> {
  const { aix } = deps;
  const now = new Date();
  const [hostname, level, osVersion, bootDisk, bootTime, fileset, kernelBits] = await Promise.all([
    aix.hostname(),
    aix.serviceLevel(),
    aix.baseLevel(),
    aix.bootDisk(),
    aix.bootTime(now),
    aix.fileset(ALT_DISK_FILESET),
    aix.kernelBits(),
  ]);
  return {
    agentVersion: packageVersion(),
    hostname,
    oslevel: level.raw,
    osVersion,
    // On AIX the commands are AIX's own; anywhere else they can only be an emulation.
    platform: deps.platform === 'aix' ? 'PLATFORM_AIX' : 'PLATFORM_EMULATED',
    bootDisk,
    bootTime: bootTime ? bootTime.toISOString() : '',
    altDiskInstallLevel: fileset?.level ?? '',
    kernelBits,
    commandsDir: deps.commandsDir ?? '',
    agentStartTime: deps.startedAt.toISOString(),
    runtimeVersion: process.version,
    agentProblems: [...deps.problems],
  };
}

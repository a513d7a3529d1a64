import type { FirstBootServiceHandlers } from '../../shared/generated/altdisk/v1/FirstBootService';
import { AlreadyExistsError } from '../../shared/errors';
import type { AixCommands } from '../aix/aix-commands';
import type { FirstBoot } from '../firstboot/first-boot';
import { checkDescription, checkHookContent, checkHookName, checkOrder, checkTimeout } from '../firstboot/hook-rules';
import { sha256, toHookMessage } from '../firstboot/hook-registry';
import { checkHookRoom } from '../firstboot/hook-limits';
import { hookDifferences } from '../firstboot/hook-differences';
import { ALTINST_ROOTVG } from '../inventory/vg-role';
import type { JobManager } from '../jobs/job-manager';
import type { Logger } from '../logger';
import type { ServiceImplementation } from '../server/service-handlers';
import { callerMay } from '../security/caller';

export interface FirstBootServiceDeps {
  firstBoot: FirstBoot;
  jobs: JobManager;
  aix: AixCommands;
  logger: Logger;
}

export function firstBootService(deps: FirstBootServiceDeps): ServiceImplementation<FirstBootServiceHandlers> {
  const { firstBoot, jobs, aix, logger } = deps;
  const registry = firstBoot.registry;

  /** Hooks (name -> sha256) the clone now on this host carries, if there is one. */
  const currentClone = async (): Promise<Map<string, string>> => {
    const disks = (await aix.listPhysicalVolumes()).filter((pv) => pv.vg === ALTINST_ROOTVG).map((pv) => pv.name);
    const job = disks.length > 0 ? jobs.latestCloneOn(disks) : undefined;
    return new Map((job?.firstBootHooks ?? []).map((h) => [h.name, h.sha256]));
  };

  return {
    AddHook: async (request) => {
      // Every field is checked before anything is stored.
      const name = checkHookName(request.name);
      const content = checkHookContent(Buffer.from(request.content));
      const settings = {
        name,
        order: checkOrder(request.order),
        timeoutSeconds: checkTimeout(request.timeoutSeconds),
        description: checkDescription(request.description),
        required: request.required,
      };
      const clone = await currentClone();
      // From here to put() nothing awaits, so two adds of one name cannot both find it free.
      const existing = registry.find(name);
      if (existing) {
        // A script changed outside the agent is never "the same", whatever hook.json says.
        const differences = hookDifferences(existing, { ...settings, sha256: sha256(content) });
        if (differences.length === 0)
          return { hook: toHookMessage(existing, clone.get(name) === existing.sha256), changed: false };
        if (!request.replace) {
          throw new AlreadyExistsError(
            `a hook named ${name} is registered with other settings: ${differences.join(', ')}; to change it, add it again with --replace ` +
              `(altctl firstboot add HOST ${name} FILE --replace; field replace), or pick another name`,
            { field: 'name' },
          );
        }
      }
      checkHookRoom(registry.metas(), name, content.length, firstBoot.limits);
      const meta = registry.put(settings, content);
      logger.info('first-boot hook registered', {
        name,
        sha256: meta.sha256,
        sizeBytes: meta.sizeBytes,
        order: meta.order,
        replaced: existing !== undefined,
      });
      return { hook: toHookMessage(meta, clone.get(name) === meta.sha256), changed: true };
    },

    ListHooks: async () => {
      const clone = await currentClone();
      const hooks = registry.all();
      const registered = new Map(hooks.map((h) => [h.name, h.sha256]));
      return {
        hooks: hooks.map((h) => toHookMessage(h, clone.get(h.name) === h.sha256)),
        cloneOnly: [...clone].filter(([name, sum]) => registered.get(name) !== sum).map(([name]) => name),
      };
    },

    GetHook: async (request, call) => {
      const hook = registry.get(checkHookName(request.name));
      const clone = await currentClone();
      // Scripts may hold secrets (a registration token): only roles that may write hooks read them.
      const mayRead = callerMay(call, 'execute');
      return {
        hook: toHookMessage(hook, clone.get(hook.name) === hook.sha256),
        content: mayRead ? hook.content : Buffer.alloc(0),
        contentWithheld: !mayRead,
      };
    },

    RemoveHook: async (request) => {
      const removed = registry.remove(checkHookName(request.name));
      logger.info('first-boot hook removed', { name: removed.name });
      return { hook: toHookMessage(removed, false) };
    },

    GetResults: async () => firstBoot.results(),
  };
}

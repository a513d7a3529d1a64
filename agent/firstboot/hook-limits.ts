import { FailedPreconditionError, ResourceExhaustedError } from '../../shared/errors';
import type { HookMeta } from './hook-registry';

/** How many hooks, and how many bytes of scripts in all, the registry may hold. */
export interface HookLimits {
  maxHooks: number;
  maxHooksBytes: number;
}

/**
 * Refuses an add (or replace) of `name` with `sizeBytes` of script that would take the
 * registry past its limits: every hook is embedded in each clone's runner, so an
 * unbounded registry would make StartClone build a runner of any size.
 */
export function checkHookRoom(
  registered: readonly HookMeta[],
  name: string,
  sizeBytes: number,
  limits: HookLimits,
): void {
  const others = registered.filter((h) => h.name !== name);
  if (others.length + 1 > limits.maxHooks) {
    throw new ResourceExhaustedError(
      'maxHooks',
      `${others.length} hooks are registered, the most this agent allows (maxHooks ${limits.maxHooks})`,
      "remove one first (altctl firstboot rm HOST NAME), or have the host's admin raise maxHooks",
    );
  }
  const bytes = others.reduce((sum, h) => sum + h.sizeBytes, 0) + sizeBytes;
  if (bytes > limits.maxHooksBytes) {
    throw new ResourceExhaustedError(
      'maxHooksBytes',
      `the hooks' scripts would hold ${bytes} bytes in all, more than this agent allows (maxHooksBytes ${limits.maxHooksBytes})`,
      "remove or shorten hooks first, or have the host's admin raise maxHooksBytes",
    );
  }
}

/** Refuses a clone whose runner would carry more than the limits (they were lowered since the hooks were added). */
export function checkRegistryWithinLimits(registered: readonly HookMeta[], limits: HookLimits): void {
  const bytes = registered.reduce((sum, h) => sum + h.sizeBytes, 0);
  if (registered.length > limits.maxHooks || bytes > limits.maxHooksBytes) {
    throw new FailedPreconditionError(
      'hook-limit',
      `${registered.length} hooks with ${bytes} bytes of scripts are registered, more than this agent allows (maxHooks ${limits.maxHooks}, maxHooksBytes ${limits.maxHooksBytes})`,
      'remove hooks (altctl firstboot rm HOST NAME) until they fit, then clone',
    );
  }
}

import type { Permission } from './access-policy';

/** Who made a call, as the guard established it: what handlers may ask about their caller. */
export interface Caller {
  identity: string;
  role: string;
  permissions: ReadonlySet<Permission>;
}

const callers = new WeakMap<object, Caller>();

/** Called by the guard once it has let a call through. */
export function setCaller(call: object, caller: Caller): void {
  callers.set(call, caller);
}

/** The caller of a call the guard let through; a call that never passed the guard is a bug. */
export function callerOf(call: object): Caller {
  const caller = callers.get(call);
  if (!caller) throw new Error('a handler ran for a call the guard did not check');
  return caller;
}

/** Whether the caller holds a permission beyond the one its RPC needed (reading hook scripts, examining host files). */
export function callerMay(call: object, permission: Permission): boolean {
  return callerOf(call).permissions.has(permission);
}

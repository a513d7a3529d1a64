import type * as grpc from '@grpc/grpc-js';
import type { Permission } from './access-policy';

/** Who made a call, as the guard established it: what handlers may ask about their caller. */
export interface Caller {
  identity: string;
  role: string;
  permissions: ReadonlySet<Permission>;
}

/** What a handler's call (unary or streaming) carries that the guard saw too: its request metadata. */
export interface GuardedCall {
  readonly metadata: grpc.Metadata;
}

/**
 * Keyed by the call's request metadata: the guard's interceptor sees that object before
 * the handler's call exists, and grpc-js hands the same object to the handler's call.
 */
const callers = new WeakMap<grpc.Metadata, Caller>();

/** Called by the guard once it has let a call through, with the metadata the call came with. */
export function setCaller(metadata: grpc.Metadata, caller: Caller): void {
  callers.set(metadata, caller);
}

/** The caller of a call the guard let through; a call that never passed the guard is a bug. */
export function callerOf(call: GuardedCall): Caller {
  const caller = callers.get(call.metadata);
  if (!caller) throw new Error('a handler ran for a call the guard did not check');
  return caller;
}

/** Whether the caller holds a permission beyond the one its RPC needed (reading hook scripts, examining host files). */
export function callerMay(call: GuardedCall, permission: Permission): boolean {
  return callerOf(call).permissions.has(permission);
}

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The gRPC call a piece of work is done for: its signal aborts when the caller stops
 * waiting (cancelled, past its deadline, or answered already), and its deadline says
 * how long the caller waits at most. Carried implicitly (AsyncLocalStorage) so the
 * inventory and preflight need not pass it through every function; only commands that
 * read ask for it (see RunOptions.readOnly), so nothing that changes the host is ever
 * stopped half-way because a client went away.
 */
export interface CallScope {
  readonly signal: AbortSignal;
  /** Epoch milliseconds; Infinity when the caller set no deadline. */
  readonly deadline: number;
}

const storage = new AsyncLocalStorage<CallScope>();

/** Runs fn (and everything it starts) on behalf of the call. */
export function runInCallScope<T>(scope: CallScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The call the current work is done for, if any. */
export function currentCallScope(): CallScope | undefined {
  return storage.getStore();
}

/**
 * Runs fn outside any call: for work that outlives the call that started it (following a
 * job), which must not be stopped when that call ends.
 */
export function outsideCallScope<T>(fn: () => T): T {
  return storage.exit(fn);
}

/** A gRPC deadline (Date or epoch ms; Infinity for none) as epoch milliseconds. */
export function deadlineMs(deadline: Date | number): number {
  return deadline instanceof Date ? deadline.getTime() : deadline;
}

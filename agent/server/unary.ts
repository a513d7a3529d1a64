import type * as grpc from '@grpc/grpc-js';
import { setMaxListeners } from 'node:events';
import { deadlineMs, runInCallScope } from '../exec/call-scope';
import type { Logger } from '../logger';
import { toServiceError } from './to-service-error';

/**
 * Adapts an async handler to grpc-js's callback style, with error mapping in one place.
 * The handler runs in the call's scope (call-scope.ts): when the client cancels, the
 * deadline passes or the answer is sent, the scope's signal aborts, and every host
 * command still reading for this call is killed instead of running on for nobody.
 */
export function unary<Req, Res>(
  rpc: string,
  logger: Logger,
  handler: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const ended = new AbortController();
    // One call may run many commands at once (a disk survey of a large host), each listening
    // for this abort until it ends: not a leak, so no MaxListenersExceededWarning on stderr.
    setMaxListeners(0, ended.signal);
    const deadline = deadlineMs(call.getDeadline());
    // grpc-js ends a call at its deadline and then reports it cancelled; the timer makes that sure.
    const timer = Number.isFinite(deadline) ? setTimeout(() => ended.abort(new Error(`${rpc}: deadline passed`)), Math.max(0, deadline - Date.now())) : undefined;
    timer?.unref();
    call.once('cancelled', () => ended.abort(new Error(`${rpc}: cancelled by the client`)));
    runInCallScope({ signal: ended.signal, deadline }, async () => handler(call.request, call))
      .then(
        (response) => callback(null, response),
        (err: unknown) => callback(toServiceError(err, rpc, logger) as grpc.ServiceError),
      )
      .finally(() => {
        clearTimeout(timer);
        ended.abort(new Error(`${rpc}: answered`));
      });
  };
}

import type * as grpc from '@grpc/grpc-js';
import { setMaxListeners } from 'node:events';
import { deadlineMs, runInCallScope } from '../exec/call-scope';
import type { Logger } from '../logger';
import { rpcName } from '../security/rpc-permissions';
import { toServiceError } from './to-service-error';

/** A unary RPC as a service writes it: the request in, the response (or a thrown error) out. */
export type UnaryHandler<Req, Res> = (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>;

/** A server-streaming RPC as a service writes it; fail(err) ends the stream with err as its status. */
export type StreamHandler<Req, Res> = (call: grpc.ServerWritableStream<Req, Res>, fail: (err: unknown) => void) => void;

/**
 * A service's handler table as the services write it, from the generated one (H, e.g.
 * CloneServiceHandlers): the same method names, unary ones async. Nothing in it names
 * its RPC: the name comes from the service definition.
 */
export type ServiceImplementation<H> = {
  [
    K in keyof H as string extends K ? never : number extends K ? never : K
  ]: H[K] extends grpc.handleServerStreamingCall<infer Req, infer Res>
    ? StreamHandler<Req, Res>
    : H[K] extends grpc.handleUnaryCall<infer Req, infer Res>
      ? UnaryHandler<Req, Res>
      : never;
};

/**
 * grpc-js's handler table for one service, made once from what the service wrote: each
 * RPC's name (Service.Method) from its path in the definition; errors mapped to a status
 * in one place. A method the table leaves out is left out (grpc-js answers UNIMPLEMENTED).
 * Who may call is not decided here: the guard's interceptor does that before a handler runs.
 */
export function toGrpcHandlers(
  definition: grpc.ServiceDefinition,
  implementation: object,
  logger: Logger,
): grpc.UntypedServiceImplementation {
  const handlers: grpc.UntypedServiceImplementation = {};
  type Written = UnaryHandler<unknown, unknown> | StreamHandler<unknown, unknown> | undefined;
  const written = implementation as Record<string, Written>;
  for (const [method, attrs] of Object.entries(definition)) {
    const handler = written[method];
    if (!handler) continue;
    const rpc = rpcName(attrs.path);
    if (attrs.requestStream) throw new Error(`${rpc} streams its requests, which the agent does not serve`);
    handlers[method] = (
      attrs.responseStream
        ? streaming(rpc, logger, handler as StreamHandler<unknown, unknown>)
        : unary(rpc, logger, handler as UnaryHandler<unknown, unknown>)
    ) as grpc.UntypedHandleCall;
  }
  return handlers;
}

/**
 * Adapts an async handler to grpc-js's callback style, with error mapping in one place.
 * The handler runs in the call's scope (call-scope.ts): when the client cancels, the
 * deadline passes or the answer is sent, the scope's signal aborts, and every host
 * command still reading for this call is killed instead of running on for nobody.
 */
function unary<Req, Res>(rpc: string, logger: Logger, handler: UnaryHandler<Req, Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const ended = new AbortController();
    // One call may run many commands at once (a disk survey of a large host), each listening
    // for this abort until it ends: not a leak, so no MaxListenersExceededWarning on stderr.
    setMaxListeners(0, ended.signal);
    const deadline = deadlineMs(call.getDeadline());
    // grpc-js ends a call at its deadline and then reports it cancelled; the timer makes that sure.
    const timer = Number.isFinite(deadline)
      ? setTimeout(() => ended.abort(new Error(`${rpc}: deadline passed`)), Math.max(0, deadline - Date.now()))
      : undefined;
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

/** A streaming handler, given the way to end its stream with an error mapped to a status. */
function streaming<Req, Res>(
  rpc: string,
  logger: Logger,
  handler: StreamHandler<Req, Res>,
): grpc.handleServerStreamingCall<Req, Res> {
  const fail = (call: grpc.ServerWritableStream<Req, Res>, err: unknown): void => {
    call.emit('error', toServiceError(err, rpc, logger) as grpc.ServiceError);
  };
  return (call) => handler(call, (err) => fail(call, err));
}

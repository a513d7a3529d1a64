import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '../logger';
import { toServiceError } from './to-service-error';

/** Adapts an async handler to grpc-js's callback style, with error mapping in one place. */
export function unary<Req, Res>(
  rpc: string,
  logger: Logger,
  handler: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    handler(call.request, call).then(
      (response) => callback(null, response),
      (err: unknown) => callback(toServiceError(err, rpc, logger) as grpc.ServiceError),
    );
  };
}

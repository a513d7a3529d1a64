import * as grpc from '@grpc/grpc-js';
import { AltdiskError, DETAIL_PREFIX } from '../../shared/errors';
import type { Logger } from '../logger';

/**
 * Turns anything a handler threw into a gRPC status. Our typed errors carry their
 * own code and a message meant for the caller; anything else is a bug or an
 * unexpected host failure: logged in full here, summarised to the caller.
 */
export function toServiceError(err: unknown, rpc: string, logger: Logger): Partial<grpc.StatusObject> {
  if (err instanceof AltdiskError) {
    const metadata = new grpc.Metadata();
    for (const [key, value] of Object.entries(err.details)) metadata.set(`${DETAIL_PREFIX}${key}`, value);
    const level = err.code === grpc.status.INTERNAL ? 'error' : 'info';
    logger[level]('request refused', { rpc, code: grpc.status[err.code], error: err.message });
    return { code: err.code, details: err.message, metadata };
  }
  const message = err instanceof Error ? err.message : String(err);
  logger.error('request failed unexpectedly', { rpc, error: message, stack: err instanceof Error ? err.stack : undefined });
  return { code: grpc.status.INTERNAL, details: `the agent failed while handling ${rpc}: ${message}; see the agent's log for details` };
}

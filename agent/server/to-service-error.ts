import * as grpc from '@grpc/grpc-js';
import { AltdiskError, DETAIL_PREFIX, FailedPreconditionError } from '../../shared/errors';
import { UnsafeFileError } from '../fs/own-files';
import type { Logger } from '../logger';

/**
 * Turns anything a handler threw into a gRPC status. Our typed errors carry their
 * own code and a message meant for the caller; anything else is a bug or an
 * unexpected host failure: logged in full here, summarised to the caller.
 */
export function toServiceError(err: unknown, rpc: string, logger: Logger): Partial<grpc.StatusObject> {
  if (err instanceof AltdiskError) {
    const level = err.code === grpc.status.INTERNAL ? 'error' : 'info';
    logger[level]('request refused', { rpc, code: grpc.status[err.code], error: err.message });
    return statusOf(err);
  }
  if (err instanceof UnsafeFileError) {
    // Something planted in the state directory: the host's state, refused, and loud in the log.
    logger.error('request refused: a file in the state directory is not safe to open', {
      rpc,
      file: err.file,
      problem: err.problem,
    });
    return statusOf(
      new FailedPreconditionError(
        'unsafe-state-file',
        `the agent refused to open ${err.file}: it ${err.problem}`,
        'an administrator must look at the state directory and remove what does not belong there',
      ),
    );
  }
  const storage = storageProblem(err);
  if (storage) {
    logger.error('request refused: the agent cannot write its files', { rpc, error: (err as Error).message });
    const metadata = new grpc.Metadata();
    metadata.set(`${DETAIL_PREFIX}state`, storage.state);
    return { code: grpc.status.FAILED_PRECONDITION, details: storage.message, metadata };
  }
  const message = err instanceof Error ? err.message : String(err);
  logger.error('request failed unexpectedly', {
    rpc,
    error: message,
    stack: err instanceof Error ? err.stack : undefined,
  });
  return {
    code: grpc.status.INTERNAL,
    details: `the agent failed while handling ${rpc}: ${message}; see the agent's log for details`,
  };
}

/** A typed error as the caller receives it: its code, its message, its details as altdisk-* metadata. */
export function statusOf(err: AltdiskError): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(err.details)) metadata.set(`${DETAIL_PREFIX}${key}`, value);
  return { code: err.code, details: err.message, metadata };
}

/**
 * A full or read-only file system under the agent's state directory is the host's
 * state, not a bug: say which path and what to do. Writes are atomic (temporary file,
 * then rename), so a refused write leaves the previous file whole.
 */
function storageProblem(err: unknown): { state: string; message: string } | undefined {
  const e = err as NodeJS.ErrnoException;
  const where = e?.path ? ` (writing ${e.path})` : '';
  switch (e?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        state: 'storage-full',
        message: `the agent's file system is full${where}; nothing was changed: free space in the agent's state directory, then retry`,
      };
    case 'EROFS':
      return {
        state: 'storage-read-only',
        message: `the agent's file system is read-only${where}; nothing was changed: remount it read-write (or point --state-dir elsewhere), then retry`,
      };
    default:
      return undefined;
  }
}

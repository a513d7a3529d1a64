import { status } from '@grpc/grpc-js';

/**
 * altctl's exit statuses, documented in README.md. Config-management tools branch on
 * these, so they are part of the interface: add new ones, never renumber.
 */
export const EXIT = {
  OK: 0,
  /** The operation ran and failed (a host command failed, an internal error). */
  FAILED: 1,
  /** The command line or a request field was wrong: fix the input. */
  USAGE: 2,
  /** The host's state forbids the operation: change the state first. */
  PRECONDITION: 3,
  /** The agent could not be reached. */
  UNREACHABLE: 4,
  /** The agent refused the caller's identity or role. */
  DENIED: 5,
  /** The agent did not answer within --timeout; the operation may still be running. */
  TIMEOUT: 6,
  /** The job was cancelled (by `altctl cancel`, another caller, or the agent). */
  CANCELLED: 7,
  /**
   * Ctrl-C while following a job: altctl stopped watching, the job goes on. 128 + SIGINT,
   * as a shell reports a command killed by Ctrl-C, so scripts see the usual value.
   */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeForStatus(code: status): ExitCode {
  switch (code) {
    case status.INVALID_ARGUMENT:
    case status.NOT_FOUND:
    case status.OUT_OF_RANGE:
      return EXIT.USAGE;
    case status.FAILED_PRECONDITION:
    case status.ALREADY_EXISTS:
    case status.RESOURCE_EXHAUSTED: // a cap of the agent's (hooks, watch streams): remove some, or wait
      return EXIT.PRECONDITION;
    case status.UNAVAILABLE:
      return EXIT.UNREACHABLE;
    case status.UNAUTHENTICATED:
    case status.PERMISSION_DENIED:
      return EXIT.DENIED;
    case status.DEADLINE_EXCEEDED:
      return EXIT.TIMEOUT;
    default:
      return EXIT.FAILED;
  }
}

/**
 * A followed job's outcome as an exit status: only success is 0, so `altctl clone ... &&
 * next-step` is safe; a job still running (never passed here by the follower) is a failure.
 */
export function exitCodeForJobState(state: string): ExitCode {
  switch (state) {
    case 'JOB_STATE_SUCCEEDED':
      return EXIT.OK;
    case 'JOB_STATE_CANCELLED':
      return EXIT.CANCELLED;
    default:
      return EXIT.FAILED;
  }
}

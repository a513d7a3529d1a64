import { status } from '@grpc/grpc-js';

/**
 * Errors that cross the wire. Each carries the gRPC status it maps to and a message
 * written for the person who has to act on it: what was wrong, then what to do.
 */
export abstract class AltdiskError extends Error {
  abstract readonly code: status;
  /** Extra facts sent as response metadata (keys without the altdisk- prefix). */
  readonly details: Readonly<Record<string, string>>;

  constructor(message: string, details: Record<string, string> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
  }
}

/** A request field is wrong whatever the host's state. Names the field and the fix. */
export class InvalidArgumentError extends AltdiskError {
  readonly code = status.INVALID_ARGUMENT;
  constructor(
    readonly field: string,
    problem: string,
    remedy: string,
  ) {
    super(`${field}: ${problem}; ${remedy}`, { field });
  }
}

/** The request is well formed but the host's state forbids it. Names that state. */
export class FailedPreconditionError extends AltdiskError {
  readonly code = status.FAILED_PRECONDITION;
  constructor(
    readonly state: string,
    problem: string,
    remedy: string,
  ) {
    super(`${problem}; ${remedy}`, { state });
  }
}

/** Something the request names does not exist (a job id, a hook). */
export class NotFoundError extends AltdiskError {
  readonly code = status.NOT_FOUND;
}

/** Something of that name exists already and differs from what was asked. */
export class AlreadyExistsError extends AltdiskError {
  readonly code = status.ALREADY_EXISTS;
}

/** The caller presented no usable client certificate. */
export class UnauthenticatedError extends AltdiskError {
  readonly code = status.UNAUTHENTICATED;
}

/** The caller is known but its role does not allow the call. */
export class PermissionDeniedError extends AltdiskError {
  readonly code = status.PERMISSION_DENIED;
}

/** A cap on what callers may make the agent hold is reached (hooks, watch streams). Names the limit. */
export class ResourceExhaustedError extends AltdiskError {
  readonly code = status.RESOURCE_EXHAUSTED;
  constructor(
    readonly limit: string,
    problem: string,
    remedy: string,
  ) {
    super(`${problem}; ${remedy}`, { limit });
  }
}

/** A host command failed in a way the caller cannot fix by changing the request. */
export class HostCommandError extends AltdiskError {
  readonly code = status.INTERNAL;
}

/** A host command did not answer in time. */
export class HostTimeoutError extends AltdiskError {
  readonly code = status.DEADLINE_EXCEEDED;
}

/** Metadata keys carrying AltdiskError.details on the wire. */
export const DETAIL_PREFIX = 'altdisk-';

/** The detail (altdisk-findings) in which a preflight refusal carries every finding, as JSON. */
export const FINDINGS_DETAIL = 'findings';

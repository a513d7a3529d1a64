/**
 * Errors of the emulator itself (not AIX errors: those are printed by the commands in
 * AIX's words). Each names what went wrong and what to do about it.
 */
export class AixsimError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** DIR/state.json is missing, unreadable or not a host written by this version. */
export class StateCorruptError extends AixsimError {}

/** Another process held DIR/state.lock for longer than we were willing to wait. */
export class LockTimeoutError extends AixsimError {
  constructor(
    readonly lockPath: string,
    readonly holder: string,
    readonly waitedMs: number,
  ) {
    super(
      `${lockPath} is still held by ${holder} after ${waitedMs} ms; ` +
        'if that process is hung, stop it (a lock of a dead process is broken automatically)',
    );
  }
}

/** aixsim init was asked for something it cannot build. */
export class InitError extends AixsimError {}

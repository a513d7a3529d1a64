import type { LockOptions } from '../state/lock';
import type { HostState } from '../state/model';
import type { HostPaths } from '../state/paths';

/**
 * What a command module gets: its arguments, the host, and two output buffers. Commands
 * are synchronous functions returning the exit status; the dispatcher owns the process.
 */
export interface CommandContext {
  /** The command name as AIX prints it in messages (lspv, bootlist ...). */
  readonly name: string;
  readonly args: readonly string[];
  readonly paths: HostPaths;
  readonly out: Output;
  readonly err: Output;
  /** The state, read (lock-free) on first use and cached for the rest of the run. */
  state(): HostState;
  /** Read-modify-write under DIR/state.lock; the cached state() is replaced by the result. */
  mutate<T>(change: (state: HostState) => T, options?: LockOptions): T;
  now(): Date;
}

export interface Output {
  write(text: string): void;
}

export type CommandMain = (ctx: CommandContext) => number;

/**
 * A long-running command (alt_disk_copy): its output goes straight to the process's
 * stdout/stderr as it is produced, because the agent tails it from a file while the
 * command runs; it may be signalled (SIGTERM) and must survive its parent's death.
 */
export type StreamingMain = (ctx: CommandContext) => Promise<number>;

/** What a command module exports: one of the two entry points. */
export interface CommandModule {
  main?: CommandMain;
  run?: StreamingMain;
}

/** Exit status for failures of the emulator itself, distinct from any AIX status. */
export const EXIT_AIXSIM_ERROR = 70;
/** The state lock could not be taken in time. */
export const EXIT_LOCK_TIMEOUT = 75;

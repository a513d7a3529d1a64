import { AixsimError, LockTimeoutError } from './errors';
import { EXIT_AIXSIM_ERROR, EXIT_LOCK_TIMEOUT, type CommandContext } from './commands/context';
import { isCommandName, loadCommand } from './commands/registry';
import type { LockOptions } from './state/lock';
import type { HostState } from './state/model';
import { hostPaths } from './state/paths';
import { mutateState, readState } from './state/store';

/**
 * Entry point of every DIR/bin/<command> stub. Kept to a handful of requires: the state
 * store, and the one command module asked for.
 */
export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs one command against a host directory and returns what it printed. */
export function execute(hostDir: string, command: string, args: readonly string[], now: () => Date = () => new Date()): CommandResult {
  const out: string[] = [];
  const err: string[] = [];
  const paths = hostPaths(hostDir);
  let cached: HostState | undefined;
  const ctx: CommandContext = {
    name: command,
    args,
    paths,
    out: { write: (t) => void out.push(t) },
    err: { write: (t) => void err.push(t) },
    state: () => (cached ??= readState(paths)),
    mutate: <T>(change: (s: HostState) => T, options?: LockOptions): T => {
      let after: HostState | undefined;
      const result = mutateState(
        paths,
        (s) => {
          const r = change(s);
          after = s;
          return r;
        },
        options,
      );
      cached = after;
      return result;
    },
    now,
  };
  let exitCode: number;
  try {
    if (!isCommandName(command)) {
      err.push(`aixsim: ${command}: not an emulated command\n`);
      exitCode = 127;
    } else {
      exitCode = loadCommand(command)(ctx);
    }
  } catch (e) {
    if (e instanceof LockTimeoutError) {
      err.push(`${command}: aixsim: ${e.message}\n`);
      exitCode = EXIT_LOCK_TIMEOUT;
    } else if (e instanceof AixsimError) {
      err.push(`${command}: aixsim: ${e.message}\n`);
      exitCode = EXIT_AIXSIM_ERROR;
    } else {
      err.push(`${command}: aixsim internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      exitCode = EXIT_AIXSIM_ERROR;
    }
  }
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}

/** Called by the stubs: runs the command with this process's arguments and sets the exit status. */
export function main(hostDir: string, command: string, args: readonly string[] = process.argv.slice(2)): void {
  const result = execute(hostDir, command, args);
  if (result.stdout !== '') process.stdout.write(result.stdout);
  if (result.stderr !== '') process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}

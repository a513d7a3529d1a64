import * as fs from 'node:fs';
import { AixsimError, LockTimeoutError } from './errors';
import {
  EXIT_AIXSIM_ERROR,
  EXIT_LOCK_TIMEOUT,
  type CommandContext,
  type CommandModule,
  type Output,
} from './commands/context';
import { commandModulePath, isCommandName, type CommandName } from './commands/registry';
import { sleepMs, type LockOptions } from './state/lock';
import { faultsOf, numberParam } from './state/faults';
import type { HostState } from './state/model';
import { hostPaths, type HostPaths } from './state/paths';
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

function makeContext(
  paths: HostPaths,
  command: string,
  args: readonly string[],
  out: Output,
  err: Output,
  now: () => Date,
  initial?: HostState,
): CommandContext {
  let cached: HostState | undefined = initial;
  return {
    name: command,
    args,
    paths,
    out,
    err,
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
}

/** The one command module this process runs (the registry itself requires none). */
function loadCommand(name: CommandName): CommandModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path from the registry: one module a process
  return require(commandModulePath(name)) as CommandModule;
}

/** Turns an exception into the message and status every command uses for emulator failures. */
function failure(command: string, e: unknown, err: Output): number {
  if (e instanceof LockTimeoutError) {
    err.write(`${command}: aixsim: ${e.message}\n`);
    return EXIT_LOCK_TIMEOUT;
  }
  if (e instanceof AixsimError) {
    err.write(`${command}: aixsim: ${e.message}\n`);
    return EXIT_AIXSIM_ERROR;
  }
  err.write(`${command}: aixsim internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return EXIT_AIXSIM_ERROR;
}

/** Runs one (synchronous) command against a host directory and returns what it printed. */
export function execute(
  hostDir: string,
  command: string,
  args: readonly string[],
  now: () => Date = () => new Date(),
  initial?: HostState,
): CommandResult {
  const out: string[] = [];
  const err: string[] = [];
  const errOut: Output = { write: (t) => void err.push(t) };
  const ctx = makeContext(hostPaths(hostDir), command, args, { write: (t) => void out.push(t) }, errOut, now, initial);
  let exitCode: number;
  try {
    if (!isCommandName(command)) {
      err.push(`aixsim: ${command}: not an emulated command\n`);
      exitCode = 127;
    } else {
      const mod = loadCommand(command);
      if (!mod.main) throw new AixsimError(`${command} streams its output; run it as a process`);
      exitCode = mod.main(ctx);
    }
  } catch (e) {
    exitCode = failure(command, e, errOut);
  }
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}

/**
 * Writes straight to a file descriptor. Synchronous so that a tailing reader sees each
 * line when it is printed; a reader that went away (EPIPE) must not kill a clone that is
 * half done, so write errors are dropped.
 */
function fdOutput(fd: number): Output {
  return {
    write: (text: string) => {
      let buf = Buffer.from(text);
      for (let tries = 0; buf.length > 0 && tries < 1000; tries++) {
        try {
          const n = fs.writeSync(fd, buf);
          buf = buf.subarray(n);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return;
          sleepMs(5);
        }
      }
    },
  };
}

/** A `slow` fault for this command: how long it waits before it runs (0: none). */
function slowness(state: HostState | undefined, command: string): number {
  return state === undefined
    ? 0
    : Math.max(0, ...faultsOf(state, 'slow', command).map((f) => numberParam(f, 'ms', 1000)));
}

/** A `hang` fault for this command: never return, until a signal kills the process. */
function hangs(state: HostState | undefined, command: string): boolean {
  return state !== undefined && faultsOf(state, 'hang', command).length > 0;
}

/** Called by the stubs: runs the command with this process's arguments and sets the exit status. */
export function main(hostDir: string, command: string, args: readonly string[] = process.argv.slice(2)): void {
  const paths = hostPaths(hostDir);
  let state: HostState | undefined;
  try {
    state = readState(paths);
  } catch {
    // The command reports the unreadable state in its own words when it needs it.
  }
  if (hangs(state, command)) {
    setInterval(() => undefined, 1 << 30);
    return;
  }
  const delay = slowness(state, command);
  if (delay > 0) {
    setTimeout(() => afterLock(paths, hostDir, command, args, state), delay);
    return;
  }
  afterLock(paths, hostDir, command, args, state);
}

/** How often a command waiting on a VG's lock looks again, as AIX's LVM commands retry. */
const LOCK_RETRY_MS = 200;

/**
 * A vg-locked fault on the VG this command reads: say so (0516-1201) and retry until the
 * lock is free, then run on the state as it is by then. Killing the process is the only
 * other way out, as on AIX.
 */
function afterLock(
  paths: HostPaths,
  hostDir: string,
  command: string,
  args: readonly string[],
  state: HostState | undefined,
): void {
  if (state === undefined || !state.faults.some((f) => f.kind === 'vg-locked')) {
    run(paths, hostDir, command, args, state);
    return;
  }
  const { lockedVgFor, vgStillLocked } = require('./state/vg-lock') as typeof import('./state/vg-lock');
  const vg = lockedVgFor(state, command, args);
  if (vg === null) {
    run(paths, hostDir, command, args, state);
    return;
  }
  const { lvmMessages } = require('./format/lvm-messages') as typeof import('./format/lvm-messages');
  fdOutput(2).write(lvmMessages.vgLocked(command, vg));
  const retry = setInterval(() => {
    let now: HostState;
    try {
      now = readState(paths);
    } catch {
      return; // being replaced: look again
    }
    if (vgStillLocked(now, vg)) return;
    clearInterval(retry);
    run(paths, hostDir, command, args, now);
  }, LOCK_RETRY_MS);
}

function run(
  paths: HostPaths,
  hostDir: string,
  command: string,
  args: readonly string[],
  state: HostState | undefined,
): void {
  const mod = isCommandName(command) ? loadCommand(command) : undefined;
  if (mod?.run) {
    const err = fdOutput(2);
    const ctx = makeContext(paths, command, args, fdOutput(1), err, () => new Date(), state);
    mod
      .run(ctx)
      .then((code) => {
        process.exitCode = code;
      })
      .catch((e: unknown) => {
        process.exitCode = failure(command, e, err);
      });
    return;
  }
  const result = execute(hostDir, command, args, () => new Date(), state);
  if (result.stdout !== '') process.stdout.write(result.stdout);
  if (result.stderr !== '') process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}

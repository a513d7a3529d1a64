import { status } from '@grpc/grpc-js';
import { AltdiskError } from '../../shared/errors';
import { currentCallScope } from '../exec/call-scope';
import { CommandStoppedError, type CommandResult } from '../exec/command-errors';
import type { CommandRunner, RunOptions } from '../exec/command-runner';
import type { Logger } from '../logger';
import { parseVgLockWarning, type VgLockWarning } from './parsers/lvm-lock';

/**
 * How long a reading command may wait for a volume group's lock once it has said so
 * (0516-1201). A lock held by another command that only reads is freed within a second;
 * one held longer belongs to a long LVM change (mirrorvg, reorgvg) or to a command that
 * died holding it, and waiting on would only end at the caller's deadline with nothing
 * said about why.
 */
export const VG_LOCK_PATIENCE_MS = 10_000;
/** The answer must reach the caller before its deadline: give up this long before it. */
const DEADLINE_MARGIN_MS = 1_000;

/** The LVM commands that read a volume group and wait for its lock. */
const LVM_READERS = new Set(['lsvg', 'lslv', 'lspv']);

const REMEDY = (vg: string) =>
  `another LVM command holds the lock: let it finish, then retry (ps -ef shows it: lsvg, lslv, lspv, chvg, mklv, extendlv, mirrorvg, syncvg, reorgvg, varyonvg ...); ` +
  `only if no LVM command is running was the lock left by one that died: then remove it with chvg -u ${vg}, and retry`;

/** A volume group's lock kept a reading command waiting: the host's state, with what to do about it. */
export class VgLockedError extends AltdiskError {
  readonly code = status.FAILED_PRECONDITION;
  constructor(
    readonly vg: string,
    readonly command: string,
    problem: string,
  ) {
    super(`${problem}; ${REMEDY(vg)}`, { state: 'vg-locked', vg, command });
  }
}

/** A command of ours now waiting for a VG's lock. */
interface Waiter {
  vg: string;
  line: string;
  since: number;
}

/**
 * Wraps the runner for commands that only read: when lsvg, lslv or lspv say the volume
 * group is locked (0516-1201, after which AIX retries until the lock is free), the
 * command is given until VG_LOCK_PATIENCE_MS (or until shortly before the call's
 * deadline) and then killed, and the call is answered with the VG, the warning and what
 * to do. While one command waits on a VG's lock, another reading that VG is refused at
 * once instead of started: retries must not pile up blocked processes on the host.
 * Commands that change the host pass through untouched.
 */
export class VgLockRunner implements CommandRunner {
  private readonly waiting = new Set<Waiter>();

  constructor(
    private readonly inner: CommandRunner,
    private readonly logger: Logger,
    private readonly patienceMs = VG_LOCK_PATIENCE_MS,
  ) {}

  resolve(command: string): string {
    return this.inner.resolve(command);
  }

  environment(): Record<string, string> {
    return this.inner.environment();
  }

  async run(command: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    if (!options.readOnly || !LVM_READERS.has(command)) return this.inner.run(command, args, options);
    const line = [command, ...args].join(' ');
    const busy = this.waiterFor(line, args);
    if (busy) {
      const seconds = Math.round((Date.now() - busy.since) / 1000);
      this.logger.warn('command not started: its volume group is locked', {
        command,
        args,
        vg: busy.vg,
        waiting: busy.line,
      });
      throw new VgLockedError(
        busy.vg,
        command,
        `volume group ${busy.vg} is locked: ${busy.line} has been waiting ${seconds} s for its lock (0516-1201), and the agent starts no other command that would wait behind it`,
      );
    }
    const deadline = currentCallScope()?.deadline ?? Infinity;
    const patience = new AbortController();
    let warning: VgLockWarning | null = null;
    let waiter: Waiter | undefined;
    let timer: NodeJS.Timeout | undefined;
    let said = '';
    const onStderr = (chunk: string): void => {
      options.onStderr?.(chunk);
      // LVM prints the warning before anything else: past the first few KiB, stop looking
      if (warning || said.length > 8192) return;
      said += chunk;
      warning = parseVgLockWarning(said);
      if (!warning) return;
      waiter = { vg: warning.vg, line, since: Date.now() };
      this.waiting.add(waiter);
      const waitMs = this.waitMs(deadline);
      this.logger.warn('volume group locked: the command waits for its lock', {
        command,
        args,
        vg: warning.vg,
        warning: warning.text,
        giveUpInMs: waitMs,
      });
      timer = setTimeout(() => patience.abort(), waitMs);
    };
    const signal = options.signal ? AbortSignal.any([options.signal, patience.signal]) : patience.signal;
    const started = Date.now();
    try {
      return await this.inner.run(command, args, { ...options, signal, onStderr });
    } catch (err) {
      if (err instanceof CommandStoppedError && patience.signal.aborted && warning !== null) {
        const vg = (warning as VgLockWarning).vg;
        const seconds = Math.round((Date.now() - started) / 1000);
        throw new VgLockedError(
          vg,
          command,
          `volume group ${vg} is locked: ${line} said "${(warning as VgLockWarning).text}" and was still waiting after ${seconds} s, so the agent stopped it`,
        );
      }
      throw err;
    } finally {
      clearTimeout(timer);
      if (waiter) this.waiting.delete(waiter);
    }
  }

  /** A command now waiting on a lock this one would wait on too: the same command line, or a VG it names. */
  private waiterFor(line: string, args: readonly string[]): Waiter | undefined {
    for (const w of this.waiting) if (w.line === line || args.includes(w.vg)) return w;
    return undefined;
  }

  /** The patience, cut short so the answer reaches the caller before its deadline. */
  private waitMs(deadline: number): number {
    return Math.max(0, Math.min(this.patienceMs, deadline - Date.now() - DEADLINE_MARGIN_MS));
  }
}

import type { CommandContext } from '../context';
import type { Settings } from '../../state/model';

/**
 * What a running alt_disk_copy needs around its phases: output, the step pacing of
 * `aixsim tune --step-delay-ms`, and signals.
 *
 * SIGTERM and SIGINT set a flag that every wait and every batch of copied files checks,
 * so the command stops within a few milliseconds of the signal (Cancelled unwinds to
 * index.ts, which leaves the half-made VG as it is). SIGHUP is ignored: the agent starts
 * alt_disk_copy detached and may itself be killed or restarted mid-clone; the clone must
 * go on. A reader of a pipe going away is handled by the output (dispatch.ts).
 */
export class Cancelled extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`stopped by ${signal}`);
  }
}

export class Runtime {
  private received: NodeJS.Signals | null = null;
  private readonly wakers = new Set<() => void>();
  private readonly onSignal = (sig: NodeJS.Signals) => {
    this.received ??= sig;
    for (const wake of this.wakers) wake();
  };
  private readonly ignore = () => undefined;
  /** -V: print each file as backup lists it. */
  verboseList = false;

  constructor(
    readonly ctx: CommandContext,
    readonly settings: Settings,
  ) {}

  install(): void {
    process.on('SIGTERM', this.onSignal);
    process.on('SIGINT', this.onSignal);
    process.on('SIGHUP', this.ignore);
  }

  uninstall(): void {
    process.off('SIGTERM', this.onSignal);
    process.off('SIGINT', this.onSignal);
    process.off('SIGHUP', this.ignore);
  }

  check(): void {
    if (this.received) throw new Cancelled(this.received);
  }

  /** Waits, waking at once on a signal. */
  async sleep(ms: number): Promise<void> {
    this.check();
    if (ms > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.wakers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        this.wakers.add(done);
      });
    } else {
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.check();
  }

  /** One progress line on stdout, then the configured pause. */
  async step(line: string): Promise<void> {
    this.check();
    this.ctx.out.write(`${line}\n`);
    await this.sleep(this.settings.stepDelayMs);
  }

  say(line: string): void {
    this.ctx.out.write(`${line}\n`);
  }

  error(text: string): void {
    this.ctx.err.write(text);
  }
}

/** The command stops with this status; its message was printed already. */
export class Fatal extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

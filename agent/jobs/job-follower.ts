import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import type { Logger } from '../logger';
import { openOwnFile, readOwnJson } from '../fs/own-files';
import type { CopyProbe } from './copy-probe';
import type { Cursor, EventJournal, NewEvent } from './event-journal';
import { HEARTBEAT_STALE_MS, type ExitRecord, type JobFiles, type SupervisorInfo } from './job-files';
import type { JobProgress } from './job-record';
import { interpretExit, interpretLine, type InterpreterState } from './output-interpreter';
import { floorPercent, measureCopy, snapshot } from './progress-model';

/** How the follower ends a job: kind-specific conclusions (cleanup, summary). */
export type Conclude = (exit: ExitRecord | null, lostReason: string | null) => Promise<NewEvent>;

export interface FollowerOptions {
  files: JobFiles;
  journal: EventJournal;
  interpreter: InterpreterState;
  outputOffset: number;
  logger: Logger;
  copyProbe: CopyProbe | undefined;
  conclude: Conclude;
  pollMs?: number;
  probeEveryMs?: number;
  /** Output read per step (default 128 KiB): bounds the agent's memory and the time one step blocks it. */
  maxReadBytes?: number;
}

/**
 * Follows one running job: reads what the command writes to output.log, turns the
 * lines into events, measures the copy, and notices the end (exit.json from the
 * supervisor, or a supervisor that vanished). Each batch of events is committed to
 * the journal together with the cursor to resume from; that is all the state there
 * is, so a restarted agent makes a new follower from the last cursor and carries on.
 */
export class JobFollower extends EventEmitter {
  private offset: number;
  private readonly state: InterpreterState;
  private timer: NodeJS.Timeout | undefined;
  private lastProbeMs = 0;
  private probing = false;
  /** The exit's closing events are journaled. */
  private closed = false;
  private stopped = false;

  constructor(private readonly options: FollowerOptions) {
    super();
    this.offset = options.outputOffset;
    this.state = options.interpreter;
  }

  get warnings(): readonly string[] {
    return this.state.warnings;
  }

  get progress(): JobProgress {
    return snapshot(this.state.progress, this.state.step, Date.now());
  }

  start(): void {
    this.schedule(0);
  }

  /** Stops following without concluding (the agent is shutting down; the job goes on). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick().catch((err: unknown) => {
        this.options.logger.error('job follower failed', { job: this.options.files.dir, error: (err as Error).message });
        this.schedule(this.options.pollMs ?? 200);
      });
    }, ms);
  }

  private async tick(): Promise<void> {
    // exit.json first: the command's output is all in the file before the supervisor writes it.
    const exit = readOwnJson<ExitRecord>(this.options.files.exit);
    this.commit(this.readOutput(exit !== undefined));
    if (this.state.copying) this.commit(await this.probeCopy());
    // More output than one read takes: go again at once, in small steps, so memory
    // stays bounded by the step, not by how much the command has written.
    if (!this.readAll()) return this.schedule(0);
    if (exit === undefined) {
      const lost = this.supervisorLost();
      if (lost) return this.conclude(null, lost);
      return this.schedule(this.options.pollMs ?? 200);
    }
    return this.conclude(exit, null);
  }

  /**
   * Ticks never overlap, so no guard against re-entry is needed; a conclusion that throws
   * (a full disk) is tried again by the next tick, without the closing events twice.
   */
  private async conclude(exit: ExitRecord | null, lost: string | null): Promise<void> {
    if (!this.closed) {
      this.commit(exit ? interpretExit(this.state, exit.exitCode) : []);
      this.closed = true;
    }
    const finished = await this.options.conclude(exit, lost);
    this.commit([{ ...finished, percent: finished.state === 'JOB_STATE_SUCCEEDED' ? 100 : this.state.progress.percent }]);
    this.stopped = true;
    this.emit('finished');
  }

  /** Complete lines past the offset; the last partial line too once the command has exited. */
  private readOutput(exited: boolean): NewEvent[] {
    let size: number;
    try {
      size = fs.statSync(this.options.files.output).size;
    } catch {
      return [];
    }
    if (size <= this.offset) return [];
    const maxRead = this.options.maxReadBytes ?? 128 * 1024;
    const length = Math.min(size - this.offset, maxRead);
    const buffer = Buffer.alloc(length);
    const fd = openOwnFile(this.options.files.output, fs.constants.O_RDONLY);
    try {
      fs.readSync(fd, buffer, 0, length, this.offset);
    } finally {
      fs.closeSync(fd);
    }
    const lastNewline = buffer.lastIndexOf(10);
    const readAllOfIt = this.offset + length === size;
    // A line longer than one read is taken in pieces; waiting for its end would never end.
    const full = length === maxRead;
    const usable = lastNewline >= 0 ? lastNewline + 1 : (exited && readAllOfIt) || full ? length : 0;
    const end = exited && readAllOfIt ? length : usable;
    if (end === 0) return [];
    const now = Date.now();
    const events = buffer
      .toString('utf8', 0, end)
      .split('\n')
      .flatMap((line) => interpretLine(this.state, line, now));
    this.offset += end;
    return events;
  }

  private readAll(): boolean {
    try {
      return fs.statSync(this.options.files.output).size <= this.offset;
    } catch {
      return true;
    }
  }

  private async probeCopy(): Promise<NewEvent[]> {
    const probe = this.options.copyProbe;
    const now = Date.now();
    if (!probe || this.probing || now - this.lastProbeMs < (this.options.probeEveryMs ?? 2000)) return [];
    this.probing = true;
    this.lastProbeMs = now;
    try {
      const fraction = await probe.fraction();
      if (fraction === null || !this.state.copying) return [];
      measureCopy(this.state.progress, fraction);
      const p = snapshot(this.state.progress, this.state.step, Date.now());
      return [{ type: 'EVENT_TYPE_PROGRESS', phase: p.phase, step: p.step, percent: p.percent, etaSeconds: p.etaSeconds, text: `${Math.round(fraction * 100)}% of rootvg copied` }];
    } catch (err) {
      this.options.logger.warn('could not measure copy progress', { error: (err as Error).message });
      return [];
    } finally {
      this.probing = false;
    }
  }

  private commit(events: NewEvent[]): void {
    if (events.length === 0) return;
    const progress = this.progress;
    for (const e of events) {
      e.percent = floorPercent(e.percent ?? progress.percent);
      if (e.type === 'EVENT_TYPE_STEP' || e.type === 'EVENT_TYPE_PHASE_STARTED') e.etaSeconds ??= progress.etaSeconds;
    }
    // A copy, not the live state: the cursor must describe exactly what was committed.
    const cursor: Cursor = { outputOffset: this.offset, interpreter: structuredClone(this.state), progress };
    this.options.journal.append(events, cursor);
  }

  /** The supervisor is gone without writing exit.json: its pid is dead or its heartbeat stale. */
  private supervisorLost(): string | null {
    const info = readOwnJson<SupervisorInfo>(this.options.files.supervisor);
    let heartbeatAge: number;
    try {
      heartbeatAge = Date.now() - fs.statSync(this.options.files.heartbeat).mtimeMs;
    } catch {
      heartbeatAge = info ? Infinity : Date.now() - fs.statSync(this.options.files.launch).mtimeMs;
    }
    if (heartbeatAge < HEARTBEAT_STALE_MS) return null;
    if (info && isAlive(info.pid) && heartbeatAge < 4 * HEARTBEAT_STALE_MS) return null;
    return info
      ? `the job's supervisor (pid ${info.pid}) stopped without recording how the command ended (no heartbeat for ${Math.round(heartbeatAge / 1000)} s)`
      : 'the job\'s supervisor never started';
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import type { Logger } from '../logger';
import { agentUid, openOwnFile, readOwnJson } from '../fs/own-files';
import type { CopyProbe } from './copy-probe';
import type { Cursor, EventJournal, NewEvent } from './event-journal';
import { HEARTBEAT_STALE_MS, type ExitRecord, type JobFiles, type SupervisorInfo } from './job-files';
import { STATE, type JobConclusion, type JobEnd, type JobProgress } from './job-record';
import { interpretExit, interpretLine, type InterpreterState } from './output-interpreter';
import { floorPercent, measureCopy, snapshot } from './progress-model';

/** How the job ended, turned into its conclusion by the job's kind (it may run host commands, and may throw). */
export type Conclude = (end: JobEnd, progress: JobProgress, warnings: readonly string[]) => Promise<JobConclusion>;

export interface FollowerOptions {
  files: JobFiles;
  journal: EventJournal;
  /** Where to resume: the journal's last cursor, or a new job's first. */
  cursor: Cursor;
  logger: Logger;
  copyProbe: CopyProbe | undefined;
  conclude: Conclude;
  /**
   * The host has booted since the job was launched: its supervisor and command died
   * with the old boot, and pids seen now belong to other processes.
   */
  bootChanged?: boolean;
  pollMs?: number;
  probeEveryMs?: number;
  /** Output read per step (default 128 KiB): bounds the agent's memory and the time one step blocks it. */
  maxReadBytes?: number;
}

/** What the follower learns of the job's processes when there is no exit.json. */
type Liveness = { state: 'supervised' } | { state: 'unsupervised'; pgid: number } | { state: 'gone'; end: JobEnd };

const MAX_RETRY_MS = 60_000;

/**
 * Follows one job: reads what the command writes to output.log, turns the lines into
 * events, measures the copy, notices the end, and concludes. Every step is committed
 * to the journal together with the cursor it leads to, and the follower's own state
 * moves only once the commit succeeded: a failed write (a full disk) loses nothing,
 * the next tick reads the same lines again. The end (closing events) and the
 * conclusion (the FINISHED event) are in the cursor too, so a follower made from the
 * last cursor after a kill -9 never repeats them.
 */
export class JobFollower extends EventEmitter {
  private offset: number;
  private state: InterpreterState;
  private end: JobEnd | undefined;
  private concluded: JobConclusion | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastProbeMs = 0;
  private failures = 0;
  private saidUnsupervised = false;
  private stopped = false;

  constructor(private readonly options: FollowerOptions) {
    super();
    this.offset = options.cursor.outputOffset;
    this.state = options.cursor.interpreter as InterpreterState;
    this.end = options.cursor.ended;
    this.concluded = options.cursor.concluded;
  }

  get warnings(): readonly string[] {
    return this.state.warnings;
  }

  get progress(): JobProgress {
    return snapshot(this.state.progress, this.state.step, Date.now());
  }

  /** The command runs without its supervisor: the process group to signal for a cancel. */
  unsupervisedGroup(): number | undefined {
    const live = this.liveness();
    return live.state === 'unsupervised' ? live.pgid : undefined;
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
      this.tick().then(
        () => {
          this.failures = 0;
        },
        (err: unknown) => {
          // A full disk, a descriptor shortage, a host command that fails: nothing has
          // moved, so the same step is tried again, later and later, never judged from it.
          this.failures += 1;
          const retryMs = Math.min(MAX_RETRY_MS, (this.options.pollMs ?? 200) * 2 ** Math.min(this.failures, 10));
          this.options.logger.error('job follower step failed; it will be tried again', {
            job: this.options.files.dir,
            attempt: this.failures,
            retryInMs: retryMs,
            error: (err as Error).message,
          });
          this.schedule(retryMs);
        },
      );
    }, ms);
  }

  private async tick(): Promise<void> {
    if (this.concluded) {
      this.finish(this.concluded);
      return;
    }
    if (!this.end) {
      // exit.json first: the command's output is all in the file before the supervisor writes it.
      const exit = readOwnJson<ExitRecord>(this.options.files.exit);
      this.step((draft) => this.readOutput(draft, exit !== undefined));
      if (this.state.copying) await this.probeCopy();
      // More output than one read takes: go again at once, in small steps, so memory
      // stays bounded by the step, not by how much the command has written.
      if (!this.readAll()) return this.schedule(0);
      if (exit === undefined) {
        const live = this.liveness();
        if (live.state !== 'gone') {
          if (live.state === 'unsupervised' && !this.saidUnsupervised) {
            this.saidUnsupervised = true;
            this.options.logger.warn(
              "the job's supervisor is gone but its command still runs: following the command's process group to its end",
              { job: this.options.files.dir, pgid: live.pgid },
            );
          }
          return this.schedule(this.options.pollMs ?? 200);
        }
        // The supervisor may have written exit.json and exited since it was read above.
        if (readOwnJson<ExitRecord>(this.options.files.exit) !== undefined) return this.schedule(0);
        this.close(live.end);
      } else {
        this.close({ exit, lost: null, unobserved: false });
      }
    }
    await this.conclude(this.end as JobEnd);
  }

  /** Commits the closing events with the end, so they are journaled exactly once. */
  private close(end: JobEnd): void {
    this.step((draft) => ({
      events: end.exit ? interpretExit(draft, end.exit.exitCode) : [],
      offset: this.offset,
      ended: end,
    }));
    this.end = end;
  }

  private async conclude(end: JobEnd): Promise<void> {
    const conclusion = await this.options.conclude(end, this.progress, this.warnings);
    const finished: NewEvent = {
      type: 'EVENT_TYPE_FINISHED',
      state: STATE[conclusion.state],
      exitCode: conclusion.exitCode ?? -1,
      text: conclusion.summary,
      percent: conclusion.state === 'succeeded' ? 100 : this.state.progress.percent,
    };
    // The job's record is saved final only after this commit (JobManager), so a kill in
    // between leaves a journal whose cursor says how the job ended: a restart finishes saving it.
    this.step(() => ({ events: [finished], offset: this.offset, ended: end, concluded: conclusion }));
    this.concluded = conclusion;
    this.finish(conclusion);
  }

  private finish(conclusion: JobConclusion): void {
    this.stopped = true;
    this.emit('finished', conclusion);
  }

  /**
   * Runs `change` on a copy of the interpreter's state, commits the events it returns
   * with the cursor they lead to, and only then makes the copy the follower's state.
   */
  private step(
    change: (draft: InterpreterState) => {
      events: NewEvent[];
      offset: number;
      ended?: JobEnd;
      concluded?: JobConclusion;
    },
  ): void {
    const draft = structuredClone(this.state);
    const { events, offset, ended, concluded } = change(draft);
    if (events.length > 0) {
      const progress = snapshot(draft.progress, draft.step, Date.now());
      for (const e of events) {
        e.percent = floorPercent(e.percent ?? progress.percent);
        if (e.type === 'EVENT_TYPE_STEP' || e.type === 'EVENT_TYPE_PHASE_STARTED') e.etaSeconds ??= progress.etaSeconds;
      }
      const cursor: Cursor = {
        outputOffset: offset,
        interpreter: draft,
        progress,
        ...(ended ? { ended } : {}),
        ...(concluded ? { concluded } : {}),
      };
      this.options.journal.append(events, cursor);
    }
    this.state = draft;
    this.offset = offset;
  }

  /** Complete lines past the offset; the last partial line too once the command has exited. */
  private readOutput(draft: InterpreterState, exited: boolean): { events: NewEvent[]; offset: number } {
    let size: number;
    try {
      size = fs.statSync(this.options.files.output).size;
    } catch {
      return { events: [], offset: this.offset };
    }
    if (size <= this.offset) return { events: [], offset: this.offset };
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
    if (end === 0) return { events: [], offset: this.offset };
    const now = Date.now();
    const events = buffer
      .toString('utf8', 0, end)
      .split('\n')
      .flatMap((line) => interpretLine(draft, line, now));
    return { events, offset: this.offset + end };
  }

  private readAll(): boolean {
    try {
      return fs.statSync(this.options.files.output).size <= this.offset;
    } catch {
      return true;
    }
  }

  private async probeCopy(): Promise<void> {
    const probe = this.options.copyProbe;
    const now = Date.now();
    if (!probe || now - this.lastProbeMs < (this.options.probeEveryMs ?? 2000)) return;
    this.lastProbeMs = now;
    let fraction: number | null;
    try {
      fraction = await probe.fraction();
    } catch (err) {
      this.options.logger.warn('could not measure copy progress', { error: (err as Error).message });
      return;
    }
    if (fraction === null || !this.state.copying) return;
    const measured = fraction;
    this.step((draft) => {
      measureCopy(draft.progress, measured);
      const p = snapshot(draft.progress, draft.step, Date.now());
      return {
        events: [
          {
            type: 'EVENT_TYPE_PROGRESS',
            phase: p.phase,
            step: p.step,
            percent: p.percent,
            etaSeconds: p.etaSeconds,
            text: `${Math.round(measured * 100)}% of rootvg copied`,
          },
        ],
        offset: this.offset,
      };
    });
  }

  /**
   * Whether the job's processes live, with no exit.json: the supervisor (by its heartbeat
   * or pid), else the command's own process group, which the supervisor made and
   * recorded and which outlives a killed supervisor.
   */
  private liveness(): Liveness {
    const info = readOwnJson<SupervisorInfo>(this.options.files.supervisor);
    if (this.options.bootChanged) {
      return {
        state: 'gone',
        end: {
          exit: null,
          lost: 'the host restarted while the job ran, so its command was stopped by the restart or ended before it',
          unobserved: info !== undefined,
        },
      };
    }
    if (!info) {
      // Not started yet, or never: the supervisor says who it is, before it starts the
      // command, within moments of its launch.
      if (Date.now() - fs.statSync(this.options.files.launch).mtimeMs < HEARTBEAT_STALE_MS)
        return { state: 'supervised' };
      return {
        state: 'gone',
        end: { exit: null, lost: "the job's supervisor never started, so its command never ran", unobserved: false },
      };
    }
    let heartbeatAge: number;
    try {
      heartbeatAge = Date.now() - fs.statSync(this.options.files.heartbeat).mtimeMs;
    } catch {
      heartbeatAge = Infinity;
    }
    // Its pid alone could be another process's by now; with a heartbeat that stopped long ago, it is.
    if (ownProcessAlive(info.pid) && heartbeatAge < 4 * HEARTBEAT_STALE_MS) return { state: 'supervised' };
    if (groupAlive(info.commandPid)) return { state: 'unsupervised', pgid: info.commandPid };
    const lost =
      info.commandPid > 0
        ? `the job's supervisor (pid ${info.pid}) stopped without recording how the command ended, and the command's process group (${info.commandPid}) has ended too`
        : `the job's supervisor (pid ${info.pid}) stopped before it could record its command, which it stops at once when it cannot`;
    return { state: 'gone', end: { exit: null, lost, unobserved: true } };
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

/**
 * Whether a process the agent started (the supervisor, the command) still lives: its pid
 * alive and, where /proc shows it (Linux, AIX), run by the agent's own user. A pid can be
 * reused; a user who cycles pids to get one runs it as herself, never as root.
 */
export function ownProcessAlive(pid: number): boolean {
  return pid > 0 && isAlive(pid) && procOwner(pid) !== 'other';
}

/**
 * Whether the command's process group still has a process: any member, the leader dead or
 * not (a group keeps its id while a member lives, so it cannot be reused then); but a live
 * leader run by another user is someone else's group that took the number.
 */
export function groupAlive(pgid: number): boolean {
  return pgid > 0 && isAlive(-pgid) && (!isAlive(pgid) || procOwner(pgid) !== 'other');
}

/** Who runs a process, from its /proc entry: the agent's user, another, or unknown (no /proc). */
function procOwner(pid: number): 'own' | 'other' | 'unknown' {
  try {
    return fs.statSync(`/proc/${pid}`).uid === agentUid() ? 'own' : 'other';
  } catch {
    return 'unknown';
  }
}

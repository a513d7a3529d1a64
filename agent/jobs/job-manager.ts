import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import type { JobEvent__Output } from '../../shared/generated/altdisk/v1/JobEvent';
import { NotFoundError } from '../../shared/errors';
import type { AixCommands } from '../aix/aix-commands';
import type { CommandRunner } from '../exec/command-runner';
import { isSetAside, setAsideName, writeFileAtomic } from '../fs/atomic-write';
import { readOwnJson } from '../fs/own-files';
import type { Logger } from '../logger';
import { ROOTVG } from '../inventory/vg-role';
import { concludeClone, concludeOperation } from './conclusions';
import { CopyProbe } from './copy-probe';
import { EventJournal, readJournal, recover as recoverJournal, type Cursor, type JournalEvent } from './event-journal';
import { jobFiles, type JobFiles, type LaunchSpec, type SupervisorInfo } from './job-files';
import { groupAlive, JobFollower, ownProcessAlive } from './job-follower';
import { outsideCallScope } from '../exec/call-scope';
import { newJobId } from './job-id';
import {
  FINAL_STATES,
  NO_PROGRESS,
  STATE,
  toJobMessage,
  type JobConclusion,
  type JobEnd,
  type JobKindName,
  type JobProgress,
  type JobRecord,
  type LaunchedOn,
} from './job-record';
import { HostOperationLock } from './host-lock';
import { newInterpreterState } from './output-interpreter';

export interface JobManagerDeps {
  stateDir: string;
  runner: CommandRunner;
  aix: AixCommands;
  logger: Logger;
  /** The compiled supervisor (dist/agent/jobs/supervisor.js). */
  supervisorScript?: string;
  pollMs?: number;
}

/** What a new job is, before it runs. */
export interface NewJob {
  id: string;
  kind: JobKindName;
  command: string[];
  environment: Record<string, string>;
  spec: JobRecord['spec'];
  phases: string;
  disks: string[];
  requestId: string;
  requestFiles?: Record<string, string>;
  firstBootHooks?: { name: string; sha256: string }[];
  vg?: string;
}

/**
 * Every job of the host: starting them detached, following them, recovering them
 * after a restart, cancelling them, and streaming their events. Job metadata is
 * small and kept in memory; events stay on disk and are streamed from there.
 */
export class JobManager {
  private readonly jobsDir: string;
  private readonly records = new Map<string, JobRecord>();
  private readonly followers = new Map<string, JobFollower>();
  private readonly journals = new Map<string, EventJournal>();
  private readonly finalProgress = new Map<string, JobProgress & { lastSequence: number }>();
  /** Jobs being prepared (lock held, preflight running) in this process. */
  private readonly reserved = new Set<string>();
  readonly lock: HostOperationLock;

  constructor(private readonly deps: JobManagerDeps) {
    this.jobsDir = path.join(deps.stateDir, 'jobs');
    fs.mkdirSync(this.jobsDir, { recursive: true, mode: 0o700 });
    this.lock = new HostOperationLock(path.join(this.jobsDir, 'ACTIVE'), (id) => this.isActive(id));
  }

  isActive(id: string): boolean {
    return this.reserved.has(id) || this.followers.has(id);
  }

  /**
   * Loads every job and brings each to where a crash left it: a directory a crash left
   * before the job was recorded is removed; a job whose conclusion is in its journal but
   * not yet in its record gets its record saved; a job launched in another boot
   * environment (this state directory was copied from there) is set aside; the rest are
   * followed again (running) or left as they ended. Returns what the agent started
   * despite, one sentence each.
   */
  async recover(): Promise<string[]> {
    const problems: string[] = [];
    const here = await this.launchedOn();
    for (const id of fs.readdirSync(this.jobsDir).sort()) {
      if (id === 'ACTIVE' || isSetAside(id)) continue;
      const files = jobFiles(this.jobsDir, id);
      let record: JobRecord | undefined;
      try {
        record = readOwnJson<JobRecord>(files.record);
      } catch (err) {
        // Keep the damaged job for the admin, out of the way of the others.
        const aside = setAsideName(files.dir);
        fs.renameSync(files.dir, aside);
        this.deps.logger.error('a job record was unreadable and was set aside', {
          job: id,
          error: (err as Error).message,
          movedTo: aside,
        });
        problems.push(
          `the record of job ${id} was unreadable (${(err as Error).message}); the job's directory was moved to ${aside}`,
        );
        continue;
      }
      if (!record) {
        // A crash between making the directory and writing job.json: nothing ran (the
        // supervisor starts only after job.json), so nothing is lost by removing it.
        fs.rmSync(files.dir, { recursive: true, force: true });
        this.deps.logger.warn('removed a job directory a crash left before its job was recorded', { job: id });
        continue;
      }
      this.records.set(id, record);
      if (FINAL_STATES.has(record.state)) {
        this.repairFinishedJournal(record);
        continue;
      }
      if (isForeign(record.launchedOn, here)) {
        this.records.delete(id);
        const aside = setAsideName(files.dir, 'foreign');
        fs.renameSync(files.dir, aside);
        const from = record.launchedOn?.rootvgPvids.join(' ') ?? '';
        this.deps.logger.error('a running job was copied here from another boot environment and was set aside', {
          job: id,
          launchedOnPvids: from,
          hereRootvgPvids: here?.rootvgPvids,
          movedTo: aside,
        });
        problems.push(
          `job ${id} was running in another boot environment (rootvg on PVID ${from}) when this state directory was copied from it; it is not running here, and its directory was moved to ${aside}`,
        );
        continue;
      }
      const journal = EventJournal.open(files.events);
      if (journal.setAside) {
        this.deps.logger.error(
          'a job journal was damaged; a copy was set aside and the journal cut back to its last good batch',
          { job: id, copy: journal.setAside, lastSequence: journal.lastSequence },
        );
        problems.push(
          `the event journal of job ${id} was damaged; a copy was kept as ${journal.setAside} and the journal cut back to event ${journal.lastSequence}`,
        );
      }
      const cursor = journal.lastCursor ?? firstCursor(record);
      const bootChanged =
        here?.bootTime != null && record.launchedOn?.bootTime != null && here.bootTime !== record.launchedOn.bootTime;
      this.deps.logger.info('re-attaching to a job that was running', {
        job: id,
        state: record.state,
        lastSequence: journal.lastSequence,
        concluded: cursor.concluded !== undefined,
        bootChanged,
      });
      this.follow(record, files, journal, cursor, bootChanged);
      // A cancel asked just before the agent went down may never have reached the supervisor.
      if (record.cancelRequested && !fs.existsSync(files.exit) && !bootChanged) this.signalJob(id);
    }
    const stale = this.lock.releaseStale();
    if (stale !== undefined)
      this.deps.logger.warn('released the host lock of an operation that is over (the agent stopped before it could)', {
        job: stale,
      });
    return problems;
  }

  /** A job the agent of an older version saved final before journaling its end gets its FINISHED event. */
  private repairFinishedJournal(record: JobRecord): void {
    const file = jobFiles(this.jobsDir, record.id).events;
    if (!fs.existsSync(file) || recoverJournal(file).lastType === 'EVENT_TYPE_FINISHED') return;
    const journal = EventJournal.open(file);
    try {
      const conclusion = conclusionOf(record);
      journal.append(
        [
          {
            type: 'EVENT_TYPE_FINISHED',
            state: STATE[record.state],
            exitCode: record.exitCode ?? -1,
            text: record.summary,
          },
        ],
        { ...(journal.lastCursor ?? firstCursor(record)), concluded: conclusion },
      );
      this.deps.logger.warn("journaled a finished job's missing FINISHED event", { job: record.id });
    } finally {
      journal.close();
    }
  }

  /** Which boot environment and boot the agent runs on now; undefined when lspv or who cannot say. */
  private async launchedOn(): Promise<LaunchedOn | undefined> {
    try {
      const [pvs, bootTime] = await Promise.all([
        this.deps.aix.listPhysicalVolumes(),
        this.deps.aix.bootTime(new Date()).catch(() => null),
      ]);
      return {
        rootvgPvids: pvs
          .filter((pv) => pv.vg === ROOTVG && pv.pvid !== null)
          .map((pv) => pv.pvid as string)
          .sort(),
        bootTime: bootTime?.toISOString() ?? null,
      };
    } catch (err) {
      this.deps.logger.warn('could not tell which boot environment this is (lspv)', { error: (err as Error).message });
      return undefined;
    }
  }

  /** Reserves a job id and the host lock; run `prepare` (preflight) under it, then start. */
  async startJob(
    kind: JobKindName,
    what: string,
    prepare: (id: string, files: JobFiles) => Promise<NewJob>,
  ): Promise<JobRecord> {
    const id = newJobId(kind);
    this.reserved.add(id);
    try {
      this.lock.acquire(id, what);
      try {
        const files = jobFiles(this.jobsDir, id);
        const [job, launchedOn] = await Promise.all([prepare(id, files), this.launchedOn()]);
        return this.launch(job, files, launchedOn);
      } catch (err) {
        this.lock.release(id);
        fs.rmSync(jobFiles(this.jobsDir, id).dir, { recursive: true, force: true });
        throw err;
      }
    } finally {
      this.reserved.delete(id);
    }
  }

  /** The newest successful clone whose first target is one of these disks: what a clone there carries. */
  latestCloneOn(disks: readonly string[]): JobRecord | undefined {
    return [...this.records.values()]
      .filter(
        (r) =>
          r.kind === 'clone' &&
          r.state === 'succeeded' &&
          r.firstBootHooks !== undefined &&
          disks.includes(r.disks[0] ?? ''),
      )
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  }

  /** The newest job that worked on any of these disks, whatever its kind and outcome. */
  latestJobOn(disks: readonly string[]): JobRecord | undefined {
    return [...this.records.values()]
      .filter((r) => r.disks.some((d) => disks.includes(d)))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  }

  record(id: string): JobRecord | undefined {
    return this.records.get(id);
  }

  findByRequestId(requestId: string): JobRecord | undefined {
    if (requestId === '') return undefined;
    return [...this.records.values()].find((r) => r.requestId === requestId);
  }

  get(id: string): Job__Output {
    const record = this.records.get(id);
    if (!record) throw new NotFoundError(`there is no job ${id} on this host; list the jobs with \`altctl jobs HOST\``);
    return this.message(record);
  }

  list(limit: number): Job__Output[] {
    return [...this.records.values()]
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id.localeCompare(a.id)))
      .slice(0, limit)
      .map((r) => this.message(r));
  }

  /** Asks a running job to stop; a finished job is returned as it is. */
  cancel(id: string): Job__Output {
    const record = this.records.get(id);
    if (!record) throw new NotFoundError(`there is no job ${id} on this host; list the jobs with \`altctl jobs HOST\``);
    if (FINAL_STATES.has(record.state) || record.cancelRequested) return this.message(record);
    // Saved before anything is changed: a cancel refused for a full disk must change nothing,
    // as its refusal says, or the conclusion would later act on a cancel nobody saw accepted.
    this.save({ ...record, cancelRequested: true, state: 'cancelling' });
    record.cancelRequested = true;
    record.state = 'cancelling';
    const journal = this.journals.get(id);
    const follower = this.followers.get(id);
    if (journal && follower) {
      const progress = follower.progress;
      try {
        journal.append(
          [
            {
              type: 'EVENT_TYPE_CANCEL_REQUESTED',
              state: 'JOB_STATE_CANCELLING',
              phase: progress.phase,
              step: progress.step,
              percent: progress.percent,
              text: 'cancel requested: stopping the command',
            },
          ],
          journal.lastCursor ?? firstCursor(record),
        );
      } catch (err) {
        // the cancel is recorded and goes ahead; only its event is missing from the journal
        this.deps.logger.warn('could not journal a cancel request', { job: id, error: (err as Error).message });
      }
    }
    this.signalJob(id);
    this.deps.logger.info('job cancel requested', { job: id });
    return this.message(record);
  }

  /**
   * SIGTERM to the job's supervisor, which stops the command's process group; if the
   * supervisor is gone but the command runs on, to the command's group itself, with
   * SIGKILL after a grace period as the supervisor would.
   */
  private signalJob(id: string, attempt = 0): void {
    let info: SupervisorInfo | undefined;
    try {
      info = readOwnJson<SupervisorInfo>(jobFiles(this.jobsDir, id).supervisor);
    } catch (err) {
      // no descriptor to read it with, say: the cancel is recorded, so try again shortly
      this.deps.logger.warn('could not read the job supervisor to cancel it; trying again', {
        job: id,
        error: (err as Error).message,
      });
      if (attempt < 100 && this.followers.has(id)) setTimeout(() => this.signalJob(id, attempt + 1), 1000).unref();
      return;
    }
    if (!info) {
      // Cancelled within moments of starting: the supervisor has not said who it is yet.
      if (attempt < 100 && this.followers.has(id)) setTimeout(() => this.signalJob(id, attempt + 1), 100).unref();
      return;
    }
    const target = ownProcessAlive(info.pid) ? info.pid : groupAlive(info.commandPid) ? -info.commandPid : undefined;
    if (target === undefined) return; // both gone: the follower concludes
    try {
      process.kill(target, 'SIGTERM');
    } catch (err) {
      this.deps.logger.warn('could not signal the job', { job: id, pid: target, error: (err as Error).message });
    }
    if (target < 0) {
      this.deps.logger.warn("cancelling a job whose supervisor is gone: signalling the command's process group", {
        job: id,
        pgid: info.commandPid,
      });
      setTimeout(() => {
        if (groupAlive(info.commandPid)) process.kill(target, 'SIGKILL');
      }, KILL_AFTER_MS).unref();
    }
  }

  /** Resolves when the job has finished (or the time is up), with the job as it is then. */
  async waitFinished(id: string, timeoutMs: number): Promise<Job__Output> {
    const follower = this.followers.get(id);
    if (follower) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        follower.once('finished', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.get(id);
  }

  /**
   * Sends the job's events after `after`, first from the journal, then as they are
   * committed, until the job has finished or the caller goes away. Reads only
   * committed bytes, so nothing a crash could take back is ever sent.
   */
  async watch(
    id: string,
    after: number,
    send: (event: JobEvent__Output) => Promise<void>,
    gone: () => boolean,
  ): Promise<void> {
    if (!this.records.has(id))
      throw new NotFoundError(`there is no job ${id} on this host; list the jobs with \`altctl jobs HOST\``);
    const file = jobFiles(this.jobsDir, id).events;
    let offset = 0;
    let last = after;
    for (;;) {
      const journal = this.journals.get(id);
      const committed = journal ? journal.committedLength : fileSize(file);
      for await (const { event } of readJournal(file, offset, committed)) {
        if (gone()) return;
        if (event.sequence > last) {
          await send(toWire(id, event));
          last = event.sequence;
        }
      }
      offset = committed;
      if (!journal || gone()) return; // finished jobs have no open journal
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          journal.off('append', done);
          journal.off('close', done);
          resolve();
        };
        const timer = setTimeout(done, 1000);
        journal.once('append', done);
        journal.once('close', done);
      });
    }
  }

  /** Stops following (the jobs go on without the agent). */
  stop(): void {
    for (const follower of this.followers.values()) follower.stop();
  }

  private launch(job: NewJob, files: JobFiles, launchedOn: LaunchedOn | undefined): JobRecord {
    fs.mkdirSync(files.dir, { recursive: true, mode: 0o700 });
    const now = new Date().toISOString();
    const record: JobRecord = {
      schema: 1,
      id: job.id,
      kind: job.kind,
      state: 'running',
      command: job.command,
      environment: job.environment,
      spec: job.spec,
      phases: job.phases,
      disks: job.disks,
      requestId: job.requestId,
      createdAt: now,
      startedAt: now,
      finishedAt: '',
      exitCode: null,
      summary: '',
      nextStep: '',
      leftover: '',
      warnings: [],
      cancelRequested: false,
      ...(job.requestFiles ? { requestFiles: job.requestFiles } : {}),
      ...(job.firstBootHooks ? { firstBootHooks: job.firstBootHooks } : {}),
      ...(job.vg ? { vg: job.vg } : {}),
      ...(launchedOn ? { launchedOn } : {}),
    };
    const [name, ...args] = job.command;
    const launch: LaunchSpec = {
      file: this.deps.runner.resolve(name ?? ''),
      args,
      env: { ...this.deps.runner.environment(), ...job.environment },
    };
    writeFileAtomic(files.launch, JSON.stringify(launch));
    this.save(record);
    const journal = EventJournal.open(files.events);
    const cursor = firstCursor(record);
    try {
      journal.append([{ type: 'EVENT_TYPE_STARTED', text: `started: ${job.command.join(' ')}` }], cursor);
    } catch (err) {
      journal.close(); // startJob removes the job's directory
      throw err;
    }
    // Known only once it can be followed: a job that failed to launch leaves no record.
    this.records.set(record.id, record);
    const supervisor = spawn(
      process.execPath,
      [this.deps.supervisorScript ?? path.join(__dirname, 'supervisor.js'), files.dir],
      {
        detached: true,
        stdio: 'ignore',
        cwd: '/',
      },
    );
    supervisor.unref();
    this.deps.logger.info('job started', {
      job: record.id,
      kind: record.kind,
      command: record.command,
      environment: record.environment,
      supervisorPid: supervisor.pid,
    });
    this.follow(record, files, journal, cursor, false);
    return record;
  }

  private follow(
    record: JobRecord,
    files: JobFiles,
    journal: EventJournal,
    cursor: Cursor,
    bootChanged: boolean,
  ): void {
    this.journals.set(record.id, journal);
    const follower: JobFollower = new JobFollower({
      files,
      journal,
      cursor,
      logger: this.deps.logger,
      pollMs: this.deps.pollMs,
      bootChanged,
      copyProbe: record.kind === 'clone' ? new CopyProbe(this.deps.runner) : undefined,
      conclude: (end, progress, warnings) => this.conclude(record, end, progress, warnings),
    });
    this.followers.set(record.id, follower);
    follower.once('finished', (conclusion: JobConclusion) => this.finalize(record, follower, journal, conclusion));
    // The job outlives the call that started it: its checks of the host must not stop when that call ends.
    outsideCallScope(() => follower.start());
  }

  /**
   * How a job ended, from its end and the host. Errors are not caught here: the follower
   * tries again later, so a descriptor shortage or a hung lspv never becomes the outcome.
   */
  private async conclude(
    record: JobRecord,
    end: JobEnd,
    progress: JobProgress,
    warnings: readonly string[],
  ): Promise<JobConclusion> {
    const ctx = {
      record,
      end,
      progress,
      warnings,
      aix: this.deps.aix,
      runner: this.deps.runner,
      logger: this.deps.logger,
    };
    const conclusion = record.kind === 'clone' ? await concludeClone(ctx) : await concludeOperation(ctx);
    return {
      ...conclusion,
      exitCode: end.exit?.exitCode ?? null,
      finishedAt: new Date().toISOString(),
      warnings: [...warnings],
    };
  }

  /**
   * The FINISHED event is journaled: now the record is saved final, and only then is the
   * host lock released. A save that fails (a full disk) is tried again until it works;
   * the journal already says how the job ended, so a restart meanwhile finishes it too.
   */
  private finalize(
    record: JobRecord,
    follower: JobFollower,
    journal: EventJournal,
    conclusion: JobConclusion,
    attempt = 0,
  ): void {
    Object.assign(record, conclusion);
    try {
      this.save(record);
    } catch (err) {
      this.deps.logger.error("could not save a finished job's record; trying again", {
        job: record.id,
        attempt,
        error: (err as Error).message,
      });
      setTimeout(
        () => this.finalize(record, follower, journal, conclusion, attempt + 1),
        Math.min(60_000, 500 * 2 ** Math.min(attempt, 7)),
      ).unref();
      return;
    }
    this.deps.logger.info('job finished', {
      job: record.id,
      state: record.state,
      exitCode: record.exitCode,
      summary: record.summary,
    });
    this.finalProgress.set(record.id, { ...follower.progress, lastSequence: journal.lastSequence });
    this.followers.delete(record.id);
    this.journals.delete(record.id);
    journal.close();
    this.lock.release(record.id);
    follower.emit('saved');
  }

  private message(record: JobRecord): Job__Output {
    const follower = this.followers.get(record.id);
    if (follower) return toJobMessage(record, follower.progress, this.journals.get(record.id)?.lastSequence ?? 0);
    const final = this.finalProgress.get(record.id) ?? this.readFinalProgress(record);
    return toJobMessage(record, final, final.lastSequence);
  }

  /** For jobs finished before this agent started: the last cursor of their journal. */
  private readFinalProgress(record: JobRecord): JobProgress & { lastSequence: number } {
    // read only: a finished job's journal is not to be changed by looking at it
    const { cursor, sequence } = recoverJournal(jobFiles(this.jobsDir, record.id).events);
    const value = { ...(cursor?.progress ?? NO_PROGRESS), lastSequence: sequence };
    if (record.state === 'succeeded') value.percent = 100;
    this.finalProgress.set(record.id, value);
    return value;
  }

  private save(record: JobRecord): void {
    writeFileAtomic(jobFiles(this.jobsDir, record.id).record, JSON.stringify(record, null, 1));
  }
}

/** '12' -> [1, 2]; 'all' -> [1, 2, 3]; '' (not a clone) -> []. */
export function phaseList(phases: string): number[] {
  if (phases === 'all') return [1, 2, 3];
  return [...phases].map(Number).filter((n) => n >= 1 && n <= 3);
}

/** The cursor of a job nothing has been read of yet. */
function firstCursor(record: JobRecord): Cursor {
  return {
    outputOffset: 0,
    interpreter: newInterpreterState(phaseList(record.phases), Date.now()),
    progress: NO_PROGRESS,
  };
}

/** A finished record's fields, as a FINISHED event's cursor carries them. */
function conclusionOf(record: JobRecord): JobConclusion {
  const { state, summary, nextStep, leftover, exitCode, finishedAt, warnings } = record;
  return { state, summary, nextStep, leftover, exitCode, finishedAt, warnings };
}

/**
 * Whether a job was launched in another boot environment: none of the PVIDs of rootvg
 * then is in rootvg now (a clone booted, or a copy restored elsewhere). Unknown either
 * way (older records, lspv failing) is not foreign.
 */
function isForeign(then: LaunchedOn | undefined, now: LaunchedOn | undefined): boolean {
  if (!then || !now || then.rootvgPvids.length === 0 || now.rootvgPvids.length === 0) return false;
  return !then.rootvgPvids.some((pvid) => now.rootvgPvids.includes(pvid));
}

/** How long a command signalled without its supervisor gets before SIGKILL (as the supervisor gives it). */
const KILL_AFTER_MS = 30_000;

function toWire(jobId: string, e: JournalEvent): JobEvent__Output {
  return { jobId, ...e };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

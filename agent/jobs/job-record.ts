import type { CloneSpec__Output } from '../../shared/generated/altdisk/v1/CloneSpec';
import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import type { JobKind } from '../../shared/generated/altdisk/v1/JobKind';
import type { JobState } from '../../shared/generated/altdisk/v1/JobState';
import { environmentList } from '../clone/command-line';
import type { ExitRecord } from './job-files';

export type JobKindName = 'clone' | 'remove' | 'wake' | 'sleep';
export type JobStateName = 'running' | 'cancelling' | 'succeeded' | 'failed' | 'cancelled';

export const FINAL_STATES: ReadonlySet<JobStateName> = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * What the agent keeps about a job in STATE_DIR/jobs/ID/job.json. Written before the
 * command starts and rewritten (atomically) at each change of state, so a restarted
 * agent knows every job and what it was doing.
 */
export interface JobRecord {
  schema: 1;
  id: string;
  kind: JobKindName;
  state: JobStateName;
  /** The command as run: the name, then its arguments. */
  command: string[];
  /** Variables added to the command's environment. */
  environment: Record<string, string>;
  /** The clone request, with sent file contents replaced by the paths they were written to. */
  spec: CloneSpec__Output | null;
  /** Phases asked for, for clones: '1', '12', 'all', ... */
  phases: string;
  disks: string[];
  requestId: string;
  createdAt: string;
  startedAt: string;
  finishedAt: string;
  /** null while running or when the command died from a signal. */
  exitCode: number | null;
  summary: string;
  nextStep: string;
  leftover: string;
  warnings: string[];
  cancelRequested: boolean;
  /**
   * The file fields of the clone request as asked (`host_path /x`, `content sha256:... (N bytes)`),
   * which `spec` no longer shows; absent in records of older agents. See clone/request-identity.ts.
   */
  requestFiles?: Record<string, string>;
  /** First-boot hooks the clone carries (its -x runner), by name and content hash. */
  firstBootHooks?: { name: string; sha256: string }[];
  /**
   * wake and sleep: the volume group by the name it has asleep (old_rootvg or
   * altinst_rootvg). AIX calls any woken one altinst_rootvg; a sleep gives an
   * old_rootvg its name back.
   */
  vg?: string;
  /** The boot environment and boot the job was launched on (absent in records of older agents). */
  launchedOn?: LaunchedOn;
}

/** How the command ended, as far as the agent could see. */
export interface JobEnd {
  /** exit.json, when the supervisor wrote it. */
  exit: ExitRecord | null;
  /** Why there is no exit record, when there is none. */
  lost: string | null;
  /**
   * The command ran and has ended, but nothing recorded how (its supervisor was killed,
   * or the host restarted): the outcome is judged from the host's state.
   */
  unobserved: boolean;
}

/** What a job's end makes of its record: saved in the journal with the FINISHED event, then in job.json. */
export interface JobConclusion {
  state: JobStateName;
  summary: string;
  nextStep: string;
  leftover: string;
  exitCode: number | null;
  finishedAt: string;
  warnings: string[];
}

/** Where the command was launched: which boot environment, which boot of it. */
export interface LaunchedOn {
  /** PVIDs of rootvg's disks then: another environment (a clone booted) has others. */
  rootvgPvids: string[];
  /** `who -b` then (minute precision); null when it could not be read. */
  bootTime: string | null;
}

/** Live progress, kept by the job's follower and saved in the journal's cursors. */
export interface JobProgress {
  phase: number;
  step: string;
  percent: number;
  etaSeconds: number;
}

export const NO_PROGRESS: JobProgress = { phase: 0, step: '', percent: 0, etaSeconds: -1 };

const KIND: Record<JobKindName, Exclude<JobKind, number>> = {
  clone: 'JOB_KIND_CLONE',
  remove: 'JOB_KIND_REMOVE',
  wake: 'JOB_KIND_WAKE',
  sleep: 'JOB_KIND_SLEEP',
};

export const STATE: Record<JobStateName, Exclude<JobState, number>> = {
  running: 'JOB_STATE_RUNNING',
  cancelling: 'JOB_STATE_CANCELLING',
  succeeded: 'JOB_STATE_SUCCEEDED',
  failed: 'JOB_STATE_FAILED',
  cancelled: 'JOB_STATE_CANCELLED',
};

/** The job as the contract shows it. */
export function toJobMessage(record: JobRecord, progress: JobProgress, lastSequence: number): Job__Output {
  return {
    id: record.id,
    kind: KIND[record.kind],
    state: STATE[record.state],
    command: record.command,
    environment: environmentList(record.environment),
    spec: record.spec,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    exitCode: record.exitCode ?? -1,
    phase: progress.phase,
    step: progress.step,
    percent: progress.percent,
    etaSeconds: FINAL_STATES.has(record.state) ? 0 : progress.etaSeconds,
    lastSequence,
    summary: record.summary,
    nextStep: record.nextStep,
    leftover: record.leftover,
    warnings: record.warnings,
    disks: record.disks,
    requestId: record.requestId,
  };
}

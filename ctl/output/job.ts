import { fillHost } from './host-placeholder';
import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import type { JobState__Output } from '../../shared/generated/altdisk/v1/JobState';
import { PHASE_NAMES } from '../../shared/phases';
import { shortEnum } from './enums';

/** "phase 1/3 (copy rootvg)"; "" before the first phase. */
export function phaseLabel(phase: number): string {
  if (!phase) return '';
  const name = PHASE_NAMES[phase];
  return name ? `phase ${phase}/3 (${name})` : `phase ${phase}`;
}

export function isFinished(state: JobState__Output | string): boolean {
  return state === 'JOB_STATE_SUCCEEDED' || state === 'JOB_STATE_FAILED' || state === 'JOB_STATE_CANCELLED';
}

/** 45s, 3m20s, 1h02m: ETAs and durations as people read them. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** RFC 3339 UTC to the second: when altctl itself notes something in a log of events. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Whole percent, never rounded up to 100 before the job says it is done. */
export function formatPercent(percent: number): string {
  return `${Math.min(100, Math.max(0, Math.floor(percent || 0)))}%`;
}

/**
 * Agent text relays what AIX commands printed; a stray escape or carriage return must
 * not move the cursor or break the one-line-per-event promise.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

/**
 * What happened and what to do next: the last lines a person reads after a job,
 * from the job's own summary, next step and leftovers.
 */
export function outcomeLines(job: Job__Output): string[] {
  let head: string;
  switch (job.state) {
    case 'JOB_STATE_SUCCEEDED':
      head = `Job ${job.id} succeeded`;
      break;
    case 'JOB_STATE_FAILED':
      head = `Job ${job.id} failed${job.exitCode >= 0 ? ` (exit ${job.exitCode})` : ''}`;
      break;
    case 'JOB_STATE_CANCELLED':
      head = `Job ${job.id} was cancelled`;
      break;
    default:
      head = `Job ${job.id} is ${shortEnum('JobState', job.state)}`;
  }
  const lines = [job.summary ? `${head}: ${oneLine(fillHost(job.summary))}` : `${head}.`];
  if (job.warnings.length > 0) lines.push(`Warnings: ${job.warnings.length} (${job.warnings.map(oneLine).join('; ')})`);
  if (job.leftover) lines.push(`Left on the host: ${oneLine(fillHost(job.leftover))}`);
  if (job.nextStep) lines.push(`Next: ${oneLine(fillHost(job.nextStep))}`);
  return lines;
}

/** The message for Ctrl-C while following: the job is not stopped, only the watching. */
export function interruptedMessage(jobId: string, host: string): string {
  return `job ${jobId} continues on ${host}; re-attach with: altctl watch ${host} ${jobId}`;
}

/** An argument list as one copy-pasteable shell line (quoted only where needed). */
export function shellLine(args: readonly string[]): string {
  return args.map((a) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

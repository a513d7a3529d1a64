import * as path from 'node:path';
import type { GetResultsResponse__Output } from '../../shared/generated/altdisk/v1/GetResultsResponse';
import type { HookStatus } from '../../shared/generated/altdisk/v1/HookStatus';
import { readOwnJson } from '../fs/own-files';

/** results.json as the runner writes it. */
interface RunnerResults {
  jobId: string;
  ranAt: string;
  finishedAt: string;
  hooks: {
    name: string;
    order: number;
    required: boolean;
    sha256: string;
    status: string;
    startedAt: string;
    finishedAt: string;
    exitCode: number;
    durationMs: number;
    outputTail: string;
  }[];
}

const STATUS: Record<string, Exclude<HookStatus, number>> = {
  passed: 'HOOK_STATUS_PASSED',
  failed: 'HOOK_STATUS_FAILED',
  timed_out: 'HOOK_STATUS_TIMED_OUT',
  skipped: 'HOOK_STATUS_SKIPPED',
  // still "running" in the file: the boot ended before the hook did
  running: 'HOOK_STATUS_INTERRUPTED',
};

export function resultsFile(stateDir: string): string {
  return path.join(stateDir, 'firstboot', 'results.json');
}

/** The last first boot's results, from the file the runner kept up to date. */
export function readResults(stateDir: string): GetResultsResponse__Output {
  const raw = readOwnJson<RunnerResults>(resultsFile(stateDir));
  if (!raw) return { found: false, jobId: '', ranAt: '', hooks: [], passed: 0, failed: 0, timedOut: 0, notRun: 0 };
  const hooks = raw.hooks.map((h) => ({
    name: h.name,
    order: h.order,
    required: h.required,
    status: STATUS[h.status] ?? 'HOOK_STATUS_UNSPECIFIED',
    startedAt: h.startedAt,
    finishedAt: h.finishedAt,
    exitCode: h.exitCode,
    durationMs: h.durationMs,
    outputTail: h.outputTail,
    sha256: h.sha256,
  }));
  const count = (s: string) => hooks.filter((h) => h.status === s).length;
  return {
    found: true,
    jobId: raw.jobId,
    ranAt: raw.ranAt,
    hooks,
    passed: count('HOOK_STATUS_PASSED'),
    failed: count('HOOK_STATUS_FAILED'),
    timedOut: count('HOOK_STATUS_TIMED_OUT'),
    notRun: count('HOOK_STATUS_SKIPPED') + count('HOOK_STATUS_INTERRUPTED'),
  };
}

/** One line for altctl envs: "hooks: 2 passed, 1 failed, 1 timed out". */
export function resultsSummary(r: GetResultsResponse__Output): string {
  const parts = [`${r.passed} passed`];
  if (r.failed > 0) parts.push(`${r.failed} failed`);
  if (r.timedOut > 0) parts.push(`${r.timedOut} timed out`);
  if (r.notRun > 0) parts.push(`${r.notRun} not run`);
  return `hooks: ${parts.join(', ')}`;
}

import type { CtlResult } from './processes';

export interface EventJson {
  jobId: string;
  sequence: number;
  type: string;
  phase: number;
  step: string;
  percent: number;
  etaSeconds: number;
  text: string;
  state: string;
  exitCode: number;
}

export interface JobJson {
  id: string;
  state: string;
  exitCode: number;
  phase: number;
  percent: number;
  summary: string;
  nextStep: string;
  leftover: string;
  warnings: string[];
  disks: string[];
  command: string[];
  lastSequence: number;
  step: string;
}

/** What `altctl clone --json` prints first, and again (`started`) with the finished job. */
export interface StartJson {
  job: JobJson;
  findings: { code: string; severity: string }[];
  started: boolean;
}

/**
 * altctl's --json event stream: one {"event": ...} per line, the last line {"job": ...};
 * for clone, a {"start": ...} line first (returned as `start`).
 */
export function parseEventStream(result: CtlResult): {
  events: EventJson[];
  job: JobJson;
  start?: StartJson;
  started?: boolean;
} {
  const lines = result.stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '');
  const docs = lines.map((l, i) => {
    try {
      return JSON.parse(l) as { event?: EventJson; job?: JobJson };
    } catch {
      throw new Error(`line ${i + 1} of altctl's output is not JSON: ${l}\nstderr: ${result.stderr}`);
    }
  });
  const first = docs[0] as { start?: StartJson } | undefined;
  const start = first?.start;
  if (start) {
    docs.shift();
    lines.shift();
  }
  const last = docs.at(-1) as { job?: JobJson; started?: boolean } | undefined;
  if (!last?.job) throw new Error(`the last line is not {"job": ...}: ${lines.at(-1)}\nstderr: ${result.stderr}`);
  const events = docs.slice(0, -1).map((d, i) => {
    if (!d.event) throw new Error(`line ${i + 1} is not {"event": ...}: ${lines[i]}`);
    return d.event;
  });
  return {
    events,
    job: last.job,
    ...(start ? { start } : {}),
    ...(last.started !== undefined ? { started: last.started } : {}),
  };
}

/** Sequence numbers must run 1, 2, 3 ... with nothing missing or repeated. */
export function assertDense(events: readonly EventJson[], from = 1): void {
  events.forEach((e, i) => {
    if (e.sequence !== from + i) throw new Error(`event ${i} has sequence ${e.sequence}, expected ${from + i}`);
  });
}

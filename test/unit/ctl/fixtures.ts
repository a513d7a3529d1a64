import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import type { Job__Output } from '../../../shared/generated/altdisk/v1/Job';
import type { JobEvent__Output } from '../../../shared/generated/altdisk/v1/JobEvent';

export const JOB_ID = '20261123-101500-clone-3f2a9c';

/** A job as the agent sends it (every field present), with overrides. */
export function job(overrides: Partial<Job__Output> = {}): Job__Output {
  return {
    id: JOB_ID,
    kind: 'JOB_KIND_CLONE',
    state: 'JOB_STATE_RUNNING',
    command: ['alt_disk_copy', '-d', 'hdisk1'],
    environment: [],
    spec: null,
    createdAt: '2026-11-23T10:15:00Z',
    startedAt: '2026-11-23T10:15:00Z',
    finishedAt: '',
    exitCode: -1,
    phase: 0,
    step: '',
    percent: 0,
    etaSeconds: -1,
    lastSequence: 0,
    summary: '',
    nextStep: '',
    leftover: '',
    warnings: [],
    disks: ['hdisk1'],
    requestId: '',
    ...overrides,
  };
}

export function event(sequence: number, overrides: Partial<JobEvent__Output>): JobEvent__Output {
  return {
    jobId: JOB_ID,
    sequence,
    time: `2026-11-23T10:15:${String(sequence).padStart(2, '0')}Z`,
    type: 'EVENT_TYPE_OUTPUT',
    phase: 0,
    step: '',
    percent: 0,
    etaSeconds: -1,
    text: '',
    state: 'JOB_STATE_RUNNING',
    exitCode: -1,
    ...overrides,
  };
}

/** A successful clone of hdisk1 as a sequence of events, 1 to 11. */
export function successfulClone(): JobEvent__Output[] {
  return [
    event(1, { type: 'EVENT_TYPE_STARTED', text: 'alt_disk_copy -d hdisk1' }),
    event(2, { type: 'EVENT_TYPE_PHASE_STARTED', phase: 1 }),
    event(3, { type: 'EVENT_TYPE_STEP', phase: 1, step: 'Creating logical volume alt_hd4' }),
    event(4, { type: 'EVENT_TYPE_PROGRESS', phase: 1, percent: 12.5, etaSeconds: 250 }),
    event(5, { type: 'EVENT_TYPE_WARNING', phase: 1, text: 'backup: 0505-187 could not read ./tmp/sock' }),
    event(6, { type: 'EVENT_TYPE_PROGRESS', phase: 1, percent: 60, etaSeconds: 95 }),
    event(7, { type: 'EVENT_TYPE_PHASE_FINISHED', phase: 1 }),
    event(8, { type: 'EVENT_TYPE_PHASE_STARTED', phase: 3 }),
    event(9, { type: 'EVENT_TYPE_OUTPUT', phase: 3, text: 'bootlist: Device hdisk1 set' }),
    event(10, { type: 'EVENT_TYPE_PHASE_FINISHED', phase: 3 }),
    event(11, {
      type: 'EVENT_TYPE_FINISHED',
      phase: 3,
      percent: 100,
      state: 'JOB_STATE_SUCCEEDED',
      exitCode: 0,
      text: 'rootvg cloned to hdisk1',
    }),
  ];
}

export function finishedJob(overrides: Partial<Job__Output> = {}): Job__Output {
  return job({
    state: 'JOB_STATE_SUCCEEDED',
    exitCode: 0,
    phase: 3,
    percent: 100,
    finishedAt: '2026-11-23T10:20:00Z',
    lastSequence: 11,
    summary: 'rootvg cloned to hdisk1; it boots next',
    nextStep: 'reboot with: altctl reboot host1 --yes',
    warnings: ['backup: 0505-187 could not read ./tmp/sock'],
    ...overrides,
  });
}

export function serviceError(code: status, details = 'Connection dropped'): ServiceError {
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata: new Metadata() });
}

/** Collects what a renderer writes. */
export class Capture {
  chunks: string[] = [];
  columns: number | undefined;
  constructor(columns?: number) {
    this.columns = columns;
  }
  write(text: string): boolean {
    this.chunks.push(text);
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

/**
 * What a terminal would show after these writes: enough of one to check the live
 * display (\r, erase line, newline), and it fails on any other control sequence.
 */
export function screen(text: string): string[] {
  const lines: string[] = [''];
  let col = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (text.startsWith('\x1b[2K', i)) {
      lines[lines.length - 1] = '';
      i += 3;
    } else if (ch === '\r') {
      col = 0;
    } else if (ch === '\n') {
      lines.push('');
      col = 0;
    } else if (ch < ' ') {
      throw new Error(`unexpected control character ${JSON.stringify(ch)} at ${i}`);
    } else {
      const line = lines[lines.length - 1] as string;
      lines[lines.length - 1] = line.slice(0, col) + ch + line.slice(col + 1);
      col += 1;
    }
  }
  return lines;
}

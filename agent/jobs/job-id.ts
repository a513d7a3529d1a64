import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from '../../shared/errors';
import { truncate } from '../../shared/names';
import type { JobKindName } from './job-record';

const JOB_ID = /^\d{8}-\d{6}-(clone|remove|wake|sleep)-[0-9a-f]{6}$/;

/** Sortable by time and readable in a listing: 20261123-101500-clone-3f2a9c. */
export function newJobId(kind: JobKindName, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${kind}-${randomBytes(3).toString('hex')}`;
}

/** Job ids name directories, so only the exact shape is accepted. */
export function checkJobId(field: string, value: string): string {
  if (!JOB_ID.test(value)) {
    throw new InvalidArgumentError(
      field,
      `${JSON.stringify(truncate(value))} is not a job id`,
      'job ids look like 20261123-101500-clone-3f2a9c; list them with `altctl jobs HOST`',
    );
  }
  return value;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function checkRequestId(value: string): string {
  if (value !== '' && !REQUEST_ID.test(value)) {
    throw new InvalidArgumentError(
      'request_id',
      `${JSON.stringify(truncate(value))} is not a request id`,
      'use 1-64 letters, digits, ".", "_" or "-"',
    );
  }
  return value;
}

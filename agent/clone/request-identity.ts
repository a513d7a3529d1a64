import { createHash } from 'node:crypto';
import type { CloneSpec__Output } from '../../shared/generated/altdisk/v1/CloneSpec';
import { FILE_FIELDS, FILE_FIELD_NAMES, type FileField } from './file-fields';
import { normalizeSpec, type FileInput, type NormalizedSpec } from './spec';

/**
 * What a clone request asked, field by field, so a StartClone that reuses a request_id can
 * be told from a retry of the same request. Keys are the contract's field names.
 *
 * A job keeps its request's spec (job.json `spec`), but with sent file contents replaced by
 * the paths they were written to; so it also keeps, per file field, what was asked
 * (`requestFiles`): the host path, or the content's SHA-256 and size.
 */
export type RequestFields = Record<string, unknown>;

/** The file fields as asked: `host_path /x`, `content sha256:... (N bytes)`; absent ones are left out. */
export function requestFiles(spec: NormalizedSpec): Record<string, string> {
  const files: Record<string, string> = {};
  for (const field of FILE_FIELD_NAMES) {
    const input = spec[field];
    if (input !== undefined) files[FILE_FIELDS[field].proto] = describeInput(input);
  }
  return files;
}

/** Every field of a request as it was normalized (defaults filled in), files as requestFiles says. */
export function requestFields(spec: NormalizedSpec): RequestFields {
  return { ...plainFields(spec), ...withAbsentFiles(requestFiles(spec)) };
}

/**
 * The fields a job recorded. A job recorded before `requestFiles` existed is compared on
 * every field but the files, whose sent content it did not keep; one whose spec cannot be
 * read any more, on its target disks.
 */
export function recordedFields(record: {
  spec: CloneSpec__Output | null;
  disks: readonly string[];
  requestFiles?: Record<string, string>;
}): RequestFields {
  let plain: RequestFields;
  try {
    const withoutFiles = { ...record.spec } as CloneSpec__Output & Record<string, unknown>;
    for (const field of FILE_FIELD_NAMES) delete withoutFiles[field];
    plain = plainFields(normalizeSpec(withoutFiles));
  } catch {
    return { target_disks: [...record.disks] };
  }
  return record.requestFiles === undefined ? plain : { ...plain, ...withAbsentFiles(record.requestFiles) };
}

/** Each field the two differ in, as `field earlier -> now`; fields only one side knows are not compared. */
export function requestDifferences(earlier: RequestFields, now: RequestFields): string[] {
  return Object.keys(earlier)
    .filter((key) => key in now && JSON.stringify(earlier[key]) !== JSON.stringify(now[key]))
    .map((key) => `${key} ${show(earlier[key])} -> ${show(now[key])}`);
}

function plainFields(spec: NormalizedSpec): RequestFields {
  const out: RequestFields = {};
  for (const [key, value] of Object.entries(spec)) {
    if ((FILE_FIELD_NAMES as readonly string[]).includes(key)) continue;
    out[snake(key)] = value;
  }
  return out;
}

function withAbsentFiles(files: Record<string, string>): RequestFields {
  const out: RequestFields = {};
  for (const field of FILE_FIELD_NAMES)
    out[FILE_FIELDS[field as FileField].proto] = files[FILE_FIELDS[field].proto] ?? '';
  return out;
}

function describeInput(input: FileInput): string {
  if (input.kind === 'host') return `host_path ${input.path}`;
  return `content sha256:${createHash('sha256').update(input.content).digest('hex').slice(0, 16)} (${input.content.length} bytes)`;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(' ');
  if (value === '') return '(none)';
  return String(value);
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

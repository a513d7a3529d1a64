import { status } from '@grpc/grpc-js';
import type { Finding__Output } from '../../shared/generated/altdisk/v1/Finding';
import { AltdiskError, FINDINGS_DETAIL } from '../../shared/errors';

/** Metadata values must be printable ASCII; JSON escapes the rest. */
const MAX_FINDINGS_BYTES = 6 * 1024;

/**
 * A clone refused by its preflight. INVALID_ARGUMENT when the request itself is at
 * fault (a finding names a field), FAILED_PRECONDITION when the host's state is.
 * Every finding travels in the `altdisk-findings` metadata as JSON, so the caller
 * can show them all, not just the first.
 */
export class PreflightRefusedError extends AltdiskError {
  readonly code: status;

  constructor(readonly findings: readonly Finding__Output[]) {
    const errors = findings.filter((f) => f.severity === 'SEVERITY_ERROR');
    const first = errors.find((f) => f.field !== '') ?? errors[0];
    const more =
      errors.length > 1 ? ` (and ${errors.length - 1} more error(s): \`altctl plan HOST DISK...\` lists them all)` : '';
    const text = first
      ? `${first.field ? `${first.field}: ` : ''}${first.message}; ${first.remedy}${more}`
      : 'the preflight checks failed';
    const details: Record<string, string> = { [FINDINGS_DETAIL]: encodeFindings(findings) };
    if (first?.field) details['field'] = first.field;
    else if (first) details['state'] = first.code;
    super(text, details);
    this.code = first?.field ? status.INVALID_ARGUMENT : status.FAILED_PRECONDITION;
  }

  static throwIfErrors(findings: readonly Finding__Output[]): void {
    if (findings.some((f) => f.severity === 'SEVERITY_ERROR')) throw new PreflightRefusedError(findings);
  }
}

function encodeFindings(findings: readonly Finding__Output[]): string {
  const compact = findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    remedy: f.remedy,
    source: f.source,
    field: f.field,
  }));
  let json = asciiJson(compact);
  while (json.length > MAX_FINDINGS_BYTES && compact.length > 1) {
    compact.pop();
    json = asciiJson(compact);
  }
  return json;
}

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

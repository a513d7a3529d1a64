import type { Finding__Output } from '../../shared/generated/altdisk/v1/Finding';

export type FindingSeverity = 'SEVERITY_ERROR' | 'SEVERITY_WARNING' | 'SEVERITY_INFO';

export const ERROR: FindingSeverity = 'SEVERITY_ERROR';
export const WARNING: FindingSeverity = 'SEVERITY_WARNING';
export const INFO: FindingSeverity = 'SEVERITY_INFO';

/** Where a rule comes from, in the words the Finding.source field carries. */
export const MANUAL = 'alt_disk_copy manual';
export function note(n: number): string {
  return `${MANUAL}, note ${n}`;
}
export function flag(...flags: string[]): string {
  return `${MANUAL}, ${flags.join(' ')}`;
}

export interface FindingInit {
  code: string;
  severity: FindingSeverity;
  message: string;
  remedy: string;
  source: string;
  /** The request field at fault (contract form); omitted when the host's state is at fault. */
  field?: string;
}

export function finding(init: FindingInit): Finding__Output {
  return {
    code: init.code,
    severity: init.severity,
    message: init.message,
    remedy: init.remedy,
    source: init.source,
    field: init.field ?? '',
  };
}

const RANK: Record<string, number> = { SEVERITY_ERROR: 0, SEVERITY_WARNING: 1, SEVERITY_INFO: 2 };

/** Errors, then warnings, then notes; the order within each stays as the checks made them. */
export function bySeverity(findings: readonly Finding__Output[]): Finding__Output[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (RANK[a.f.severity] ?? 3) - (RANK[b.f.severity] ?? 3) || a.i - b.i)
    .map(({ f }) => f);
}

export function isError(f: Finding__Output): boolean {
  return f.severity === ERROR;
}

/** "hdisk1", "hdisk1 and hdisk2", "hdisk1, hdisk2 and hdisk3". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

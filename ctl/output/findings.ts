import type { Finding__Output } from '../../shared/generated/altdisk/v1/Finding';
import type { Severity__Output } from '../../shared/generated/altdisk/v1/Severity';
import { loadContract } from '../../shared/proto/contract';
import { longEnumName, renderMessage } from '../../shared/proto/render-json';
import { shortEnum } from './enums';
import { fillHost, fillHostInDocument } from './host-placeholder';
import { renderTable } from './table';
import { withFlagNames } from './flag-names';
import { wrapHanging, wrapWords } from './wrap';

/**
 * The findings for a person deciding what to fix, in altctl's flag names (flag-names.ts).
 * A table (SEVERITY CODE MESSAGE REMEDY) when it fits in `width` columns; else, so that
 * nothing wraps mid-word on a terminal, one block per finding: severity and code, then the
 * message and the remedy wrapped at word boundaries, indented under them.
 */
export function renderFindingsTable(findings: readonly Finding__Output[], width = Infinity): string {
  const rows = findings.map(
    (f) => [shortEnum('Severity', f.severity), f.code, forPeople(f.message), forPeople(f.remedy) || '-'] as const,
  );
  const table = renderTable(['SEVERITY', 'CODE', 'MESSAGE', 'REMEDY'], rows);
  if (table.split('\n').every((line) => line.length <= width)) return table;
  const indent = 4;
  const wrap = (text: string) =>
    wrapWords(text, Math.max(20, width - indent)).map((line) => `${' '.repeat(indent)}${line}`);
  return (
    rows
      .map(([level, code, message, remedy]) =>
        [`${level.padEnd(8)} ${code}`, ...wrap(message), ...wrap(`remedy: ${remedy}`)].join('\n'),
      )
      .join('\n\n') + '\n'
  );
}

/** The agent's words as altctl shows them: HOST filled in, flags for field names. */
function forPeople(text: string): string {
  return withFlagNames(fillHost(text));
}

/** The findings as altctl's JSON (camelCase, short severities), for --json output. */
export function findingsJson(findings: readonly Finding__Output[]): Record<string, unknown>[] {
  const type = loadContract().root.lookupType('altdisk.v1.Finding');
  return findings.map((f) => fillHostInDocument(renderMessage(type, f)));
}

export function countErrors(findings: readonly Finding__Output[]): number {
  return findings.filter((f) => f.severity === 'SEVERITY_ERROR').length;
}

/**
 * Reads the findings the agent attaches to a refusal (metadata `altdisk-findings`). The
 * metadata is JSON written by another program, so this accepts both spellings a writer
 * could reasonably pick (camelCase or snake_case keys; "error", "SEVERITY_ERROR" or 3)
 * and returns undefined for anything else rather than failing the report of the refusal.
 */
export function parseFindings(text: string): Finding__Output[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const list = Array.isArray(doc) ? doc : isRecord(doc) && Array.isArray(doc['findings']) ? doc['findings'] : undefined;
  if (!list || !list.every(isRecord)) return undefined;
  return (list as Record<string, unknown>[]).map((f) => ({
    code: str(f['code']),
    severity: severity(f['severity']),
    message: str(f['message']),
    remedy: str(f['remedy']),
    source: str(f['source']),
    field: str(f['field']),
  }));
}

function severity(value: unknown): Severity__Output {
  const type = loadContract().root.lookupEnum('altdisk.v1.Severity');
  if (typeof value === 'number')
    return (type.valuesById[value] as Severity__Output | undefined) ?? 'SEVERITY_UNSPECIFIED';
  if (typeof value !== 'string') return 'SEVERITY_UNSPECIFIED';
  if (Object.prototype.hasOwnProperty.call(type.values, value)) return value as Severity__Output;
  return (longEnumName(type, value) as Severity__Output | undefined) ?? 'SEVERITY_UNSPECIFIED';
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Before a clone's progress: only what may need attention (warnings), one line each,
 * so it reads on any terminal width. Everything, info included, is in `altctl plan`.
 */
export function renderFindingNotes(findings: readonly Finding__Output[], width = Infinity): string {
  const notable = findings.filter((f) => f.severity === 'SEVERITY_WARNING' || f.severity === 'SEVERITY_ERROR');
  const info = findings.length - notable.length;
  const lines = notable.map((f) =>
    wrapHanging(
      `${shortEnum('Severity', f.severity)}: ${forPeople(f.message)}${f.remedy ? ` (${forPeople(f.remedy)})` : ''} [${f.code}]`,
      width,
      2,
    ),
  );
  if (info > 0) lines.push(`${info} note(s) for information: altctl plan shows them.`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

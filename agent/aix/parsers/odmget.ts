import { ParseError } from './errors';
import { splitLines } from './text';

export interface OdmRecord {
  /** The object class the stanza belongs to: CuAt, PdAt ... */
  objectClass: string;
  /** Descriptor name -> value, quotes removed; numbers stay as printed. */
  fields: Record<string, string>;
}

/**
 * `odmget [-q criteria] CLASS`: stanzas of a `Class:` line followed by indented `name = value` lines, separated by
 * blank lines. String values are quoted ("hdisk0", ""); numbers are not (nls_index = 79). No output at all means
 * no object matched. Within quotes, odmget escapes a quote or backslash with a backslash.
 */
export function parseOdmget(text: string): OdmRecord[] {
  const records: OdmRecord[] = [];
  let current: OdmRecord | null = null;
  for (const line of splitLines(text)) {
    if (line.trim() === '') continue;
    const stanza = /^([A-Za-z_][A-Za-z0-9_]*):$/.exec(line.trim());
    if (stanza && !/^\s/.test(line)) {
      current = { objectClass: stanza[1] ?? '', fields: {} };
      records.push(current);
      continue;
    }
    const pair = /^\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!pair || current === null)
      throw new ParseError('odmget', 'expected "Class:" or an indented "name = value"', line);
    current.fields[pair[1] ?? ''] = unquote(pair[2] ?? '', line);
  }
  return records;
}

function unquote(value: string, line: string): string {
  if (!value.startsWith('"')) return value.trim();
  const match = /^"((?:[^"\\]|\\.)*)"\s*$/.exec(value);
  if (!match) throw new ParseError('odmget', 'unterminated quoted value', line);
  return (match[1] ?? '').replace(/\\(.)/g, '$1');
}

export type TcbState = 'enabled' | 'disabled' | 'unknown';

/**
 * The TCB state from `odmget -q attribute=TCB_STATE PdAt`: the `deflt` of the TCB_STATE object. tcbck itself accepts
 * only tcb_enabled; tcb_disabled means the system is not trusted; anything else, or no object, means tcbck calls the
 * machine corrupted, so the state is reported as unknown rather than guessed.
 */
export function tcbStateOf(records: readonly OdmRecord[]): { state: TcbState; value: string | null } {
  const record = records.find((r) => r.fields['attribute'] === 'TCB_STATE');
  const value = record?.fields['deflt'] ?? null;
  if (value === 'tcb_enabled') return { state: 'enabled', value };
  if (value === 'tcb_disabled') return { state: 'disabled', value };
  return { state: 'unknown', value };
}

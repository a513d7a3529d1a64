import { splitLines } from './text';

// lspv PV, lsvg VG and lslv LV print "KEY: value" pairs in two columns whose positions shift when a value is
// long (LV IDENTIFIER pushes PERMISSION right). Rather than relying on column offsets, find every key: a run of
// words separated by single blanks, starting after whitespace (or at the line start) with a letter, ending with
// ':' followed by whitespace or the end of the line. Values are the text between one key and the next. Values
// never contain ':' in these outputs, and a value's last word is always followed by 2+ blanks before the next
// key except for LV IDENTIFIER, whose value starts with a digit and so cannot be mistaken for a key.
const KEY = /(?<=^|\s)([A-Za-z][A-Za-z0-9()?/.-]*(?: [A-Za-z0-9()?/.-]+)*):(?=\s|$)/g;

export interface KeyValueLine {
  line: string;
  pairs: [string, string][];
}

export function keyValueLines(text: string): KeyValueLine[] {
  const result: KeyValueLine[] = [];
  for (const line of splitLines(text)) {
    if (line.trim() === '') continue;
    const matches = [...line.matchAll(KEY)];
    const pairs: [string, string][] = [];
    matches.forEach((match, i) => {
      const key = match[1] ?? '';
      const valueStart = (match.index ?? 0) + match[0].length;
      const next = matches[i + 1];
      const valueEnd = next === undefined ? line.length : (next.index ?? line.length);
      pairs.push([key, line.slice(valueStart, valueEnd).trim()]);
    });
    result.push({ line, pairs });
  }
  return result;
}

/** All pairs of the output as a record; keys keep their AIX spelling (including typos). The first value wins. */
export function keyValueRecord(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { pairs } of keyValueLines(text)) {
    for (const [key, value] of pairs) {
      if (!(key in fields)) fields[key] = value;
    }
  }
  return fields;
}

/** "32 megabyte(s)" -> 32; "1 gigabyte(s)" -> 1024; "???????" or missing -> null. */
export function sizeInMb(value: string | undefined): number | null {
  const match = /^(\d+)\s*(kilobyte|megabyte|gigabyte)/i.exec(value ?? '');
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  if (unit === 'gigabyte') return amount * 1024;
  if (unit === 'kilobyte') return amount / 1024;
  return amount;
}

/** "639 (20448 megabytes)" -> { count: 639, mb: 20448 }; a bare "639" -> { count: 639, mb: null }. */
export function countWithMb(value: string | undefined): { count: number | null; mb: number | null } {
  const match = /^(\d+)(?:\s*\((\d+)\s*megabytes?\))?/i.exec(value ?? '');
  if (!match) return { count: null, mb: null };
  return { count: Number(match[1]), mb: match[2] === undefined ? null : Number(match[2]) };
}

/** The leading integer of a value ("2 (Enabled)" -> 2), or null. */
export function leadingInt(value: string | undefined): number | null {
  const match = /^(\d+)/.exec(value ?? '');
  return match ? Number(match[1]) : null;
}

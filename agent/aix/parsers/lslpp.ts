import { ParseError } from './errors';
import { contentLines } from './text';

export interface FilesetEntry {
  package: string;
  fileset: string;
  level: string;
  /** C (committed), A (applied), B (broken), E (efix locked), O (obsolete), ? (inconsistent). */
  state: string;
  description: string;
  /** F installp fileset, R RPM, E interim fix, P product, C component, T feature; '' when not printed. */
  type: string;
}

// Fields of the modern (18-column) format; older levels print the first 8 only.
const MODERN_FIELDS = 18;
const BUILD_DATE_WITH_TIME = /:[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{1,2}:\d{2}:\d{2} \S+ \d{4}$/;

/**
 * `lslpp -Lc [FILESET]`: colon-separated, header line starting with '#'. On real systems the State column is a
 * blank and the state letter is in the "Fix State" column (`bos:bos.rte:7.2.5.0: : :C:F:...`), so both are read.
 */
export function parseLslppColon(text: string): FilesetEntry[] {
  const entries: FilesetEntry[] = [];
  for (const line of contentLines(text)) {
    if (line.trimStart().startsWith('#')) continue;
    // RPM entries end with a build date that has colons of its own ("Tue Apr 27 18:35:51 WET 2004"); take it off
    // first so the field count stays right (it is replaced by an empty last field).
    const dated = BUILD_DATE_WITH_TIME.exec(line);
    const fields = (dated ? `${line.slice(0, dated.index)}:` : line).split(':');
    if (fields.length < 6) throw new ParseError('lslpp -Lc', 'expected colon-separated fields', line);
    const [pkg, fileset, level, state, , fixState, type] = fields.map((f) => f.trim());
    if (!pkg || !fileset || !level) throw new ParseError('lslpp -Lc', 'package, fileset or level is empty', line);
    // A description may itself contain ':'; in the 18-field format the last 10 fields follow it.
    const descriptionFields = fields.length >= MODERN_FIELDS ? fields.slice(7, fields.length - 10) : fields.slice(7);
    entries.push({
      package: pkg,
      fileset,
      level,
      state: state || fixState || '',
      description: descriptionFields.join(':').trim(),
      type: type ?? '',
    });
  }
  return entries;
}

/** Filesets named in `lslpp: 0504-132  Fileset NAME not installed.` messages (lslpp prints one per missing name). */
export function parseLslppNotInstalled(text: string): string[] {
  return [...text.matchAll(/0504-132\s+Fileset\s+(\S+)\s+not installed/g)].map((m) => m[1] ?? '');
}

function partCompare(a: string, b: string): number {
  const na = /^\d+/.exec(a);
  const nb = /^\d+/.exec(b);
  if (na && nb) {
    const diff = Number(na[0]) - Number(nb[0]);
    if (diff !== 0) return Math.sign(diff);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** VRMF order: 7.2.5.100 > 7.2.5.0 > 7.2.4.9999; missing parts count as 0. Returns -1, 0 or 1. */
export function compareLevels(a: string, b: string): number {
  const pa = a.trim().split('.');
  const pb = b.trim().split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const result = partCompare(pa[i] ?? '0', pb[i] ?? '0');
    if (result !== 0) return result;
  }
  return 0;
}

export interface FilesetListEntry {
  fileset: string;
  level: string;
  /** COMMITTED, APPLIED, BROKEN, EFIXLOCKED, OBSOLETE ... as printed */
  state: string;
  description: string;
  /** The `Path:` section: /usr/lib/objrepos (usr part), /etc/objrepos (root part), /usr/share/lib/objrepos. */
  path: string;
}

/**
 * `lslpp -l [FILESET...]`: a `Fileset Level State Description` header, a dashed line, then `Path:` sections. Long
 * descriptions wrap onto indented continuation lines. `0504-132 ... not installed` lines are skipped (see
 * parseLslppNotInstalled).
 */
export function parseLslppList(text: string): FilesetListEntry[] {
  const entries: FilesetListEntry[] = [];
  let sawHeader = false;
  let path = '';
  for (const line of contentLines(text)) {
    const trimmed = line.trim();
    if (/^Fileset\s+Level\s+State\s+Description/.test(trimmed)) {
      sawHeader = true;
      continue;
    }
    if (/^-+$/.test(trimmed) || /0504-132/.test(trimmed)) continue;
    const pathMatch = /^Path:\s*(\S+)/.exec(trimmed);
    if (pathMatch) {
      path = pathMatch[1] ?? '';
      continue;
    }
    if (!sawHeader) throw new ParseError('lslpp -l', 'missing "Fileset Level State Description" header', line);
    const row = /^(\S+)\s+(\d+(?:\.\d+)+)\s+([A-Z]+)\s*(.*)$/.exec(trimmed);
    if (row) {
      entries.push({
        fileset: row[1] ?? '',
        level: row[2] ?? '',
        state: row[3] ?? '',
        description: row[4] ?? '',
        path,
      });
      continue;
    }
    const previous = entries[entries.length - 1];
    // A wrapped description is indented past the State column.
    if (previous === undefined || !/^\s{20,}\S/.test(line))
      throw new ParseError('lslpp -l', 'expected "fileset level state description"', line);
    previous.description = `${previous.description} ${trimmed}`;
  }
  return entries;
}

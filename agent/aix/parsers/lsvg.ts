import { ParseError } from './errors';
import { countWithMb, keyValueRecord, leadingInt, sizeInMb } from './keyvalue';
import { contentLines, DEVICE_NAME, headerKey, tokens, toInt } from './text';

/** `lsvg` and `lsvg -o`: one volume group name per line. */
export function parseLsvgNames(text: string): string[] {
  return contentLines(text).map((line) => {
    const words = tokens(line);
    const name = words[0];
    if (words.length !== 1 || name === undefined || !DEVICE_NAME.test(name)) {
      throw new ParseError('lsvg', 'expected one volume group name per line', line);
    }
    return name;
  });
}

export interface LsvgDetail {
  name: string;
  identifier: string;
  state: string;
  permission: string;
  ppSizeMb: number;
  totalPps: number;
  freePps: number;
  usedPps: number;
  totalMb: number;
  freeMb: number;
  usedMb: number;
  maxLvs: number | null;
  lvCount: number;
  openLvs: number | null;
  totalPvs: number;
  activePvs: number | null;
  stalePvs: number | null;
  stalePps: number | null;
  /** `Concurrent:` (Enhanced-Capable, Capable, Non-Capable) when printed, else null. */
  concurrent: string | null;
  autoOn: boolean | null;
  /** `VG Mode:` (Concurrent, Normal) when printed, else null. */
  vgMode: string | null;
  fields: Record<string, string>;
}

function required<T>(value: T | null, key: string, text: string): T {
  if (value === null) {
    const line = contentLines(text).find((l) => l.includes(key)) ?? '';
    throw new ParseError('lsvg', `missing or unreadable "${key}:"`, line);
  }
  return value;
}

function yesNo(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  const v = value.toLowerCase();
  return v === 'yes' ? true : v === 'no' ? false : null;
}

/** `lsvg VG`: two columns of `KEY: value`. Keys keep their AIX spelling in `fields`. */
export function parseLsvgDetail(text: string): LsvgDetail {
  const fields = keyValueRecord(text);
  const name = fields['VOLUME GROUP'];
  if (name === undefined || name === '') {
    throw new ParseError('lsvg', 'no "VOLUME GROUP:" line', contentLines(text)[0] ?? '');
  }
  const total = countWithMb(fields['TOTAL PPs']);
  const free = countWithMb(fields['FREE PPs']);
  const used = countWithMb(fields['USED PPs']);
  const ppSizeMb = required(sizeInMb(fields['PP SIZE']), 'PP SIZE', text);
  const totalPps = required(total.count, 'TOTAL PPs', text);
  const freePps = required(free.count, 'FREE PPs', text);
  const usedPps = required(used.count, 'USED PPs', text);
  return {
    name,
    identifier: required(fields['VG IDENTIFIER'] ?? null, 'VG IDENTIFIER', text),
    state: required(fields['VG STATE'] ?? null, 'VG STATE', text),
    permission: required(fields['VG PERMISSION'] ?? null, 'VG PERMISSION', text),
    ppSizeMb,
    totalPps,
    freePps,
    usedPps,
    // Older levels print the counts without "(N megabytes)"; derive the size then.
    totalMb: total.mb ?? totalPps * ppSizeMb,
    freeMb: free.mb ?? freePps * ppSizeMb,
    usedMb: used.mb ?? usedPps * ppSizeMb,
    maxLvs: leadingInt(fields['MAX LVs']),
    lvCount: required(leadingInt(fields['LVs']), 'LVs', text),
    openLvs: leadingInt(fields['OPEN LVs']),
    totalPvs: required(leadingInt(fields['TOTAL PVs']), 'TOTAL PVs', text),
    activePvs: leadingInt(fields['ACTIVE PVs']),
    stalePvs: leadingInt(fields['STALE PVs']),
    stalePps: leadingInt(fields['STALE PPs']),
    concurrent: fields['Concurrent'] ?? null,
    autoOn: yesNo(fields['AUTO ON']),
    vgMode: fields['VG Mode'] ?? null,
    fields,
  };
}

export interface LsvgLv {
  name: string;
  type: string;
  lps: number;
  pps: number;
  pvs: number;
  /** As printed, e.g. open/syncd, closed/stale. */
  state: string;
  open: boolean;
  /** null for N/A. */
  mountPoint: string | null;
}

/** A `vgname:` line that opens a section of `lsvg -l` / `lsvg -p`. */
function sectionName(line: string): string | null {
  const match = /^\s*(\S+):$/.exec(line);
  return match?.[1] !== undefined && DEVICE_NAME.test(match[1]) ? match[1] : null;
}

/**
 * Splits `lsvg -l|-p VG [VG...]` output into sections: a `VG:` line, a header line, rows. `headerStart` is the
 * beginning of the header, compared without case and with blanks collapsed.
 */
function sections(command: string, text: string, headerStart: string): { vg: string; rows: string[] }[] {
  const result: { vg: string; rows: string[] }[] = [];
  const lines = contentLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const vg = sectionName(line);
    if (vg !== null) {
      const header = lines[i + 1];
      if (header === undefined || !headerKey(header).startsWith(headerStart)) {
        throw new ParseError(command, `section ${vg} has no "${headerStart}" header`, header ?? line);
      }
      result.push({ vg, rows: [] });
      i++;
      continue;
    }
    const current = result[result.length - 1];
    if (current === undefined) throw new ParseError(command, 'row before any "VG:" line', line);
    current.rows.push(line);
  }
  return result;
}

/** `lsvg -l VG [VG...]`: one section per VG. */
export function parseLsvgLvs(text: string): { vg: string; lvs: LsvgLv[] }[] {
  return sections('lsvg -l', text, 'LV NAME TYPE LPS PPS PVS LV STATE').map(({ vg, rows }) => ({
    vg,
    lvs: rows.map((line) => {
      const [name, type, lps, pps, pvs, state, ...mount] = tokens(line);
      const lpCount = toInt(lps);
      const ppCount = toInt(pps);
      const pvCount = toInt(pvs);
      if (
        name === undefined ||
        type === undefined ||
        lpCount === null ||
        ppCount === null ||
        pvCount === null ||
        state === undefined
      ) {
        throw new ParseError('lsvg -l', 'expected "name type LPs PPs PVs state [mount point]"', line);
      }
      const mountPoint = mount.join(' ');
      return {
        name,
        type,
        lps: lpCount,
        pps: ppCount,
        pvs: pvCount,
        state,
        open: state.toLowerCase().startsWith('open'),
        mountPoint: mountPoint === '' || mountPoint === 'N/A' ? null : mountPoint,
      };
    }),
  }));
}

export interface LsvgPv {
  name: string;
  state: string;
  totalPps: number;
  freePps: number;
  freeDistribution: string;
}

/** `lsvg -p VG [VG...]`: one section per VG, `PV_NAME PV STATE TOTAL PPs FREE PPs FREE DISTRIBUTION`. */
export function parseLsvgPvs(text: string): { vg: string; pvs: LsvgPv[] }[] {
  return sections('lsvg -p', text, 'PV_NAME PV STATE TOTAL PPS FREE PPS').map(({ vg, rows }) => ({
    vg,
    pvs: rows.map((line) => {
      const [name, state, total, free, distribution] = tokens(line);
      const totalPps = toInt(total);
      const freePps = toInt(free);
      if (name === undefined || state === undefined || totalPps === null || freePps === null) {
        throw new ParseError('lsvg -p', 'expected "name state total free distribution"', line);
      }
      return { name, state, totalPps, freePps, freeDistribution: distribution ?? '' };
    }),
  }));
}

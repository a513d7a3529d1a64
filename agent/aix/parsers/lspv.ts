import { ParseError } from './errors';
import { countWithMb, keyValueRecord, leadingInt, sizeInMb } from './keyvalue';
import { contentLines, DEVICE_NAME, headerKey, tokens, toInt } from './text';

export type PvState = 'active' | 'concurrent' | 'locked' | '';

export interface LspvEntry {
  name: string;
  /** null when lspv prints `none` (the disk has no PVID yet). */
  pvid: string | null;
  /** 'None' when the disk is in no volume group. */
  vg: string;
  /** '' when the VG is varied off (altinst_rootvg, old_rootvg) or the disk is in no VG. */
  state: PvState;
  /** Columns after the ones above (lspv -u prints UDID and UUID), kept as printed. */
  extra: string[];
}

const PVID = /^[0-9a-fA-F]{16}(?:[0-9a-fA-F]{16})?$/;
const STATES: readonly string[] = ['active', 'concurrent', 'locked'];

/** `lspv` without arguments: one line per disk, `name pvid vg [state]`. */
export function parseLspv(text: string): LspvEntry[] {
  return contentLines(text).map((line) => {
    const [name, pvid, vg, ...rest] = tokens(line);
    if (name === undefined || pvid === undefined || !DEVICE_NAME.test(name)) {
      throw new ParseError('lspv', 'expected "name pvid vg [state]"', line);
    }
    if (pvid.toLowerCase() !== 'none' && !PVID.test(pvid)) {
      throw new ParseError('lspv', `not a PVID: ${pvid}`, line);
    }
    const maybeState = (rest[0] ?? '').toLowerCase();
    const state = (STATES.includes(maybeState) ? maybeState : '') as PvState;
    return {
      name,
      pvid: pvid.toLowerCase() === 'none' ? null : pvid.toLowerCase(),
      // A line with only name and PVID has no VG column; AIX means the same as "None".
      vg: vg ?? 'None',
      state,
      extra: state === '' ? rest : rest.slice(1),
    };
  });
}

export interface LspvDetail {
  name: string;
  pvid: string | null;
  vg: string;
  state: string;
  ppSizeMb: number | null;
  totalPps: number | null;
  freePps: number | null;
  usedPps: number | null;
  totalMb: number | null;
  freeMb: number | null;
  usedMb: number | null;
  lvCount: number | null;
  /** VG IDENTIFIER (printed without a colon on the PV IDENTIFIER line), or null. */
  vgid: string | null;
  fields: Record<string, string>;
}

/**
 * `lspv hdiskN` (also `lspv -L`). AIX prints `???????` for values it cannot read (VG varied off); those become null.
 * Throws when there is no `PHYSICAL VOLUME:` line, e.g. for `0516-1396 ... was not found in the system database.`
 */
export function parseLspvDetail(text: string): LspvDetail {
  const fields = keyValueRecord(text);
  const name = fields['PHYSICAL VOLUME'];
  if (name === undefined || name === '') {
    throw new ParseError('lspv', 'no "PHYSICAL VOLUME:" line', contentLines(text)[0] ?? '');
  }
  // "PV IDENTIFIER:      00fa00d6b552f41b VG IDENTIFIER     00fa00d600004c000000017d43623707": the second key has
  // no colon, so it lands inside the first value.
  const pvLine = /^(\S+)(?:\s+VG IDENTIFIER:?\s+(\S+))?/.exec(fields['PV IDENTIFIER'] ?? '');
  const pvid = pvLine?.[1];
  const vgid = pvLine?.[2] ?? fields['VG IDENTIFIER'] ?? null;
  if (pvLine?.[2] !== undefined && pvid !== undefined) {
    fields['PV IDENTIFIER'] = pvid;
    fields['VG IDENTIFIER'] = pvLine[2];
  }
  const total = countWithMb(fields['TOTAL PPs']);
  const free = countWithMb(fields['FREE PPs']);
  const used = countWithMb(fields['USED PPs']);
  return {
    name,
    pvid: pvid === undefined || !PVID.test(pvid) ? null : pvid.toLowerCase(),
    vg: fields['VOLUME GROUP'] ?? 'None',
    state: fields['PV STATE'] ?? '',
    ppSizeMb: sizeInMb(fields['PP SIZE']),
    totalPps: total.count,
    freePps: free.count,
    usedPps: used.count,
    totalMb: total.mb,
    freeMb: free.mb,
    usedMb: used.mb,
    lvCount: leadingInt(fields['LOGICAL VOLUMES']),
    vgid: vgid !== null && /^[0-9a-fA-F]+$/.test(vgid) ? vgid.toLowerCase() : vgid,
    fields,
  };
}

export interface LspvLv {
  name: string;
  lps: number;
  pps: number;
  distribution: string;
  /** null for N/A. */
  mountPoint: string | null;
}

/** `lspv -l hdiskN`: a `hdiskN:` line, the `LV NAME LPs PPs DISTRIBUTION MOUNT POINT` header, one row per LV. */
export function parseLspvLvs(text: string): { pv: string; lvs: LspvLv[] } {
  const lines = contentLines(text);
  let pv = '';
  let index = 0;
  const first = lines[0];
  if (first !== undefined && /^\S+:$/.test(first.trim())) {
    pv = first.trim().slice(0, -1);
    index = 1;
  }
  const header = lines[index];
  if (header === undefined || !headerKey(header).startsWith('LV NAME LPS PPS DISTRIBUTION')) {
    throw new ParseError('lspv -l', 'missing "LV NAME LPs PPs DISTRIBUTION MOUNT POINT" header', header ?? '');
  }
  const lvs = lines.slice(index + 1).map((line) => {
    const [name, lps, pps, distribution, ...mount] = tokens(line);
    const lpCount = toInt(lps);
    const ppCount = toInt(pps);
    if (name === undefined || lpCount === null || ppCount === null || distribution === undefined) {
      throw new ParseError('lspv -l', 'expected "name LPs PPs distribution [mount point]"', line);
    }
    const mountPoint = mount.join(' ');
    return {
      name,
      lps: lpCount,
      pps: ppCount,
      distribution,
      mountPoint: mountPoint === '' || mountPoint === 'N/A' ? null : mountPoint,
    };
  });
  return { pv, lvs };
}

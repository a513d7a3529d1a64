import { ParseError } from './errors';
import { keyValueRecord, leadingInt, sizeInMb } from './keyvalue';
import { contentLines, headerKey, tokens } from './text';

export interface LslvDetail {
  name: string;
  vg: string;
  type: string;
  lps: number;
  pps: number;
  copies: number;
  ppSizeMb: number;
  /** null for N/A. */
  mountPoint: string | null;
  /** LV STATE as printed, e.g. opened/syncd, closed/syncd. */
  state: string;
  fields: Record<string, string>;
}

function required(fields: Record<string, string>, key: string, text: string): string {
  const value = fields[key];
  if (value === undefined || value === '') {
    throw new ParseError('lslv', `missing "${key}:"`, contentLines(text).find((l) => l.includes(key)) ?? '');
  }
  return value;
}

function requiredNumber(value: number | null, key: string, text: string): number {
  if (value === null) {
    throw new ParseError('lslv', `"${key}:" is not a number`, contentLines(text).find((l) => l.includes(key)) ?? '');
  }
  return value;
}

/** `lslv LV`: two columns of `KEY: value`; keys keep their AIX spelling in `fields`. */
export function parseLslv(text: string): LslvDetail {
  const fields = keyValueRecord(text);
  if (fields['LOGICAL VOLUME'] === undefined) {
    throw new ParseError('lslv', 'no "LOGICAL VOLUME:" line', contentLines(text)[0] ?? '');
  }
  const mountPoint = fields['MOUNT POINT'] ?? 'N/A';
  return {
    name: required(fields, 'LOGICAL VOLUME', text),
    vg: required(fields, 'VOLUME GROUP', text),
    type: required(fields, 'TYPE', text),
    lps: requiredNumber(leadingInt(fields['LPs']), 'LPs', text),
    pps: requiredNumber(leadingInt(fields['PPs']), 'PPs', text),
    copies: requiredNumber(leadingInt(fields['COPIES']), 'COPIES', text),
    ppSizeMb: requiredNumber(sizeInMb(fields['PP SIZE']), 'PP SIZE', text),
    mountPoint: mountPoint === '' || mountPoint === 'N/A' ? null : mountPoint,
    state: required(fields, 'LV STATE', text),
    fields,
  };
}

/**
 * `lslv -l LV`: an `lvname:mountpoint` line (hd4:/), the `PV COPIES IN BAND DISTRIBUTION` header, one row per PV.
 * Some published captures start at the header; `lv` is '' then.
 */
export function parseLslvPvs(text: string): {
  lv: string;
  mountPoint: string | null;
  pvs: { name: string; copies: string; inBand: string; distribution: string }[];
} {
  const lines = contentLines(text);
  let lv = '';
  let mountPoint: string | null = null;
  let index = 0;
  const first = lines[0];
  if (first !== undefined && !headerKey(first).startsWith('PV COPIES')) {
    const match = /^\s*([^\s:]+):(\S*)\s*$/.exec(first);
    if (!match) throw new ParseError('lslv -l', 'expected "lvname:mountpoint" or the header', first);
    lv = match[1] ?? '';
    mountPoint = match[2] === undefined || match[2] === '' || match[2] === 'N/A' ? null : match[2];
    index = 1;
  }
  const header = lines[index];
  if (header === undefined || !headerKey(header).startsWith('PV COPIES IN BAND DISTRIBUTION')) {
    throw new ParseError('lslv -l', 'missing "PV COPIES IN BAND DISTRIBUTION" header', header ?? '');
  }
  const pvs = lines.slice(index + 1).map((line) => {
    const [name, copies, inBand, distribution] = tokens(line);
    if (name === undefined || copies === undefined || inBand === undefined || distribution === undefined) {
      throw new ParseError('lslv -l', 'expected "pv copies in-band distribution"', line);
    }
    return { name, copies, inBand, distribution };
  });
  return { lv, mountPoint, pvs };
}

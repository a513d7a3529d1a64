import { splitLines } from './text';

/**
 * image.data (mkszfile's /image.data, or the one given to alt_disk_copy -i): stanzas
 * `name:` of `KEY= value` lines. Only what decides the space a clone takes is read: the
 * PP size (vg_data PPSIZE) and, per lv_data stanza, the LV, its LPs and COPIES, as
 * installation recreates each LV with that many copies (test/fixtures/aix/image.data.*).
 */
export interface ImageDataLv {
  name: string;
  lps: number;
  copies: number;
  /** PP_SIZE of the stanza, in MB; null when not given. */
  ppSizeMb: number | null;
}

export interface ImageData {
  /** vg_data PPSIZE in MB; null when not given. */
  ppSizeMb: number | null;
  lvs: ImageDataLv[];
}

export function parseImageData(text: string): ImageData {
  const result: ImageData = { ppSizeMb: null, lvs: [] };
  let stanza = '';
  let lv: Record<string, string> | null = null;
  const finishLv = (): void => {
    if (lv === null) return;
    const lps = whole(lv['LPs']);
    if (lv['LOGICAL_VOLUME'] && lps !== null) {
      result.lvs.push({
        name: lv['LOGICAL_VOLUME'],
        lps,
        copies: whole(lv['COPIES']) ?? 1,
        ppSizeMb: whole(lv['PP_SIZE']),
      });
    }
    lv = null;
  };
  for (const line of splitLines(text)) {
    const head = /^([A-Za-z_]+):$/.exec(line.trim());
    if (head) {
      finishLv();
      stanza = head[1] as string;
      if (stanza === 'lv_data') lv = {};
      continue;
    }
    const kv = /^\s*([A-Za-z_]+)=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const [, key, value] = kv as unknown as [string, string, string];
    if (stanza === 'vg_data' && key === 'PPSIZE') result.ppSizeMb = whole(value.trim());
    if (lv !== null) lv[key] = value.trim();
  }
  finishLv();
  return result;
}

function whole(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

import * as fs from 'node:fs';

/**
 * alt_disk_copy -i: a customised image.data. Only what changes the clone is read:
 * vg_data's PPSIZE, and per lv_data stanza LOGICAL_VOLUME, LPs and MOUNT_POINT. A stanza
 * matches a rootvg LV by name, or by mount point when the name was changed, which is how
 * an LV name too long for the alt_ prefix is shortened (manual note 3).
 */
export interface ImageData {
  ppSizeMb?: number;
  lvs: Array<{ name: string; lps?: number; mountPoint?: string }>;
}

export function parseImageData(file: string): ImageData {
  const result: ImageData = { lvs: [] };
  let stanza: string | null = null;
  let current: { name: string; lps?: number; mountPoint?: string } | null = null;
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    const head = /^([A-Za-z_]+):$/.exec(line);
    if (head) {
      stanza = head[1] as string;
      current = null;
      if (stanza === 'lv_data') {
        current = { name: '' };
        result.lvs.push(current);
      }
      continue;
    }
    const kv = /^([A-Z_]+)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = kv[1] as string;
    const value = (kv[2] as string).trim();
    if (stanza === 'vg_data' && key === 'PPSIZE' && /^\d+$/.test(value)) result.ppSizeMb = Number(value);
    if (stanza === 'lv_data' && current) {
      if (key === 'LOGICAL_VOLUME') current.name = value;
      else if (key === 'LPs' && /^\d+$/.test(value)) current.lps = Number(value);
      else if (key === 'MOUNT_POINT' && value !== '') current.mountPoint = value;
    }
  }
  result.lvs = result.lvs.filter((l) => l.name !== '');
  return result;
}

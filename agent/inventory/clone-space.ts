import type { ImageData } from '../aix/parsers/image-data';
import type { LsvgLv } from '../aix/parsers/lsvg';

/**
 * The space a clone of rootvg takes, one computation for `targets` and `plan`.
 *
 * alt_disk_copy builds the clone from an image.data: the one mkszfile makes of the running
 * rootvg, or the one given with -i. A clone holds one copy of each logical volume unless
 * told otherwise, so by default the need is rootvg's logical partitions (lsvg -l rootvg,
 * LPs), not its used physical partitions (lsvg rootvg, USED PPs), which count every mirror
 * copy. An image.data given with -i is what tells it otherwise: then each of its lv_data
 * stanzas counts LPs x COPIES.
 */
export interface CloneSpace {
  /** MB the clone needs on its target disks. */
  requiredMb: number;
  /** MB rootvg uses counting every copy (lsvg rootvg, USED PPs). */
  rootvgUsedMb: number;
  /** The most copies any rootvg LV has (PPs / LPs): 1 unmirrored, 2 or 3 mirrored. */
  rootvgCopies: number;
  /** The most copies of an LV the clone is taken to hold: 1, or what the image.data given says. */
  cloneCopies: number;
  /** What requiredMb counts: one copy of each rootvg LV, or the image.data given (-i). */
  basis: 'one-copy' | 'image-data';
}

export interface RootvgSpace {
  ppSizeMb: number;
  usedMb: number;
}

/**
 * `imageData`: undefined without -i; the parsed file when -i was given and could be read;
 * null when it was given but could not be read here (one copy is assumed, and said).
 */
export function cloneSpace(rootvg: RootvgSpace, lvs: readonly LsvgLv[], imageData?: ImageData | null): CloneSpace {
  const rootvgCopies = Math.max(1, ...lvs.map((lv) => (lv.lps > 0 ? Math.round(lv.pps / lv.lps) : 1)));
  const oneCopyMb = lvs.length > 0 ? lvs.reduce((sum, lv) => sum + lv.lps, 0) * rootvg.ppSizeMb : rootvg.usedMb;
  const base = { rootvgUsedMb: rootvg.usedMb, rootvgCopies };
  if (imageData && imageData.lvs.length > 0) {
    const mb = imageData.lvs.reduce(
      (sum, lv) => sum + lv.lps * lv.copies * (imageData.ppSizeMb ?? lv.ppSizeMb ?? rootvg.ppSizeMb),
      0,
    );
    return {
      ...base,
      requiredMb: mb,
      cloneCopies: Math.max(1, ...imageData.lvs.map((lv) => lv.copies)),
      basis: 'image-data',
    };
  }
  return { ...base, requiredMb: oneCopyMb, cloneCopies: 1, basis: 'one-copy' };
}

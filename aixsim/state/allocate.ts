import type { Disk, IntraPolicy, LogicalVolume, VolumeGroup } from './model';
import { freeRegions, type Regions } from './queries';

/**
 * Places an LV's partitions on disks the way mklv would, closely enough for the
 * distributions lspv/lslv print: fill the region the intra-policy asks for, then spill
 * to its neighbours. Deterministic, so the same options always give the same host.
 */

const REGION_PREFERENCE: Record<IntraPolicy, readonly number[]> = {
  edge: [0, 4, 1, 3, 2],
  middle: [1, 3, 0, 4, 2],
  center: [2, 1, 3, 0, 4],
  'inner middle': [3, 2, 4, 1, 0],
  'inner edge': [4, 3, 2, 1, 0],
};

export class AllocationError extends Error {}

/** Adds `lps` partitions of `lv` on the given disks (first with room first). Mutates lv.placement. */
export function allocate(vg: VolumeGroup, lv: LogicalVolume, disks: readonly Disk[], lps: number): void {
  let left = lps;
  for (const disk of disks) {
    if (left === 0) break;
    const free = freeRegions(disk, vg);
    const take: Regions = [0, 0, 0, 0, 0];
    for (const region of REGION_PREFERENCE[lv.intraPolicy]) {
      const n = Math.min(left, free[region] ?? 0);
      take[region] = n;
      left -= n;
      if (left === 0) break;
    }
    if (take.some((n) => n > 0)) {
      const existing = lv.placement.find((p) => p.disk === disk.name);
      if (existing) for (let i = 0; i < 5; i++) existing.regions[i] = (existing.regions[i] ?? 0) + (take[i] ?? 0);
      else lv.placement.push({ disk: disk.name, regions: take });
    }
  }
  if (left > 0) {
    throw new AllocationError(`not enough free partitions in ${vg.name} for ${lps} more of ${lv.name}`);
  }
}

/** The PP size mkvg picks: the smallest power of two (from 4 MB) that keeps a disk within 1016 PPs. */
export function choosePpSize(sizeMb: number, minMb = 4): number {
  let pp = minMb;
  while (sizeMb / pp > 1016) pp *= 2;
  return pp;
}

import type { Disk, HostState, LogicalVolume, PvPlacement, VolumeGroup } from './model';

/**
 * Derived facts about a host: lookups by name and the numbers LVM commands print
 * (PP counts, distributions, open LVs). Pure functions of the state.
 */

export type Regions = [number, number, number, number, number];

export function findDisk(state: HostState, name: string): Disk | undefined {
  return state.disks.find((d) => d.name === name);
}

export function findVg(state: HostState, name: string): VolumeGroup | undefined {
  return state.vgs.find((v) => v.name === name);
}

/** The VG a disk belongs to, if any. */
export function vgOfDisk(state: HostState, disk: string): VolumeGroup | undefined {
  return state.vgs.find((v) => v.disks.includes(disk));
}

/** A map disk -> VG for listing many disks without quadratic scans. */
export function vgByDisk(state: HostState): Map<string, VolumeGroup> {
  const map = new Map<string, VolumeGroup>();
  for (const vg of state.vgs) for (const d of vg.disks) map.set(d, vg);
  return map;
}

/** An LV the ODM knows about (lslv can see it): in a VG, with odm set. */
export function findOdmLv(state: HostState, name: string): { vg: VolumeGroup; lv: LogicalVolume } | undefined {
  for (const vg of state.vgs) {
    const lv = vg.lvs.find((l) => l.name === name && l.odm);
    if (lv) return { vg, lv };
  }
  return undefined;
}

export function rootvg(state: HostState): VolumeGroup | undefined {
  return findVg(state, 'rootvg');
}

/** PPs a disk contributes to its VG: one PP's worth is kept for the VGDA/VGSA. */
export function diskTotalPps(disk: Disk, vg: VolumeGroup): number {
  return Math.max(0, Math.floor(disk.sizeMb / vg.ppSizeMb) - 1);
}

/** The five region sizes of a disk of `total` PPs (AIX splits them as evenly as it can, the centre taking the remainder short). */
export function regionSizes(total: number): Regions {
  const base = Math.floor(total / 5);
  const rest = total - base * 5;
  // 639 PPs -> 128..128..127..128..128: the extra PPs go to the outer regions first.
  const order = [0, 1, 3, 4, 2];
  const sizes: Regions = [base, base, base, base, base];
  for (let i = 0; i < rest; i++) sizes[order[i] as number] = (sizes[order[i] as number] ?? 0) + 1;
  return sizes;
}

/** PPs of an LV on a disk, by region (all copies together). */
export function lvRegionsOnDisk(lv: LogicalVolume, disk: string): Regions {
  const sum: Regions = [0, 0, 0, 0, 0];
  for (const p of lv.placement) if (p.disk === disk) addInto(sum, p.regions);
  return sum;
}

export function usedRegions(vg: VolumeGroup, disk: string): Regions {
  const sum: Regions = [0, 0, 0, 0, 0];
  for (const lv of vg.lvs) for (const p of lv.placement) if (p.disk === disk) addInto(sum, p.regions);
  return sum;
}

export function freeRegions(disk: Disk, vg: VolumeGroup): Regions {
  const sizes = regionSizes(diskTotalPps(disk, vg));
  const used = usedRegions(vg, disk.name);
  return sizes.map((s, i) => s - (used[i] ?? 0)) as Regions;
}

export function sumRegions(r: readonly number[]): number {
  return r.reduce((a, b) => a + b, 0);
}

export function lvPps(lv: LogicalVolume): number {
  return lv.placement.reduce((n, p) => n + sumRegions(p.regions), 0);
}

export function lvDisks(lv: LogicalVolume): string[] {
  return [...new Set(lv.placement.map((p: PvPlacement) => p.disk))];
}

export function vgTotalPps(state: HostState, vg: VolumeGroup): number {
  let n = 0;
  for (const name of vg.disks) {
    const d = findDisk(state, name);
    if (d) n += diskTotalPps(d, vg);
  }
  return n;
}

export function vgUsedPps(vg: VolumeGroup): number {
  return vg.lvs.reduce((n, lv) => n + lvPps(lv), 0);
}

/**
 * Whether an LV is open: a mounted file system, an active paging space or dump device,
 * or a log serving a mounted file system. The boot LV is never open. Nothing is open
 * in a varied-off VG.
 */
export function lvIsOpen(vg: VolumeGroup, lv: LogicalVolume): boolean {
  if (vg.state !== 'active') return false;
  switch (lv.type) {
    case 'boot':
    case 'raw':
      return false;
    case 'paging':
    case 'sysdump':
      // Only the running system pages and dumps to them; a clone's copies stay closed.
      return vg.system === undefined;
    case 'jfs2log':
    case 'jfslog':
      return vg.lvs.some((o) => o.fs !== null && o.fs.mounted && o.fs.log === `/dev/${lv.name}`);
    default:
      return lv.fs !== null && lv.fs.mounted;
  }
}

/** Disks whose boot LV (type boot) has PPs on them, with that LV's name. */
export function bootLvOnDisk(state: HostState, disk: string): string | undefined {
  const vg = vgOfDisk(state, disk);
  if (!vg) return undefined;
  const lv = vg.lvs.find((l) => l.type === 'boot' && l.placement.some((p) => p.disk === disk));
  return lv?.name;
}

function addInto(sum: Regions, add: readonly number[]): void {
  for (let i = 0; i < 5; i++) sum[i] = (sum[i] ?? 0) + (add[i] ?? 0);
}

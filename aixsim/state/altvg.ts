import type { AltDiskOp, HostState, LogicalVolume, VolumeGroup } from './model';
import { lvDataDir, type HostPaths } from './paths';
import { findVg } from './queries';
import { discard } from './trash';

/**
 * The states an alternate rootvg goes through, as AIX leaves them:
 * - awake ("post phase 1"): varied on, LVs named alt_<name> and known to the ODM, file
 *   systems mounted under /alt_inst (phase 1 of alt_disk_copy, alt_rootvg_op -W);
 * - asleep: varied off, LVs renamed back to their names inside the clone and removed from
 *   the ODM (the VGDA keeps them), nothing mounted (phase 3, alt_rootvg_op -S).
 * The data directories never move: they are named after the name inside the clone
 * (LogicalVolume.dataName while awake).
 */
export const ALT_PREFIX = 'alt_';
export const ALT_ROOT = '/alt_inst';

export function altMountPoint(mountPoint: string): string {
  return mountPoint === '/' ? ALT_ROOT : `${ALT_ROOT}${mountPoint}`;
}

export function innerMountPoint(mountPoint: string): string {
  if (mountPoint === ALT_ROOT) return '/';
  return mountPoint.startsWith(`${ALT_ROOT}/`) ? mountPoint.slice(ALT_ROOT.length) : mountPoint;
}

/** Name of an LV inside its system (hd2 for alt_hd2). */
export function innerName(lv: LogicalVolume): string {
  return lv.dataName ?? lv.name;
}

/** LVs with a file system, by mount point inside the system: the order alt_disk_copy creates and mounts them. */
export function fsLvsInMountOrder(vg: VolumeGroup): LogicalVolume[] {
  const withFs = vg.lvs.filter((lv) => lv.fs !== null);
  return withFs.sort((a, b) => {
    const x = innerMountPoint(a.fs?.mountPoint ?? '');
    const y = innerMountPoint(b.fs?.mountPoint ?? '');
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Whether a VG is an alternate rootvg (holds a system that is not running). */
export function isAltRootvg(vg: VolumeGroup): boolean {
  return vg.system !== undefined && vg.name !== 'rootvg';
}

/** The VG mounted under /alt_inst now, if any. */
export function awakeVg(state: HostState): VolumeGroup | undefined {
  return state.vgs.find(
    (v) => v.state === 'active' && v.lvs.some((lv) => lv.fs?.mounted && lv.fs.mountPoint.startsWith(ALT_ROOT)),
  );
}

/** Vary on, rename LVs to alt_*, mount every file system under /alt_inst. */
export function wake(state: HostState, vg: VolumeGroup): void {
  vg.state = 'active';
  vg.varyonSeq = state.nextVaryonSeq++;
  const inner = new Set(vg.lvs.map(innerName));
  for (const lv of vg.lvs) {
    if (lv.dataName === undefined) {
      lv.dataName = lv.name;
      lv.name = `${ALT_PREFIX}${lv.name}`;
    }
    lv.odm = true;
    if (lv.fs) {
      lv.fs.mountPoint = altMountPoint(innerMountPoint(lv.fs.mountPoint));
      lv.fs.mounted = true;
      const log = /^\/dev\/(.+)$/.exec(lv.fs.log);
      if (log && inner.has(log[1] as string)) lv.fs.log = `/dev/${ALT_PREFIX}${log[1]}`;
    }
  }
}

/** Unmount one file system of an awake VG (its mount point goes back to the inner one). */
export function unmount(lv: LogicalVolume): void {
  if (!lv.fs) return;
  lv.fs.mounted = false;
  lv.fs.mountPoint = innerMountPoint(lv.fs.mountPoint);
}

/** Rename LVs back to their inner names and drop them from the ODM. */
export function renameInner(vg: VolumeGroup): void {
  const altNames = new Set(vg.lvs.filter((lv) => lv.dataName !== undefined).map((lv) => lv.name));
  for (const lv of vg.lvs) {
    lv.name = innerName(lv);
    delete lv.dataName;
    lv.odm = false;
    const log = /^\/dev\/(.+)$/.exec(lv.fs?.log ?? '');
    if (lv.fs && log && altNames.has(log[1] as string))
      lv.fs.log = `/dev/${(log[1] as string).slice(ALT_PREFIX.length)}`;
  }
}

/** Everything asleep: unmounted, inner names, varied off. */
export function sleep(vg: VolumeGroup): void {
  for (const lv of vg.lvs) unmount(lv);
  renameInner(vg);
  vg.state = 'varied-off';
  delete vg.alt;
}

/**
 * exportvg of an alternate rootvg: its definition leaves the ODM, its disks show None,
 * the boot records go with it. The data directories are removed: nothing can reach them
 * any more, and the next clone onto those disks starts from empty disks.
 */
export function removeVg(state: HostState, paths: HostPaths, vg: VolumeGroup): void {
  state.vgs = state.vgs.filter((v) => v !== vg);
  for (const d of vg.disks) delete state.bootImages[d];
  for (const lv of vg.lvs) {
    const first = vg.disks[0];
    if (first !== undefined) discard(paths, lvDataDir(paths, first, innerName(lv)));
  }
}

/**
 * Takes the host's one alternate-disk operation slot for this process (call under the
 * state lock); returns the operation holding it instead, if another one runs.
 */
export function claimAltDiskOp(state: HostState, command: string, startedAt: string): AltDiskOp | undefined {
  const holder = runningOp(state);
  if (!holder) state.altDiskOp = { pid: process.pid, command, startedAt };
  return holder;
}

/** Gives the slot back, if this process holds it. */
export function releaseAltDiskOp(state: HostState): void {
  if (state.altDiskOp?.pid === process.pid) state.altDiskOp = null;
}

/** The running alternate-disk operation, or undefined when none runs (or its process died). */
export function runningOp(state: HostState): AltDiskOp | undefined {
  const op = state.altDiskOp;
  if (!op) return undefined;
  if (op.pid === process.pid) return undefined;
  try {
    process.kill(op.pid, 0);
    return op;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? op : undefined;
  }
}

export function altinstVg(state: HostState): VolumeGroup | undefined {
  return findVg(state, 'altinst_rootvg');
}

import type { VolumeGroup } from '../state/model';
import { lvDir, type HostPaths } from '../state/paths';
import { innerMountPoint } from '../state/altvg';
import * as path from 'node:path';

/**
 * Where a path of an emulated system lives on the Linux side: the data directory of the
 * file system with the longest mount point that contains it. `vg` is the VG holding the
 * system (rootvg for the running one, an alternate rootvg for a clone); its mount points
 * are taken as seen from inside that system (/usr, not /alt_inst/usr).
 */
export function hostPathOf(paths: HostPaths, vg: VolumeGroup, systemPath: string): string {
  let best: { mp: string; dir: string } | undefined;
  for (const lv of vg.lvs) {
    if (!lv.fs) continue;
    const mp = innerMountPoint(lv.fs.mountPoint);
    const inside = mp === '/' || systemPath === mp || systemPath.startsWith(`${mp}/`);
    if (inside && (!best || mp.length > best.mp.length)) best = { mp, dir: lvDir(paths, vg, lv) };
  }
  if (!best) throw new Error(`${vg.name} has no file system for ${systemPath}`);
  const rel = best.mp === '/' ? systemPath.slice(1) : systemPath.slice(best.mp.length + 1);
  return rel === '' ? best.dir : path.join(best.dir, rel);
}

/** "mount point<TAB>directory" lines for the scripts that need to find a system's files. */
export function mountTable(paths: HostPaths, vg: VolumeGroup): string {
  return vg.lvs
    .filter((lv) => lv.fs !== null)
    .map((lv) => `${innerMountPoint(lv.fs?.mountPoint ?? '')}\t${lvDir(paths, vg, lv)}`)
    .join('\n');
}

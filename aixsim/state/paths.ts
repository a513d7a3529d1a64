import * as path from 'node:path';
import type { LogicalVolume, VolumeGroup } from './model';

/** Where things are inside a host directory (see aixsim/README.md for the layout). */
export interface HostPaths {
  root: string;
  bin: string;
  state: string;
  lock: string;
  dev: string;
  ipldevice: string;
  disks: string;
}

export function hostPaths(root: string): HostPaths {
  const abs = path.resolve(root);
  return {
    root: abs,
    bin: path.join(abs, 'bin'),
    state: path.join(abs, 'state.json'),
    lock: path.join(abs, 'state.lock'),
    dev: path.join(abs, 'dev'),
    ipldevice: path.join(abs, 'dev', 'ipldevice'),
    disks: path.join(abs, 'disks'),
  };
}

/** The directory holding the contents of one file system: DIR/disks/<first disk of VG>/lv/<lv>. */
export function lvDataDir(paths: HostPaths, firstDisk: string, lvName: string): string {
  return path.join(paths.disks, firstDisk, 'lv', lvName);
}

/** Where an LV of a VG keeps its contents (its dataName when it has one, see LogicalVolume). */
export function lvDir(paths: HostPaths, vg: VolumeGroup, lv: LogicalVolume): string {
  return lvDataDir(paths, vg.disks[0] as string, lv.dataName ?? lv.name);
}

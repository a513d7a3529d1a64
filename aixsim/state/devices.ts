import { faultsOf } from './faults';
import type { Disk, HostState, MultipathDriver } from './model';
import { vgOfDisk } from './queries';

/**
 * How the device layer sees a disk (lsdev, lspath, lquerypv, the ODM's CuDv/CuAt), derived from the model.
 *
 * Inferred (no capture): the descriptions of the pseudo-devices and of their native paths; "Virtual SCSI Disk
 * Drive" without a location code for aixsim's ordinary disks (client LPARs see their disks through VIOS, so
 * lspath lists vscsi paths, as lspath.vscsi.01.txt does); "MPIO IBM 2076 FC Disk" for an MPIO disk with several
 * fibre-channel paths. See test/fixtures/aix/SOURCES.md for what was found.
 */
const PSEUDO_DESCRIPTION: Record<MultipathDriver, string> = {
  powerpath: 'PowerPath Device',
  sdd: 'Data Path Optimizer Pseudo Device Driver',
  hdlm: 'HDLM Driver',
};
const PATH_DESCRIPTION: Record<MultipathDriver, string> = {
  powerpath: 'EMC CLARiiON FCP RAID 5 Disk',
  sdd: 'IBM FC 2107',
  hdlm: 'Hitachi Disk Array (Fibre)',
};
export const PSEUDO_PREFIX: Record<MultipathDriver, string> = {
  powerpath: 'hdiskpower',
  sdd: 'vpath',
  hdlm: 'dlmfdrv',
};
/** The filesets that bring each driver's commands (powermt comes with EMCpower.base). */
export const DRIVER_FILESET: Record<MultipathDriver, string> = {
  powerpath: 'EMCpower.base',
  sdd: 'devices.sdd.61.rte',
  hdlm: 'DLManager.mpio.rte',
};

export function describeDevice(disk: Disk): { description: string; location: string } {
  const m = disk.multipath;
  const fallback =
    m?.role === 'pseudo'
      ? { description: PSEUDO_DESCRIPTION[m.driver], location: '' }
      : m?.role === 'path'
        ? { description: PATH_DESCRIPTION[m.driver], location: '04-08-02' }
        : disk.paths > 1
          ? { description: 'MPIO IBM 2076 FC Disk', location: '01-00-01' }
          : { description: 'Virtual SCSI Disk Drive', location: '' };
  return { description: disk.description ?? fallback.description, location: disk.location ?? fallback.location };
}

/** Whether AIX's MPIO manages the disk (lspath lists its paths): not pseudo-devices, not their native paths. */
export function isMpio(disk: Disk): boolean {
  return disk.multipath === undefined;
}

/** The parent adapter of path i of an MPIO disk. */
export function pathParent(disk: Disk, i: number): string {
  return disk.paths > 1 ? `fscsi${i % 2}` : 'vscsi0';
}

/** A disk made unreadable by `aixsim fault add disk-unreadable`: Defined in the ODM, no I/O possible. */
export function isUnreadable(state: HostState, disk: string): boolean {
  return faultsOf(state, 'disk-unreadable', disk).length > 0;
}

/** The device whose header a disk shows: a native path reads its pseudo-device's LUN. */
export function lunOf(state: HostState, disk: Disk): Disk {
  const m = disk.multipath;
  if (m?.role !== 'path') return disk;
  return state.disks.find((d) => d.name === m.pseudo) ?? disk;
}

/** What the disk's first blocks hold: the PVID at 0x80 and the VG id of the LVM record (block 7). */
export function headerOf(state: HostState, disk: Disk): { pvid: string | null; vgid: string | null } {
  const lun = lunOf(state, disk);
  if (lun.header) return lun.header;
  return { pvid: lun.pvid, vgid: vgOfDisk(state, lun.name)?.vgid ?? null };
}

/** The first 4 KB of a disk as lquerypv reads them: "IBMA" in EBCDIC and the PVID in block 0, "_LVM" and the VG id in block 7. */
export function headerBytes(state: HostState, disk: Disk): Buffer {
  const { pvid, vgid } = headerOf(state, disk);
  const bytes = Buffer.alloc(4096);
  if (pvid !== null) {
    Buffer.from('c9c2d4c1', 'hex').copy(bytes, 0);
    Buffer.from(pvid.padEnd(16, '0').slice(0, 16), 'hex').copy(bytes, 0x80);
  }
  if (vgid !== null) {
    Buffer.from('_LVM', 'ascii').copy(bytes, 0xe00);
    Buffer.from(vgid.padEnd(32, '0').slice(0, 32), 'hex').copy(bytes, 0xe04);
  }
  return bytes;
}

/**
 * The emulated host, as stored in DIR/state.json. Everything an AIX command reads or
 * changes lives here; the file-system contents live beside it in DIR/disks/.
 *
 * Design notes for what comes later (alt_disk_copy, alt_rootvg_op, reboot, faults):
 * - A volume group owns its logical volumes, so altinst_rootvg and old_rootvg can carry
 *   LVs named hd4, hd2 ... next to rootvg's without clashing. `odm: false` marks LVs that
 *   exist in the VGDA only (alt_disk_copy removes altinst_rootvg's LVs from the ODM),
 *   which is why lslv cannot see them.
 * - File-system contents are stored under the FIRST disk of the owning VG
 *   (DIR/disks/<disk>/lv/<lvname>/), so a clone is a copy to another disk's tree and a
 *   reboot that renames altinst_rootvg to rootvg moves no files.
 * - Derived facts (open/closed LVs, free PPs, distributions) are computed from this
 *   model in queries.ts, never stored twice.
 */

export const STATE_SCHEMA_VERSION = 1;

export interface HostState {
  schemaVersion: typeof STATE_SCHEMA_VERSION;
  /** Bumped on every mutation; lets a reader tell two snapshots apart cheaply. */
  generation: number;
  hostname: string;
  os: OsInfo;
  hardware: HardwareInfo;
  /** ISO-8601 instant the running system booted (who -b). */
  bootTime: string;
  /** The disk the running system booted from (bootinfo -b); null after a failed boot. */
  bootDisk: string | null;
  /**
   * What /dev/ipldevice names. Mirrored to DIR/dev/ipldevice; the file is what bosboot
   * checks, so removing the file by hand reproduces AIX's failure.
   */
  ipldevice: string | null;
  /** ODM order: lspv lists disks in this order. */
  disks: Disk[];
  /** ODM order: lsvg lists volume groups in this order. */
  vgs: VolumeGroup[];
  bootlist: { normal: BootlistEntry[]; service: BootlistEntry[] };
  /** Boot images written by bosboot, by disk name. */
  bootImages: Record<string, BootImage>;
  filesets: Fileset[];
  /** Injected failures; none are interpreted yet (see aixsim fault, later). */
  faults: Fault[];
  /** Next varyon sequence number; lsvg -o lists the most recently varied-on VG first. */
  nextVaryonSeq: number;
}

export interface OsInfo {
  /** oslevel -s, e.g. 7200-05-03-2148. */
  serviceLevel: string;
  /** Base level printed by a bare oslevel, e.g. 7.2.0.0. */
  vrmf: string;
  /** uname -m, 12 hex digits. */
  machineId: string;
}

export interface HardwareInfo {
  /** bootinfo -r, in KB. */
  memoryKb: number;
  /** bootinfo -K. */
  kernelBits: 32 | 64;
  /** bootinfo -y. */
  hardwareBits: 32 | 64;
  /** bootinfo -p. */
  platform: string;
  /** uname -M. */
  model: string;
}

export interface Disk {
  name: string;
  /** 16 hex digits, or null for a disk that has never had a PVID (lspv shows none). */
  pvid: string | null;
  sizeMb: number;
  /** MPIO paths; bootlist -o prints one line per path. */
  paths: number;
  /** Whether the firmware can boot from it (bootinfo -B). */
  bootCapable: boolean;
}

export type VaryState = 'active' | 'varied-off';

export interface VolumeGroup {
  name: string;
  /** 32 hex digits. */
  vgid: string;
  ppSizeMb: number;
  /** Member disks, first one first: file-system contents are stored under disks[0]. */
  disks: string[];
  state: VaryState;
  /** Set for a concurrent-capable VG varied on in concurrent mode (lspv state concurrent). */
  concurrent: boolean;
  autoOn: boolean;
  maxLvs: number;
  maxPpsPerVg: number;
  maxPpsPerPv: number;
  maxPvs: number;
  ltgKb: number;
  /** Order of varyon; larger means later. */
  varyonSeq: number;
  lvs: LogicalVolume[];
  /** Next minor number suffix for LV identifiers (vgid.N). */
  nextLvMinor: number;
}

export type LvType = 'boot' | 'paging' | 'jfs2log' | 'jfslog' | 'jfs2' | 'jfs' | 'sysdump' | 'raw';
export type IntraPolicy = 'edge' | 'middle' | 'center' | 'inner middle' | 'inner edge';

export interface LogicalVolume {
  name: string;
  /** Suffix of the LV identifier: <vgid>.<minor>. */
  minor: number;
  type: LvType;
  lps: number;
  copies: number;
  interPolicy: 'minimum' | 'maximum';
  intraPolicy: IntraPolicy;
  maxLps: number;
  /** lslv LABEL; null prints None. */
  label: string | null;
  /** False for LVs that exist in the VGDA only (altinst_rootvg after a clone). */
  odm: boolean;
  fs: FileSystem | null;
  /** Where its physical partitions are: per disk, PPs in the five regions. */
  placement: PvPlacement[];
}

export interface FileSystem {
  mountPoint: string;
  vfs: 'jfs2' | 'jfs';
  mounted: boolean;
  /** Log device (/dev/hd8) or INLINE. */
  log: string;
  /** mount = automatic/true in /etc/filesystems (lsfs Auto column). */
  auto: boolean;
}

/** PPs of one LV copy on one disk, by region: edge, middle, center, inner middle, inner edge. */
export interface PvPlacement {
  disk: string;
  regions: [number, number, number, number, number];
}

export interface BootlistEntry {
  device: string;
  /** Boot logical volume; omitted for a disk that has none. */
  blv?: string;
  /** One path of a multipath disk (pathid=N); omitted means every path. */
  pathid?: number;
}

export interface BootImage {
  blv: string;
  /** Size printed by bosboot, in 512-byte blocks. */
  blocks: number;
  /** ISO-8601 instant it was written. */
  createdAt: string;
  /** oslevel -s of the system that wrote it. */
  serviceLevel: string;
}

export interface Fileset {
  /** Package name (lslpp -Lc first column), e.g. bos for bos.rte. */
  package: string;
  name: string;
  level: string;
  state: 'COMMITTED' | 'APPLIED' | 'BROKEN';
  description: string;
  /** Installp type code: F (fileset), R (RPM) ... */
  type: string;
  /** Parts installed: usr -> /usr/lib/objrepos, root -> /etc/objrepos. */
  parts: Array<'usr' | 'root' | 'share'>;
  /** Build date column of lslpp -Lc (YYWW). */
  buildDate: string;
}

/** A failure to inject later (disk that fails mid-copy, bosboot failing, full disk ...). */
export interface Fault {
  id: string;
  kind: string;
  target?: string;
  /** Free-form parameters of the fault. */
  params?: Record<string, string | number | boolean>;
  createdAt: string;
}

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
  /**
   * Devices other than disks that a boot list may name: cd0, fd0, rmt0, ent0 (aixsim init
   * --device). The firmware finds nothing to boot on them here, and moves on.
   */
  devices?: string[];
  bootlist: { normal: BootlistEntry[]; service: BootlistEntry[] };
  /** Boot images written by bosboot, by disk name. */
  bootImages: Record<string, BootImage>;
  filesets: Fileset[];
  /** Injected failures (aixsim fault); see faults.ts for the kinds and who honours them. */
  faults: Fault[];
  /** Next varyon sequence number; lsvg -o lists the most recently varied-on VG first. */
  nextVaryonSeq: number;
  /** Emulator settings (aixsim tune); missing fields take the defaults in settings.ts. */
  settings?: Partial<Settings>;
  /** Trusted Computing Base chosen at install time (odmget -q attribute=TCB_STATE PdAt). */
  tcb?: boolean;
  /** APARs installed on the running system (instfix would list them). */
  fixes?: string[];
  /**
   * The alt_disk_copy / alt_rootvg_op process now changing an alternate rootvg, so a
   * second one refuses to start. A record whose pid is dead is ignored (a killed run).
   */
  altDiskOp?: AltDiskOp | null;
  /** The running system's ODM names of the other VGs (see SystemImage.odmNames); set at reboot. */
  odmNames?: Record<string, string>;
  /** The running system's first-boot script (alt_disk_copy -x) and, once run, its result. */
  firstBoot?: FirstBoot;
}

/** aixsim tune: how fast the emulated host works. */
export interface Settings {
  /** alt_disk_copy's backup/restore speed, in MB (2^20 bytes) per second. */
  copyRateMbPerSec: number;
  /** Pause after each step line of alt_disk_copy / alt_rootvg_op, in ms. */
  stepDelayMs: number;
  /** Upper bound on files copied per second; 0 means no bound. */
  filesPerSec: number;
}

export interface AltDiskOp {
  pid: number;
  command: string;
  startedAt: string;
}

/**
 * The installed system held by a rootvg-capable VG that is not running (altinst_rootvg,
 * old_rootvg). The running system's equivalent lives in HostState (os, filesets, fixes,
 * tcb); a reboot swaps them.
 */
export interface SystemImage {
  serviceLevel: string;
  vrmf: string;
  filesets: Fileset[];
  fixes: string[];
  tcb: boolean;
  /**
   * The names this system's ODM gives the other VGs, by VG id: what they are called when
   * it boots. A clone's ODM calls the rootvg it was cloned from old_rootvg; the original
   * system's ODM still calls the clone altinst_rootvg (test/fixtures/aix/lspv.single-space.01.txt).
   */
  odmNames: Record<string, string>;
  /** alt_disk_copy -x: run once, at the first boot of this system. */
  firstBoot?: FirstBoot;
  /** alt_disk_copy -O: user-defined device configuration dropped. */
  deviceReset?: boolean;
  /** alt_disk_copy -c: system console of this system. */
  console?: string;
  /** What phase 2 installed, in order (for tests and the first-boot hooks to come). */
  installLog?: string[];
}

export interface FirstBoot {
  /** Path of the script inside this system's / (copied there by alt_disk_copy). */
  script: string;
  /** The path given to alt_disk_copy -x. */
  source: string;
  ranAt?: string;
  exitStatus?: number | null;
  /** Path inside this system's / of the file holding the script's output. */
  log?: string;
}

/**
 * An alternate rootvg under construction or awake: what alt_disk_copy / alt_rootvg_op
 * need to know to continue. Absent on a finished (varied-off) one.
 */
export interface AltProgress {
  /** Phases finished so far. */
  phasesDone: number[];
  /** The -d disks, first one first. */
  targets: string[];
  /** Woken by alt_rootvg_op -W (rather than left mounted by phase 1). */
  woken?: boolean;
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
  /**
   * Set on the devices of third-party multipath software (aixsim disk add): the pseudo-device
   * (hdiskpowerN, vpathN, dlmfdrvN) that owns the LUN, or one native path (hdiskN) under it.
   * A native path shows no PVID in lspv, reads the pseudo-device's header (it is the same LUN)
   * and is no MPIO device, so lspath does not list it. Absent: an AIX MPIO disk.
   */
  multipath?: MultipathRole;
  /** lsdev -Cc disk description and location code, when not the default for its kind (state/devices.ts). */
  description?: string;
  location?: string;
  /** A GPFS NSD on this disk; lspv shows its name in the VG column when `inLspv` (IBM's lspv manual). */
  nsd?: { name: string; volumeId: string; inLspv: boolean };
  /**
   * What the disk's first blocks hold when it is not what this host's ODM says: a LUN another host gave a PVID or a
   * volume group. Absent: the header matches lspv (the PVID, and the VG id of the disk's VG).
   */
  header?: { pvid: string | null; vgid: string | null };
}

export type MultipathDriver = 'powerpath' | 'sdd' | 'hdlm';

export type MultipathRole =
  { driver: MultipathDriver; role: 'pseudo' } | { driver: MultipathDriver; role: 'path'; pseudo: string };

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
  /** A VG holding an AIX system that is not running: what is installed in it. */
  system?: SystemImage;
  /** Set while an alternate rootvg is being built or is awake (mounted under /alt_inst). */
  alt?: AltProgress;
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
  /**
   * Name of the directory holding its contents (DIR/disks/<first disk>/lv/<dataName>) when it
   * differs from `name`: an alternate rootvg's alt_hd2 keeps its files under lv/hd2, the
   * name it has inside the clone, so renaming it moves nothing.
   */
  dataName?: string;
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
  /** Space in use, cached so df never walks the tree (see state/usage.ts). */
  usage?: FsUsage;
  /**
   * Content that exists only as numbers: the installed OS of a real system would fill
   * /usr with 2 GB we do not write out. Counted in usage and copied by a clone.
   */
  base?: FsUsage;
}

export interface FsUsage {
  /** Allocated bytes (files rounded up to 4 KB blocks, as JFS2 allocates). */
  bytes: number;
  /** Files and directories (df Iused). */
  files: number;
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
  /** A network adapter's boot attributes (bserver, client, gateway ...), in the order given. */
  attributes?: Array<[string, string]>;
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

/** An injected failure (aixsim fault add); faults.ts lists the kinds. */
export interface Fault {
  id: string;
  kind: string;
  target?: string;
  /** Free-form parameters of the fault. */
  params?: Record<string, string | number | boolean>;
  createdAt: string;
}

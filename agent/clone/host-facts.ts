import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import {
  ALT_DISK_FILESET,
  diskFree,
  logicalVolumesOf,
  tcbState,
  verifyIplDevice,
  type BootDeviceCheck,
} from '../aix/clone-commands';
import { AixCommands } from '../aix/aix-commands';
import type { DfEntry } from '../aix/parsers/df';
import type { LspvEntry } from '../aix/parsers/lspv';
import type { LsvgLv } from '../aix/parsers/lsvg';
import type { TcbState } from '../aix/parsers/odmget';
import type { OsLevel } from '../aix/parsers/oslevel';
import type { CommandRunner } from '../exec/command-runner';
import { surveyDevices } from '../inventory/device-survey';
import { claimOf, headerWarnings, type HeaderWarning } from '../inventory/disk-claims';
import { mapLimit } from '../inventory/map-limit';
import { NO_VG, ROOTVG } from '../inventory/vg-role';
import type { DiskClaim__Output } from '../../shared/generated/altdisk/v1/DiskClaim';
import { FILE_FIELD_NAMES, UPDATE_ALL_BUNDLE, type FileField } from './file-fields';
import { MAX_CONTENT_BYTES } from '../../shared/limits';
import type { NormalizedSpec } from './spec';

export interface TargetDiskFacts {
  name: string;
  /** lspv lists it. */
  known: boolean;
  /** lspv's VG column ('None' for no VG); '' when the disk is unknown. */
  vg: string;
  /** bootinfo -s; null when unknown or unreadable. */
  sizeMb: number | null;
  /** bootinfo -B; null when unknown or unreadable. */
  bootable: boolean | null;
  /** What else owns the disk (a multipath pseudo-device, GPFS, a cluster); null when nothing does. */
  claim: DiskClaim__Output | null;
  /** What its header holds that no volume group of this host claims (read for free disks only). */
  headerWarnings: HeaderWarning[];
}

export interface HostFileFacts {
  path: string;
  exists: boolean;
  /** A regular file (after following symbolic links, as alt_disk_copy would). */
  regularFile: boolean;
  /** Executable by the agent's user (root on AIX): what alt_disk_copy needs of -s and -x. */
  executable: boolean;
  sizeBytes: number;
  /** The file's content, read for exclude lists (to check their lines) and image.data (its COPIES); null otherwise. */
  content: Buffer | null;
  /** errno code when it could not be examined (ENOENT, EACCES ...). */
  error: string | null;
}

/** Everything the preflight looks at, gathered by running AIX commands (and stat on the spec's host files). */
export interface HostFacts {
  /** bootinfo -b */
  bootDisk: string;
  /** lspv */
  pvs: LspvEntry[];
  /** One per spec.targetDisks entry, in order. */
  targets: TargetDiskFacts[];
  /** lsvg: every defined volume group. */
  volumeGroups: string[];
  /** lsvg -o: the varied-on ones. */
  variedOn: string[];
  /** lsvg rootvg */
  rootvg: { ppSizeMb: number; usedPps: number; usedMb: number; totalMb: number };
  /** lsvg -l of every varied-on volume group. */
  logicalVolumes: Record<string, LsvgLv[]>;
  /** df -k; null when df could not be run or read. */
  filesystems: DfEntry[] | null;
  /** bosboot -vd /dev/ipldevice */
  ipldevice: BootDeviceCheck;
  /** lslpp -Lc bos.alt_disk_install.rte; null when not installed. */
  altDiskFileset: { level: string; state: string } | null;
  /** oslevel -s */
  osLevel: OsLevel;
  /** odmget -q attribute=TCB_STATE PdAt; 'unknown' also when odmget failed (error says why). */
  tcb: { state: TcbState; value: string | null; error: string | null };
  /**
   * The spec's host_path files that are absolute paths (relative ones are reported, not
   * looked up); null when the caller may not have host files examined (see gatherHostFacts).
   */
  hostFiles: Partial<Record<FileField, HostFileFacts>> | null;
}

/** How many per-disk bootinfo runs may be in flight at once. */
const DISK_CONCURRENCY = 4;

/**
 * Gathers the host facts the preflight needs. Commands the preflight cannot do
 * without (lspv, lsvg, bootinfo -b, oslevel) fail the call; the ones that only add
 * a warning (df, odmget) degrade to "unknown" so a missing tool does not block a plan.
 */
export async function gatherHostFacts(
  runner: CommandRunner,
  spec: NormalizedSpec,
  options: { examineHostFiles: boolean } = { examineHostFiles: true },
): Promise<HostFacts> {
  const aix = new AixCommands(runner);
  const [pvs, bootDisk, volumeGroups, variedOn, rootvg, ipldevice, fileset, osLevel, tcb, filesystems, hostFiles] =
    await Promise.all([
      aix.listPhysicalVolumes(),
      aix.bootDisk(),
      aix.listVolumeGroupNames(false),
      aix.listVolumeGroupNames(true),
      aix.volumeGroupDetail(ROOTVG),
      verifyIplDevice(runner),
      aix.fileset(ALT_DISK_FILESET),
      aix.serviceLevel(),
      tcbState(runner).then(
        (t) => ({ ...t, error: null }),
        (err: unknown) => ({ state: 'unknown' as const, value: null, error: messageOf(err) }),
      ),
      diskFree(runner).catch(() => null),
      // Looking at a path as root tells whether it exists (and an exclude list's lines): only
      // for callers who may name host files anyway (permission execute).
      options.examineHostFiles ? examineHostFiles(spec) : null,
    ]);
  const [logicalVolumes, devices, targets] = await Promise.all([
    logicalVolumesOf(runner, variedOn),
    // What owns the disks beyond this host's LVM, and what the free targets' headers hold.
    surveyDevices(runner, pvs, {
      headersOf: (pv) => pv.vg === NO_VG && spec.targetDisks.includes(pv.name),
      concurrency: DISK_CONCURRENCY,
    }),
    mapLimit(spec.targetDisks, DISK_CONCURRENCY, async (name) => {
      const pv = pvs.find((p) => p.name === name);
      // bootinfo on a disk AIX does not know fails; there is nothing more to learn.
      if (!pv) return { name, known: false, vg: '', sizeMb: null, bootable: null };
      // null for what could not be read: the checks say "unknown" rather than fail the plan
      const [sizeMb, bootable] = await Promise.all([
        aix.diskSizeMb(name).catch(() => null),
        aix.diskBootCapable(name).catch(() => null),
      ]);
      return { name, known: true, vg: pv.vg, sizeMb, bootable };
    }),
  ]);
  const claimed = targets.map((t): TargetDiskFacts => {
    const pv = pvs.find((p) => p.name === t.name);
    return {
      ...t,
      claim: pv ? claimOf(pv, pvs, volumeGroups, devices) : null,
      headerWarnings: pv ? headerWarnings(pv, devices) : [],
    };
  });
  return {
    bootDisk,
    pvs,
    targets: claimed,
    volumeGroups,
    variedOn,
    rootvg: { ppSizeMb: rootvg.ppSizeMb, usedPps: rootvg.usedPps, usedMb: rootvg.usedMb, totalMb: rootvg.totalMb },
    logicalVolumes,
    filesystems,
    ipldevice,
    altDiskFileset: fileset === null ? null : { level: fileset.level, state: fileset.state },
    osLevel,
    tcb,
    hostFiles,
  };
}

/** stat (and for exclude lists, read) every absolute host_path of the spec. */
async function examineHostFiles(spec: NormalizedSpec): Promise<Partial<Record<FileField, HostFileFacts>>> {
  const facts: Partial<Record<FileField, HostFileFacts>> = {};
  await Promise.all(
    FILE_FIELD_NAMES.map(async (field) => {
      const input = spec[field];
      if (input?.kind !== 'host' || !path.isAbsolute(input.path)) return;
      if (field === 'bundle' && input.path === UPDATE_ALL_BUNDLE) return;
      // exclude lists are checked line by line; an image.data says how much space the clone takes
      facts[field] = await examineHostFile(input.path, field === 'excludeList' || field === 'imageData');
    }),
  );
  return facts;
}

export async function examineHostFile(hostPath: string, readContent: boolean): Promise<HostFileFacts> {
  const facts: HostFileFacts = {
    path: hostPath,
    exists: false,
    regularFile: false,
    executable: false,
    sizeBytes: 0,
    content: null,
    error: null,
  };
  try {
    const stat = await fs.stat(hostPath);
    facts.exists = true;
    facts.regularFile = stat.isFile();
    facts.sizeBytes = stat.size;
  } catch (err) {
    facts.error = (err as NodeJS.ErrnoException).code ?? messageOf(err);
    // A dangling symbolic link exists as a name but not as a file alt_disk_copy can read.
    return facts;
  }
  if (!facts.regularFile) return facts;
  facts.executable = await fs.access(hostPath, fs.constants.X_OK).then(
    () => true,
    () => false,
  );
  if (readContent && facts.sizeBytes <= MAX_CONTENT_BYTES) {
    facts.content = await readRegularFile(hostPath, MAX_CONTENT_BYTES).catch(() => null);
  }
  return facts;
}

/**
 * The content of a regular file of at most `limit` bytes, judged on the file opened, not
 * on the name stat'ed before: a name swapped meanwhile for a FIFO, a device or a larger file
 * (its owner may be any local user) is never read past the limit, nor waited on.
 */
async function readRegularFile(hostPath: string, limit: number): Promise<Buffer | null> {
  const handle = await fs.open(hostPath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) return null;
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > limit) return null;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

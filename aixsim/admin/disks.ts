import { AixsimError } from '../errors';
import { writeBinStubs } from '../init/bin-stubs';
import { addLv, newVg } from '../init/build-state';
import { hostIds, newPvid, newVgid, type HostIds } from '../init/ids';
import { choosePpSize } from '../state/allocate';
import { DRIVER_FILESET, PSEUDO_PREFIX } from '../state/devices';
import type { Disk, Fileset, HostState, MultipathDriver } from '../state/model';
import { hostPaths } from '../state/paths';
import { findVg } from '../state/queries';
import { mutateState, readState } from '../state/store';

/**
 * aixsim disk DIR add KIND: disks whose owner is not this host's LVM, for the agent's checks.
 * - powerpath | sdd | hdlm [--paths N] [--size-mb S] [--vg NAME]: a pseudo-device (hdiskpowerN, vpathN,
 *   dlmfdrvN) with a PVID over N native paths (hdiskN, shown by lspv as none/None); --vg puts the pseudo-device in
 *   a new volume group. PowerPath also installs EMCpower.base, which brings powermt.
 * - mpio [--paths N] [--size-mb S]: one AIX MPIO disk with N paths (lspath lists each), free for a clone.
 * - gpfs [--nsd NAME] [--size-mb S] [--lspv none]: a GPFS NSD on a new hdisk; installs gpfs.base (mmlsnsd);
 *   lspv names the NSD in the VG column unless --lspv none.
 * - foreign [--vgda] [--odm-pvid] [--size-mb S]: a LUN another host wrote: its header holds a PVID (and with
 *   --vgda an LVM record of a VG this host does not know); lspv shows none, or that PVID with --odm-pvid.
 */
export const DISK_KINDS = ['powerpath', 'sdd', 'hdlm', 'mpio', 'gpfs', 'foreign'] as const;

export interface AddDiskSpec {
  kind: string;
  paths?: number;
  sizeMb?: number;
  vg?: string;
  nsd?: string;
  lspv?: 'nsd' | 'none';
  vgda?: boolean;
  odmPvid?: boolean;
}

export interface AddedDisks {
  /** Every device added, the pseudo-device or NSD disk first. */
  disks: string[];
  summary: string;
}

const DRIVER_FILESETS: Record<string, Omit<Fileset, 'name'>> = {
  'EMCpower.base': {
    package: 'EMCpower',
    level: '6.2.0.0',
    state: 'COMMITTED',
    description: 'PowerPath Base Driver and Utilities',
    type: 'F',
    parts: ['usr', 'root'],
    buildDate: '1830',
  },
  'devices.sdd.61.rte': {
    package: 'devices.sdd.61',
    level: '1.7.2.8',
    state: 'COMMITTED',
    description: 'IBM Subsystem Device Driver for AIX V61',
    type: 'F',
    parts: ['usr', 'root'],
    buildDate: '1523',
  },
  'DLManager.mpio.rte': {
    package: 'DLManager',
    level: '5.9.4.0',
    state: 'COMMITTED',
    description: 'Dynamic Link Manager',
    type: 'F',
    parts: ['usr', 'root'],
    buildDate: '1312',
  },
  'gpfs.base': {
    package: 'gpfs',
    level: '5.1.2.0',
    state: 'COMMITTED',
    description: 'GPFS File Manager',
    type: 'F',
    parts: ['usr', 'root'],
    buildDate: '2146',
  },
};

export function addDisks(dir: string, spec: AddDiskSpec): AddedDisks {
  if (!(DISK_KINDS as readonly string[]).includes(spec.kind))
    throw new AixsimError(`unknown disk kind ${spec.kind}; the kinds are ${DISK_KINDS.join(', ')}`);
  const paths = spec.paths ?? (spec.kind === 'mpio' ? 4 : 2);
  if (!Number.isInteger(paths) || paths < 1 || paths > 16) throw new AixsimError(`--paths ${paths}: give 1 to 16`);
  const sizeMb = spec.sizeMb ?? 51200;
  if (!Number.isInteger(sizeMb) || sizeMb < 1024)
    throw new AixsimError(`--size-mb ${sizeMb}: give a whole number of MB, at least 1024`);
  const hostPathsOf = hostPaths(dir);
  const result = mutateState(hostPathsOf, (s) => {
    const ids = hostIds(`${s.hostname}:disk:${s.disks.length}:${s.generation}`);
    switch (spec.kind) {
      case 'powerpath':
      case 'sdd':
      case 'hdlm':
        return addMultipath(s, ids, spec.kind, paths, sizeMb, spec.vg);
      case 'mpio': {
        const disk = newDisk(s, nextHdisk(s), newPvid(ids), sizeMb, { paths });
        return { disks: [disk.name], summary: `${disk.name} (MPIO, ${paths} paths)` };
      }
      case 'gpfs':
        return addNsd(s, ids, sizeMb, spec.nsd, spec.lspv ?? 'nsd');
      default: {
        const pvid = newPvid(ids);
        const disk = newDisk(s, nextHdisk(s), spec.odmPvid === true ? pvid : null, sizeMb, {});
        disk.header = { pvid, vgid: spec.vgda === true ? newVgid(pvid, Date.now(), ids) : null };
        return {
          disks: [disk.name],
          summary: `${disk.name} (its header holds PVID ${pvid}${disk.header.vgid ? ` and VG id ${disk.header.vgid}` : ''})`,
        };
      }
    }
  });
  // A newly installed driver brings its commands (powermt, mmlsnsd).
  writeBinStubs(hostPathsOf, readState(hostPathsOf));
  return result;
}

function addMultipath(
  s: HostState,
  ids: HostIds,
  driver: MultipathDriver,
  paths: number,
  sizeMb: number,
  vgName: string | undefined,
): AddedDisks {
  const prefix = PSEUDO_PREFIX[driver];
  const index =
    Math.max(-1, ...s.disks.filter((d) => d.name.startsWith(prefix)).map((d) => Number(d.name.slice(prefix.length)))) +
    1;
  const pseudo = newDisk(s, `${prefix}${index}`, newPvid(ids), sizeMb, { multipath: { driver, role: 'pseudo' } });
  const natives: string[] = [];
  for (let i = 0; i < paths; i++)
    natives.push(
      newDisk(s, nextHdisk(s), null, sizeMb, { multipath: { driver, role: 'path', pseudo: pseudo.name } }).name,
    );
  install(s, DRIVER_FILESET[driver]);
  if (vgName !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,14}$/.test(vgName) || findVg(s, vgName))
      throw new AixsimError(`--vg ${vgName}: give a new VG name of 1 to 15 letters, digits, _ . -`);
    const vg = newVg(s, vgName, [pseudo.name], choosePpSize(sizeMb, 32), ids, Date.now() - 30 * 86_400_000);
    addLv(s, vg, { name: `${vgName.slice(0, 10)}lv00`, type: 'raw', lps: 8, intra: 'middle' }, true);
  }
  return {
    disks: [pseudo.name, ...natives],
    summary: `${pseudo.name} over ${natives.join(' ')} (${driver})${vgName ? `, holding ${vgName}` : ''}`,
  };
}

function addNsd(
  s: HostState,
  ids: HostIds,
  sizeMb: number,
  name: string | undefined,
  lspv: 'nsd' | 'none',
): AddedDisks {
  const taken = new Set(s.disks.map((d) => d.nsd?.name).filter((n) => n !== undefined));
  let nsd = name;
  for (let i = 1; nsd === undefined; i++) if (!taken.has(`gpfs${i}nsd`)) nsd = `gpfs${i}nsd`;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(nsd) || taken.has(nsd))
    throw new AixsimError(`--nsd ${nsd}: give a new NSD name of letters, digits and _`);
  const disk = newDisk(s, nextHdisk(s), newPvid(ids), sizeMb, {});
  disk.nsd = { name: nsd, volumeId: ids.prng.hex(16).toUpperCase(), inLspv: lspv === 'nsd' };
  install(s, 'gpfs.base');
  return { disks: [disk.name], summary: `${disk.name} (GPFS NSD ${nsd})` };
}

function newDisk(s: HostState, name: string, pvid: string | null, sizeMb: number, extra: Partial<Disk>): Disk {
  const disk: Disk = { name, pvid, sizeMb, paths: 1, bootCapable: true, ...extra };
  s.disks.push(disk);
  return disk;
}

function nextHdisk(s: HostState): string {
  const used = s.disks
    .map((d) => /^hdisk(\d+)$/.exec(d.name)?.[1])
    .filter((n) => n !== undefined)
    .map(Number);
  return `hdisk${Math.max(-1, ...used) + 1}`;
}

function install(s: HostState, fileset: string): void {
  if (s.filesets.some((f) => f.name === fileset)) return;
  const template = DRIVER_FILESETS[fileset];
  if (template) s.filesets.push({ name: fileset, ...template });
}

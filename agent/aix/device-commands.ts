import type { CommandRunner } from '../exec/command-runner';
import { READ_ONLY, required } from './aix-commands';
import {
  parseLquerypvDump,
  lvmRecordVgid,
  pvidOf,
  LVM_RECORD_BYTES,
  LVM_RECORD_OFFSET,
  PVID_BYTES,
  PVID_OFFSET,
} from './parsers/lquerypv';
import { parseLsdev, type LsdevEntry } from './parsers/lsdev';
import { parseLspath, pathCounts } from './parsers/lspath';
import { parseMmlsnsd, type NsdEntry } from './parsers/mmlsnsd';
import { parseOdmget } from './parsers/odmget';
import { parsePowermtDisplay, type PowerPathDevice } from './parsers/powermt';

// The device layer under the LVM: which disks exist and in what state, how multipath software maps them, what
// their first blocks hold, and whether GPFS owns them. Each function runs one command and hands its output to a
// pure parser; what the answers mean is decided in inventory/disk-claims.ts.

/** `lsdev -Cc disk`: every disk device with its status (Available/Defined) and description. */
export async function listDiskDevices(runner: CommandRunner): Promise<LsdevEntry[]> {
  return parseLsdev(required(await runner.run('lsdev', ['-Cc', 'disk'], READ_ONLY)).stdout);
}

/** `lspath`: how many MPIO paths each MPIO-managed device has (other multipath software's devices are not listed). */
export async function mpioPathCounts(runner: CommandRunner): Promise<Map<string, number>> {
  return pathCounts(parseLspath(required(await runner.run('lspath', [], READ_ONLY)).stdout));
}

/** `powermt display dev=all`: EMC PowerPath's pseudo-devices and their native paths. */
export async function powerPathDevices(runner: CommandRunner): Promise<PowerPathDevice[]> {
  return parsePowermtDisplay(required(await runner.run('powermt', ['display', 'dev=all'], READ_ONLY)).stdout);
}

/** `odmget -q attribute=active_hdisk CuAt`: SDD's vpaths and their native paths, as native hdisk -> vpath. */
export async function sddPaths(runner: CommandRunner): Promise<Map<string, string>> {
  const records = parseOdmget(
    required(await runner.run('odmget', ['-q', 'attribute=active_hdisk', 'CuAt'], READ_ONLY)).stdout,
  );
  const paths = new Map<string, string>();
  for (const r of records) {
    // value = "hdiskN/serial/adapter"
    const native = (r.fields['value'] ?? '').split('/')[0] ?? '';
    const vpath = r.fields['name'] ?? '';
    if (native !== '' && vpath !== '') paths.set(native, vpath);
  }
  return paths;
}

/** `mmlsnsd -X`: GPFS NSDs and the local devices they are on. */
export async function gpfsNsds(runner: CommandRunner): Promise<NsdEntry[]> {
  const result = required(await runner.run('mmlsnsd', ['-X'], READ_ONLY));
  // With no NSD defined mmlsnsd says so on stderr and prints no table.
  if (/No disks were found/.test(result.stderr) && result.stdout.trim() === '') return [];
  return parseMmlsnsd(result.stdout);
}

export interface DiskHeader {
  /** The PVID in the disk's IPL record (0x80), null when there is none. */
  pvid: string | null;
  /** The VG id in its LVM record (block 7), null when the disk holds no VGDA. */
  vgid: string | null;
}

/** `lquerypv -h /dev/DISK 80 10` and `... E00 20`: what the disk's first blocks say, whatever the ODM says. */
export async function readDiskHeader(runner: CommandRunner, disk: string): Promise<DiskHeader> {
  const hex = (n: number) => n.toString(16).toUpperCase();
  const [ipl, lvm] = await Promise.all([
    runner.run('lquerypv', ['-h', `/dev/${disk}`, hex(PVID_OFFSET), hex(PVID_BYTES)], READ_ONLY),
    runner.run('lquerypv', ['-h', `/dev/${disk}`, hex(LVM_RECORD_OFFSET), hex(LVM_RECORD_BYTES)], READ_ONLY),
  ]);
  return {
    pvid: pvidOf(parseLquerypvDump(required(ipl).stdout)),
    vgid: lvmRecordVgid(parseLquerypvDump(required(lvm).stdout)),
  };
}

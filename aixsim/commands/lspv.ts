import type { FlagSet } from '../cli/getopt';
import { col, dotted } from '../format/columns';
import { lvmMessages } from '../format/lvm-messages';
import type { Disk, HostState, VolumeGroup } from '../state/model';
import {
  diskTotalPps,
  findDisk,
  freeRegions,
  lvRegionsOnDisk,
  sumRegions,
  usedRegions,
  vgByDisk,
  vgOfDisk,
} from '../state/queries';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * lspv: physical volumes.
 *
 * Backed by samples (test/fixtures/aix/): the list layout, 16/36/16/12 columns with the
 * trailing blanks real AIX prints (lspv.trailing-blanks.*.txt, lspv.none-trailing-blanks.01.txt);
 * `lspv PV` (lspv-disk.hdisk0.01.txt, including its missing colon after VG IDENTIFIER);
 * `lspv -l PV` (lspv-l.hdisk0.01.txt); the unknown-disk error (lspv-disk.error-not-found.01.txt).
 * Inferred: the usage text (from IBM's syntax line), exit status 1 on errors (samples
 * only show it is non-zero), and for a disk in a varied-off VG printing 0516-010 alone
 * (AIX also prints the page with ??????? values on stdout; not emulated yet).
 */
const USAGE =
  'Usage: lspv [-L] [-M | -l | -p] [-n DescriptorPV] [-v VGid] PhysicalVolume\n' + '       lspv [-u | -P]\n';

export const main = defineCommand({ optstring: 'LMlpn:v:uPs', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  const listFlags = ['M', 'l', 'p'].filter((f) => flags.has(f));
  if (listFlags.length > 1 || operands.length > 1 || (flags.has('u') && operands.length > 0)) {
    ctx.err.write(USAGE);
    return 1;
  }
  const state = ctx.state();
  if (operands.length === 0) {
    if (listFlags.length > 0) {
      ctx.err.write(USAGE);
      return 1;
    }
    ctx.out.write(listing(state));
    return 0;
  }
  const name = operands[0] as string;
  const disk = findDisk(state, name);
  if (!disk) {
    ctx.err.write(lvmMessages.pvNotFound(name));
    return 1;
  }
  const vg = vgOfDisk(state, name);
  if (!vg) {
    ctx.err.write(lvmMessages.pvNotInVg(disk.name));
    return 1;
  }
  if (vg.state !== 'active') {
    ctx.err.write(lvmMessages.vgNotVariedOn());
    return 1;
  }
  if (flags.has('l')) {
    ctx.out.write(lvsOnDisk(disk, vg));
    return 0;
  }
  if (flags.has('M') || flags.has('p')) {
    // Partition maps are not emulated yet; say so rather than print something invented.
    ctx.err.write(`${ctx.name}: aixsim: -M and -p are not emulated\n`);
    return 1;
  }
  ctx.out.write(detail(state, disk, vg));
  return 0;
}

export function vgStateWord(vg: VolumeGroup): string {
  if (vg.state !== 'active') return '';
  return vg.concurrent ? 'concurrent' : 'active';
}

function listing(state: HostState): string {
  const byDisk = vgByDisk(state);
  let text = '';
  for (const d of state.disks) {
    const vg = byDisk.get(d.name);
    text += `${col(d.name, 16)}${col(d.pvid ?? 'none', 36)}${col(vg ? vg.name : d.nsd?.inLspv ? d.nsd.name : 'None', 16)}${col(vg ? vgStateWord(vg) : '', 12)}\n`;
  }
  return text;
}

function descriptorsOn(vg: VolumeGroup, disk: string): number {
  if (vg.disks.length === 1) return 2;
  if (vg.disks.length === 2) return vg.disks[0] === disk ? 2 : 1;
  return 1;
}

function detail(state: HostState, disk: Disk, vg: VolumeGroup): string {
  const total = diskTotalPps(disk, vg);
  const used = usedRegions(vg, disk.name);
  const usedPps = sumRegions(used);
  const free = freeRegions(disk, vg);
  const lvCount = vg.lvs.filter((lv) => lv.placement.some((p) => p.disk === disk.name)).length;
  const mb = (pps: number) => `${pps} (${pps * vg.ppSizeMb} megabytes)`;
  const row = (l: string, lv: string, r?: string, rv?: string) =>
    r === undefined ? `${col(l, 20)}${lv}\n` : `${col(l, 20)}${col(lv, 25)}${col(r, 18)}${rv ?? ''}\n`;
  return (
    row('PHYSICAL VOLUME:', disk.name, 'VOLUME GROUP:', vg.name) +
    // Verbatim AIX quirk: one blank after the PVID and no colon after VG IDENTIFIER.
    `${col('PV IDENTIFIER:', 20)}${disk.pvid ?? 'none'} ${col('VG IDENTIFIER', 18)}${vg.vgid}\n` +
    row('PV STATE:', 'active') +
    row('STALE PARTITIONS:', '0', 'ALLOCATABLE:', 'yes') +
    row('PP SIZE:', `${vg.ppSizeMb} megabyte(s)`, 'LOGICAL VOLUMES:', String(lvCount)) +
    row('TOTAL PPs:', mb(total), 'VG DESCRIPTORS:', String(descriptorsOn(vg, disk.name))) +
    row('FREE PPs:', mb(total - usedPps), 'HOT SPARE:', 'no') +
    row('USED PPs:', mb(usedPps), 'MAX REQUEST:', `${vg.ltgKb} kilobytes`) +
    row('FREE DISTRIBUTION:', dotted(free)) +
    row('USED DISTRIBUTION:', dotted(used)) +
    row('MIRROR POOL:', 'None')
  );
}

function lvsOnDisk(disk: Disk, vg: VolumeGroup): string {
  let text = `${disk.name}:\n${col('LV NAME', 22)}${col('LPs', 8)}${col('PPs', 8)}${col('DISTRIBUTION', 22)}MOUNT POINT\n`;
  for (const lv of vg.lvs) {
    const regions = lvRegionsOnDisk(lv, disk.name);
    const pps = sumRegions(regions);
    if (pps === 0) continue;
    const lps = Math.ceil(pps / Math.max(1, lv.copies > 1 && vg.disks.length === 1 ? lv.copies : 1));
    text += `${col(lv.name, 22)}${col(String(lps), 8)}${col(String(pps), 8)}${col(dotted(regions), 22)}${lv.fs?.mountPoint ?? 'N/A'}\n`;
  }
  return text;
}

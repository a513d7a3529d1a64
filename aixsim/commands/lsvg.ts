import type { FlagSet } from '../cli/getopt';
import { col, dotted } from '../format/columns';
import { lvmMessages } from '../format/lvm-messages';
import type { Disk, HostState, VolumeGroup } from '../state/model';
import {
  diskTotalPps,
  findDisk,
  findVg,
  freeRegions,
  lvDisks,
  lvIsOpen,
  lvPps,
  sumRegions,
  vgTotalPps,
  vgUsedPps,
} from '../state/queries';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * lsvg: volume groups.
 *
 * Backed by samples (test/fixtures/aix/): the name lists (lsvg.list*.txt); the detail
 * page, 20/25/16 columns as in lsvg.rootvg.02.txt and lsvg.testvg-scalable.01.txt
 * (lsvg.rootvg.01.txt is an OCR copy whose spacing and spelling are not AIX's; see
 * test/fixtures/aix/SOURCES.md); `-l` (lsvg-l.*.txt) and `-p` (lsvg-p.*.txt).
 * Inferred: the usage text (IBM's syntax line), `-o` listing the most recently varied-on
 * VG first, the ENCRYPTION line from 7200-05 on (LV encryption came with AIX 7.2 TL5),
 * and exit status 1 on errors (samples only show it is non-zero). The Concurrent /
 * VG Mode / Node ID rows of a concurrent VG follow lsvg.concurrent.01.txt.
 */
const USAGE = 'Usage: lsvg [-L] [-o] | [-n DescriptorPV] | [-i] [-l | -M | -p] VGname...\n';

export const main = defineCommand({ optstring: 'LoMlpin:', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  const modes = ['l', 'M', 'p'].filter((f) => flags.has(f));
  if (
    modes.length > 1 ||
    (flags.has('o') && (operands.length > 0 || modes.length > 0)) ||
    flags.has('n') ||
    flags.has('i')
  ) {
    ctx.err.write(USAGE);
    return 1;
  }
  const state = ctx.state();
  if (operands.length === 0) {
    if (modes.length > 0) {
      ctx.err.write(USAGE);
      return 1;
    }
    const vgs = flags.has('o')
      ? state.vgs.filter((v) => v.state === 'active').sort((a, b) => b.varyonSeq - a.varyonSeq)
      : state.vgs;
    ctx.out.write(vgs.map((v) => `${v.name}\n`).join(''));
    return 0;
  }
  if (flags.has('M')) {
    ctx.err.write(`${ctx.name}: aixsim: -M is not emulated\n`);
    return 1;
  }
  let status = 0;
  for (const name of operands) {
    const vg = findVg(state, name);
    if (!vg) {
      ctx.err.write(lvmMessages.vgNotFound(name));
      status = 1;
      continue;
    }
    if (vg.state !== 'active') {
      ctx.err.write(lvmMessages.vgNotVariedOn());
      status = 1;
      continue;
    }
    if (flags.has('l')) ctx.out.write(lvList(vg));
    else if (flags.has('p')) ctx.out.write(pvList(state, vg));
    else ctx.out.write(detail(state, vg));
  }
  return status;
}

function row(l: string, lv: string, r?: string, rv?: string): string {
  return r === undefined ? `${col(l, 20)}${lv}\n` : `${col(l, 20)}${col(lv, 25)}${col(r, 16)}${rv ?? ''}\n`;
}

function hasEncryptionField(serviceLevel: string): boolean {
  return serviceLevel.slice(0, 4) > '7200' || (serviceLevel.startsWith('7200') && serviceLevel.slice(5, 7) >= '05');
}

function detail(state: HostState, vg: VolumeGroup): string {
  const total = vgTotalPps(state, vg);
  const used = vgUsedPps(vg);
  const mb = (pps: number) => `${pps} (${pps * vg.ppSizeMb} megabytes)`;
  const open = vg.lvs.filter((lv) => lvIsOpen(vg, lv)).length;
  const descriptors = vg.disks.length === 1 ? 2 : vg.disks.length === 2 ? 3 : vg.disks.length;
  let text =
    row('VOLUME GROUP:', vg.name, 'VG IDENTIFIER:', vg.vgid) +
    row('VG STATE:', 'active', 'PP SIZE:', `${vg.ppSizeMb} megabyte(s)`) +
    row('VG PERMISSION:', 'read/write', 'TOTAL PPs:', mb(total)) +
    row('MAX LVs:', String(vg.maxLvs), 'FREE PPs:', mb(total - used)) +
    row('LVs:', String(vg.lvs.length), 'USED PPs:', mb(used)) +
    row('OPEN LVs:', String(open), 'QUORUM:', `${Math.floor(descriptors / 2) + 1} (Enabled)`) +
    row('TOTAL PVs:', String(vg.disks.length), 'VG DESCRIPTORS:', String(descriptors)) +
    row('STALE PVs:', '0', 'STALE PPs:', '0') +
    row('ACTIVE PVs:', String(vg.disks.length), 'AUTO ON:', vg.autoOn ? 'yes' : 'no');
  if (vg.concurrent) {
    // As test/fixtures/aix/lsvg.concurrent.01.txt, trailing blanks included; one active node (this one).
    text +=
      row('Concurrent:', 'Enhanced-Capable', 'Auto-Concurrent:', 'Disabled') +
      `${col('VG Mode:', 20)}${col('Concurrent', 25)}${' '.repeat(16)}\n` +
      `${col('Node ID:', 20)}${col('1', 25)}${col('Active Nodes:', 20)}1 \n`;
  }
  text +=
    row('MAX PPs per VG:', String(vg.maxPpsPerVg)) +
    row('MAX PPs per PV:', String(vg.maxPpsPerPv), 'MAX PVs:', String(vg.maxPvs)) +
    row('LTG size (Dynamic):', `${vg.ltgKb} kilobyte(s)`, 'AUTO SYNC:', 'no') +
    row('HOT SPARE:', 'no', 'BB POLICY:', 'relocatable') +
    row('PV RESTRICTION:', 'none', 'INFINITE RETRY:', 'no') +
    row('DISK BLOCK SIZE:', '512', 'CRITICAL VG:', 'no') +
    row('FS SYNC OPTION:', 'no', 'CRITICAL PVs:', 'no');
  if (hasEncryptionField(state.os.serviceLevel)) text += row('ENCRYPTION:', 'no');
  return text;
}

function lvList(vg: VolumeGroup): string {
  let text = `${vg.name}:\n${col('LV NAME', 20)}${col('TYPE', 11)}${col('LPs', 8)}${col('PPs', 8)}${col('PVs', 5)}${col('LV STATE', 14)}MOUNT POINT\n`;
  for (const lv of vg.lvs) {
    const lvState = `${lvIsOpen(vg, lv) ? 'open' : 'closed'}/syncd`;
    text +=
      col(lv.name, 20) +
      col(lv.type, 11) +
      col(String(lv.lps), 8) +
      col(String(lvPps(lv)), 8) +
      col(String(lvDisks(lv).length), 5) +
      col(lvState, 14) +
      `${lv.fs?.mountPoint ?? 'N/A'}\n`;
  }
  return text;
}

function pvList(state: HostState, vg: VolumeGroup): string {
  let text = `${vg.name}:\n${col('PV_NAME', 18)}${col('PV STATE', 18)}${col('TOTAL PPs', 12)}${col('FREE PPs', 12)}FREE DISTRIBUTION\n`;
  for (const name of vg.disks) {
    const disk = findDisk(state, name) as Disk | undefined;
    if (!disk) continue;
    const free = freeRegions(disk, vg);
    text += `${col(name, 18)}${col('active', 18)}${col(String(diskTotalPps(disk, vg)), 12)}${col(String(sumRegions(free)), 12)}${dotted(free)}\n`;
  }
  return text;
}

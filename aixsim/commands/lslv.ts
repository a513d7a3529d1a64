import type { FlagSet } from '../cli/getopt';
import { col, colonRegions } from '../format/columns';
import { lvmMessages } from '../format/lvm-messages';
import type { HostState, IntraPolicy, LogicalVolume, VolumeGroup } from '../state/model';
import { findOdmLv, lvDisks, lvIsOpen, lvPps, lvRegionsOnDisk, sumRegions } from '../state/queries';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * lslv: logical volumes.
 *
 * Backed by samples: the detail page, 20/23/16 columns, and the LV identifier running
 * into the next column (test/fixtures/aix/lslv.hd1.01.txt, lslv.testlv-closed.01.txt);
 * the -l table columns (PV / COPIES / IN BAND / DISTRIBUTION, seen in public captures).
 * Inferred: the "lv:mountpoint" first line of -l, the usage text, the "primary_bootlv"
 * label and RELOCATABLE no of hd5, exit status 1 on errors.
 */
const USAGE = 'Usage: lslv [-L] [-l | -m] [-n DescriptorPV] LVname\n       lslv [-L] -p PVname [LVname]\n';

const REGION_OF: Record<IntraPolicy, number> = { edge: 0, middle: 1, center: 2, 'inner middle': 3, 'inner edge': 4 };

export const main = defineCommand({ optstring: 'Llmn:p:', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  if (operands.length !== 1 || (flags.has('l') && flags.has('m')) || flags.has('p') || flags.has('n')) {
    ctx.err.write(USAGE);
    return 1;
  }
  const name = operands[0] as string;
  const state = ctx.state();
  const found = findOdmLv(state, name);
  if (!found) {
    ctx.err.write(lvmMessages.lvNotFound(name));
    return 1;
  }
  if (found.vg.state !== 'active') {
    ctx.err.write(lvmMessages.vgNotVariedOn());
    return 1;
  }
  if (flags.has('m')) {
    ctx.err.write(`${ctx.name}: aixsim: -m is not emulated\n`);
    return 1;
  }
  ctx.out.write(flags.has('l') ? placement(found.lv) : detail(state, found.vg, found.lv));
  return 0;
}

function row(l: string, lv: string, r?: string, rv?: string): string {
  return r === undefined ? `${col(l, 20)}${lv}\n` : `${col(l, 20)}${col(lv, 23)}${col(r, 16)}${rv ?? ''}\n`;
}

function detail(state: HostState, vg: VolumeGroup, lv: LogicalVolume): string {
  const open = lvIsOpen(vg, lv);
  let text =
    row('LOGICAL VOLUME:', lv.name, 'VOLUME GROUP:', vg.name) +
    row('LV IDENTIFIER:', `${vg.vgid}.${lv.minor}`, 'PERMISSION:', 'read/write') +
    row('VG STATE:', 'active/complete', 'LV STATE:', `${open ? 'opened' : 'closed'}/syncd`) +
    row('TYPE:', lv.type, 'WRITE VERIFY:', 'off') +
    row('MAX LPs:', String(lv.maxLps), 'PP SIZE:', `${vg.ppSizeMb} megabyte(s)`) +
    row('COPIES:', String(lv.copies), 'SCHED POLICY:', 'parallel') +
    row('LPs:', String(lv.lps), 'PPs:', String(lvPps(lv))) +
    row('STALE PPs:', '0', 'BB POLICY:', 'relocatable') +
    row('INTER-POLICY:', lv.interPolicy, 'RELOCATABLE:', lv.type === 'boot' ? 'no' : 'yes') +
    row('INTRA-POLICY:', lv.intraPolicy, 'UPPER BOUND:', String(vg.maxPvs)) +
    row('MOUNT POINT:', lv.fs?.mountPoint ?? 'N/A', 'LABEL:', lv.label ?? 'None') +
    'MIRROR WRITE CONSISTENCY: on/ACTIVE\n' +
    'EACH LP COPY ON A SEPARATE PV ?: yes\n' +
    row('Serialize IO ?:', 'NO') +
    row('INFINITE RETRY:', 'no', 'PREFERRED READ:', '0');
  const sl = state.os.serviceLevel;
  if (sl.slice(0, 4) > '7200' || (sl.startsWith('7200') && sl.slice(5, 7) >= '05')) text += row('ENCRYPTION:', 'no');
  return text;
}

function placement(lv: LogicalVolume): string {
  let text = `${lv.name}:${lv.fs?.mountPoint ?? 'N/A'}\n${col('PV', 18)}${col('COPIES', 14)}${col('IN BAND', 14)}DISTRIBUTION\n`;
  const band = REGION_OF[lv.intraPolicy];
  for (const disk of lvDisks(lv)) {
    const copies = lv.placement.filter((p) => p.disk === disk).map((p) => sumRegions(p.regions));
    const regions = lvRegionsOnDisk(lv, disk);
    const total = sumRegions(regions);
    const inBand = total === 0 ? 0 : Math.floor(((regions[band] ?? 0) * 100) / total);
    const copyCol = [copies[0] ?? 0, copies[1] ?? 0, copies[2] ?? 0].map((n) => String(n).padStart(3, '0')).join(':');
    text += `${col(disk, 18)}${col(copyCol, 14)}${col(`${inBand}%`, 14)}${colonRegions(regions)}\n`;
  }
  return text;
}

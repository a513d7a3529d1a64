import type { FlagSet } from '../cli/getopt';
import {
  altMountPoint,
  awakeVg,
  claimAltDiskOp,
  fsLvsInMountOrder,
  innerMountPoint,
  isAltRootvg,
  releaseAltDiskOp,
  removeVg,
  sleep,
  wake,
} from '../state/altvg';
import { bootImageRecord } from '../state/boot-image';
import type { VolumeGroup } from '../state/model';
import { sleepMs } from '../state/lock';
import { findDisk, findVg, vgOfDisk } from '../state/queries';
import { settingsOf } from '../state/settings';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * alt_rootvg_op: operations on existing alternate rootvgs (altinst_rootvg, old_rootvg, or
 * one renamed with -v).
 *   -X [vg]   remove its definition whatever state it is in (half-made, awake, asleep):
 *             unmount, vary off, export; its disks show None. rootvg is refused.
 *   -W -d pv  wake: varied on, LVs alt_*, file systems mounted under /alt_inst (the
 *             "post phase 1 state"; alt_disk_copy -P2/-P3 may then run on it). The VG is
 *             renamed altinst_rootvg (IBM: "The volume group that experiences the wake-up
 *             is renamed altinst_rootvg"), so an old_rootvg is woken as altinst_rootvg.
 *   -S [-t]   sleep the awake one (-t: rebuild its boot image first). It keeps the name
 *             altinst_rootvg: INFERRED, IBM documents no renaming back, and -v is the
 *             documented way to rename it (alt_rootvg_op -v old_rootvg -d pv).
 *   -q -d pv  print the boot disk of the VG holding pv.
 *   -v name -d pv  rename the (varied-off) alternate VG holding pv.
 *   -D        accepted (ksh trace on AIX), prints nothing more here.
 *
 * INFERRED OUTPUT, no capture found (scripts only test the exit status, 0 = done): the
 * "Waking up ..." / "Putting volume group ... to sleep ..." lines as remembered from AIX,
 * the forced-unmount and Fixing lines as alt_disk_copy's phase 3 (real, see
 * alt_disk_copy.messages.md), "Bootlist is set to the boot disk: ..." when -X removes a
 * disk the normal bootlist named, and every 0505 error text and number (listed in
 * alt_disk_copy.messages.md), including -W refusing with 0505-136 when another VG is
 * already called altinst_rootvg. Errors exit 1.
 */
const USAGE =
  'Usage: alt_rootvg_op -X [volume_group] [-D]\n' +
  '       alt_rootvg_op -W -d disk [-D]\n' +
  '       alt_rootvg_op -S [-tD]\n' +
  '       alt_rootvg_op -q -d disk [-D]\n' +
  '       alt_rootvg_op -v new_volume_group_name -d disk [-D]\n';
const CMD = 'alt_rootvg_op';
const ALTINST = 'altinst_rootvg';

const MSG = {
  rootvg: () => `0505-128 ${CMD}: rootvg cannot be removed.\n`,
  notAlt: (vg: string) => `0505-129 ${CMD}: ${vg} is not an alternate rootvg volume group.\n`,
  noVg: (vg: string) => `0505-130 ${CMD}: There is no ${vg} volume group.\n`,
  diskNotAlt: (d: string) => `0505-131 ${CMD}: ${d} does not belong to an alternate rootvg volume group.\n`,
  awake: (vg: string) => `0505-132 ${CMD}: ${vg} is already awake.\n`,
  nothingAwake: () => `0505-133 ${CMD}: No volume group is awake.\n`,
  higherLevel: (vg: string, level: string) =>
    `0505-134 ${CMD}: ${vg} is at a higher level (${level}) than the running system.\n`,
  nameTaken: (vg: string) => `0505-136 ${CMD}: The volume group name ${vg} is already used.\n`,
  busy: (pid: number) => `0505-151 ${CMD}: Another alternate disk operation is in progress (pid ${pid}).\n`,
};

export const main = defineCommand({ optstring: 'XWSqv:d:tDC', usage: USAGE, run });

function run(flags: FlagSet, words: readonly string[], ctx: CommandContext): number {
  const value = (f: string) => flags.list.find((x) => x.flag === f)?.value;
  // "-X old_rootvg -D": the VG is an operand, and a -D after it is still a flag.
  const operands = words.filter((w) => w !== '-D');
  const actions = ['X', 'W', 'S', 'q', 'v', 'C'].filter((f) => flags.has(f));
  if (actions.length !== 1 || (operands.length > 0 && !flags.has('X')) || operands.length > 1) {
    ctx.err.write(USAGE);
    return 1;
  }
  if (flags.has('C')) {
    ctx.err.write(`${ctx.name}: aixsim: -C is not emulated; wake the VG and run alt_disk_copy -P2 on it\n`);
    return 1;
  }
  const disk = value('d');
  if (disk === undefined && !flags.has('X') && !flags.has('S')) {
    ctx.err.write(USAGE);
    return 1;
  }
  if (flags.has('q')) return query(ctx, disk as string);
  // Every other action changes a volume group: it holds the host's one alternate-disk
  // operation slot from its checks to its end, so no alt_disk_copy or other
  // alt_rootvg_op can change the same VG under it.
  const startedAt = ctx.now().toISOString();
  const holder = ctx.mutate((s) => claimAltDiskOp(s, ctx.name, startedAt));
  if (holder) {
    ctx.err.write(MSG.busy(holder.pid));
    return 1;
  }
  try {
    const step = stepper(ctx);
    if (flags.has('X')) return remove(ctx, operands[0] ?? 'altinst_rootvg', step);
    if (flags.has('S')) return putToSleep(ctx, flags.has('t'), step);
    if (flags.has('W')) return wakeUp(ctx, disk as string, step);
    return rename(ctx, value('v') as string, disk as string);
  } finally {
    ctx.mutate(releaseAltDiskOp);
  }
}

function stepper(ctx: CommandContext): (line: string) => void {
  const delay = settingsOf(ctx.state()).stepDelayMs;
  return (line) => {
    ctx.out.write(`${line}\n`);
    if (delay > 0) sleepMs(delay);
  };
}

function remove(ctx: CommandContext, name: string, step: (l: string) => void): number {
  if (name === 'rootvg') {
    ctx.err.write(MSG.rootvg());
    return 1;
  }
  const state = ctx.state();
  const vg = findVg(state, name);
  if (!vg) {
    ctx.err.write(MSG.noVg(name));
    return 1;
  }
  if (!isAltRootvg(vg)) {
    ctx.err.write(MSG.notAlt(name));
    return 1;
  }
  for (const lv of fsLvsInMountOrder(vg).reverse()) {
    if (lv.fs?.mounted) step(`forced unmount of ${altMountPoint(innerMountPoint(lv.fs.mountPoint))}`);
  }
  const reset = ctx.mutate((s) => {
    const target = findVg(s, name);
    if (!target) return null;
    removeVg(s, ctx.paths, target);
    if (!s.bootlist.normal.some((e) => target.disks.includes(e.device)) || s.bootDisk === null) return null;
    s.bootlist.normal = [{ device: s.bootDisk, blv: 'hd5' }];
    return s.bootDisk;
  });
  if (reset !== null) step(`Bootlist is set to the boot disk: ${reset} blv=hd5`);
  return 0;
}

/** The alternate VG holding a disk, or an error printed. */
function altOfDisk(ctx: CommandContext, disk: string): VolumeGroup | undefined {
  const state = ctx.state();
  const vg = findDisk(state, disk) ? vgOfDisk(state, disk) : undefined;
  if (!vg || !isAltRootvg(vg)) {
    ctx.err.write(MSG.diskNotAlt(disk));
    return undefined;
  }
  return vg;
}

function wakeUp(ctx: CommandContext, disk: string, step: (l: string) => void): number {
  const vg = altOfDisk(ctx, disk);
  if (!vg) return 1;
  const state = ctx.state();
  const already = awakeVg(state);
  if (already) {
    ctx.err.write(MSG.awake(already.name));
    return 1;
  }
  // The running system must be at least the woken one's version (IBM's alt_rootvg_op page).
  const level = vg.system?.serviceLevel ?? '';
  if (level.slice(0, 4) > state.os.serviceLevel.slice(0, 4)) {
    ctx.err.write(MSG.higherLevel(vg.name, level));
    return 1;
  }
  // Woken, it is called altinst_rootvg: another VG of that name (a clone) must not exist.
  if (vg.name !== ALTINST && findVg(state, ALTINST)) {
    ctx.err.write(MSG.nameTaken(ALTINST));
    return 1;
  }
  step(`Waking up ${vg.name} volume group ...`);
  ctx.mutate((s) => {
    const target = findVg(s, vg.name) as VolumeGroup;
    wake(s, target);
    target.name = ALTINST;
    target.alt = { phasesDone: [1], targets: [...target.disks], woken: true };
  });
  return 0;
}

function putToSleep(ctx: CommandContext, rebuild: boolean, step: (l: string) => void): number {
  const state = ctx.state();
  const vg = awakeVg(state);
  if (!vg || !isAltRootvg(vg)) {
    ctx.err.write(MSG.nothingAwake());
    return 1;
  }
  step(`Putting volume group ${vg.name} to sleep ...`);
  if (rebuild) {
    const createdAt = ctx.now().toISOString();
    ctx.mutate((s) => {
      const target = findVg(s, vg.name) as VolumeGroup;
      const bootDisk = bootDiskOf(target);
      const level = target.system?.serviceLevel ?? s.os.serviceLevel;
      if (bootDisk) s.bootImages[bootDisk] = bootImageRecord(level, createdAt);
    });
  }
  for (const lv of fsLvsInMountOrder(vg).reverse()) {
    if (!lv.fs?.mounted) continue;
    const mp = altMountPoint(innerMountPoint(lv.fs.mountPoint));
    step(`forced unmount of ${mp}`);
    step(`forced unmount of ${mp}`);
  }
  step('Fixing LV control blocks...');
  step('Fixing file system superblocks...');
  ctx.mutate((s) => sleep(findVg(s, vg.name) as VolumeGroup));
  return 0;
}

/** The disk of a VG that carries its boot LV (hd5, or alt_hd5 while awake). */
function bootDiskOf(vg: VolumeGroup): string | undefined {
  const blv = vg.lvs.find((l) => l.type === 'boot');
  return blv?.placement[0]?.disk ?? vg.disks[0];
}

function query(ctx: CommandContext, disk: string): number {
  const state = ctx.state();
  const vg = findDisk(state, disk) ? vgOfDisk(state, disk) : undefined;
  if (!vg) {
    ctx.err.write(MSG.diskNotAlt(disk));
    return 1;
  }
  ctx.out.write(`${bootDiskOf(vg) ?? disk}\n`);
  return 0;
}

function rename(ctx: CommandContext, newName: string, disk: string): number {
  const vg = altOfDisk(ctx, disk);
  if (!vg) return 1;
  const state = ctx.state();
  if (findVg(state, newName) || !/^[A-Za-z_][A-Za-z0-9_.-]{0,14}$/.test(newName)) {
    ctx.err.write(MSG.nameTaken(newName));
    return 1;
  }
  if (vg.state === 'active') {
    ctx.err.write(MSG.awake(vg.name));
    return 1;
  }
  ctx.mutate((s) => {
    (findVg(s, vg.name) as VolumeGroup).name = newName;
  });
  return 0;
}

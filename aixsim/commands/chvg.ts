import type { FlagSet } from '../cli/getopt';
import { lvmMessages } from '../format/lvm-messages';
import { findVg } from '../state/queries';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * chvg: only `-u` (unlock) is emulated: it frees a VG's LVM lock left held (the vg-locked
 * fault), so the commands waiting on it go on. IBM's chvg page: "-u Unlocks the volume
 * group. This option is provided if the volume group is left in a locked state by abnormal
 * termination of another LVM operation"; before using it, make sure no other LVM command
 * uses the VG. Inferred: silence and exit 0 on success (no capture), the short usage text.
 */
const USAGE = 'Usage: chvg -u VolumeGroup\n';

export const main = defineCommand({ optstring: 'u', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  if (operands.length !== 1 || !flags.has('u')) {
    ctx.err.write(`${ctx.name}: aixsim: only chvg -u VolumeGroup is emulated\n${USAGE}`);
    return 1;
  }
  const vg = operands[0] as string;
  if (!findVg(ctx.state(), vg)) {
    ctx.err.write(lvmMessages.vgNotFound(vg));
    return 1;
  }
  ctx.mutate((s) => {
    s.faults = s.faults.filter((f) => !(f.kind === 'vg-locked' && f.target === vg));
  });
  return 0;
}

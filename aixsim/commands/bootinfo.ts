import type { FlagSet } from '../cli/getopt';
import { isUnreadable } from '../state/devices';
import { faultsOf } from '../state/faults';
import { findDisk } from '../state/queries';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * bootinfo: boot and hardware facts, one value per line.
 *
 * Backed by samples (test/fixtures/aix/bootinfo-*.txt): -b (disk name; nothing after a
 * rootvg migration, bootinfo-b.empty.01.txt: aixsim fault add bootinfo-b-empty), -s (size in MB),
 * -K and -y (64), -p (chrp), -r (memory in KB), -t (1: booted from disk).
 * Inferred: -B printing 1/0, -z printing 1, the usage text, and an unknown or Defined disk
 * (aixsim fault add disk-unreadable) giving no output and exit status 1 (the device cannot be opened).
 */
const USAGE =
  'usage: bootinfo {-b | -B dev | -c | -e | -k | -K | -m | -M | -o dev | -p | -r | -s dev | -t | -T | -y | -z}\n';

export const main = defineCommand({ optstring: 'bB:ceKkmMo:prs:tTyz', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  const first = flags.list[0];
  if (!first || operands.length > 0) {
    ctx.err.write(USAGE);
    return 1;
  }
  const state = ctx.state();
  const print = (v: string | number) => {
    ctx.out.write(`${v}\n`);
    return 0;
  };
  switch (first.flag) {
    case 'b':
      // Empty after a boot from media or a rootvg migration, as AIX prints nothing then.
      if (state.bootDisk !== null && faultsOf(state, 'bootinfo-b-empty').length === 0) print(state.bootDisk);
      return 0;
    case 's':
    case 'B': {
      const disk = findDisk(state, (first.value ?? '').replace(/^\/dev\/r?/, ''));
      // A Defined disk cannot be opened either: nothing printed, status 1, as for an unknown one.
      if (!disk || isUnreadable(state, disk.name)) return 1;
      return first.flag === 's' ? print(disk.sizeMb) : print(disk.bootCapable ? 1 : 0);
    }
    case 'K':
      return print(state.hardware.kernelBits);
    case 'y':
      return print(state.hardware.hardwareBits);
    case 'p':
    case 'T':
      return print(state.hardware.platform);
    case 'r':
      return print(state.hardware.memoryKb);
    case 't':
      return print(1);
    case 'z':
      return print(1);
    default:
      ctx.err.write(`${ctx.name}: aixsim: -${first.flag} is not emulated\n`);
      return 1;
  }
}

import type { CommandContext } from './context';
import { isUnreadable } from '../state/devices';
import { findDisk } from '../state/queries';

/**
 * getconf: the system variables the agent uses.
 *
 * Backed by samples: DISK_SIZE (MB, test/fixtures/aix/getconf.DISK_SIZE.01.txt) and
 * BOOT_DEVICE (getconf.BOOT_DEVICE.01.txt). KERNEL_BITMODE, HARDWARE_BITMODE and
 * REAL_MEMORY (KB) follow IBM's documentation. Inferred: the error texts.
 */
export function main(ctx: CommandContext): number {
  const [name, operand, ...rest] = ctx.args;
  if (name === undefined || rest.length > 0) {
    ctx.err.write(
      'Usage: getconf SystemwideConfiguration\n       getconf PathConfiguration PathName\n       getconf DeviceVariable DeviceName\n',
    );
    return 1;
  }
  const state = ctx.state();
  const print = (v: string | number) => {
    ctx.out.write(`${v}\n`);
    return 0;
  };
  switch (name) {
    case 'DISK_SIZE':
    case 'DISK_DEVNAME': {
      if (operand === undefined) break;
      const disk = findDisk(state, operand.replace(/^\/dev\/r?/, ''));
      if (!disk) {
        ctx.err.write(`getconf: ${operand}: A file or directory in the path name does not exist.\n`);
        return 1;
      }
      if (name === 'DISK_SIZE' && isUnreadable(state, disk.name)) {
        // A Defined disk has its special file but no driver behind it (inferred text).
        ctx.err.write(`getconf: ${operand}: No such device or address\n`);
        return 1;
      }
      return name === 'DISK_SIZE' ? print(disk.sizeMb) : print(disk.name);
    }
    case 'BOOT_DEVICE':
      if (operand !== undefined) break;
      return print(state.bootDisk ?? '');
    case 'KERNEL_BITMODE':
      return print(state.hardware.kernelBits);
    case 'HARDWARE_BITMODE':
      return print(state.hardware.hardwareBits);
    case 'REAL_MEMORY':
      return print(state.hardware.memoryKb);
    default:
      break;
  }
  ctx.err.write(`getconf: Invalid argument.\n`);
  return 1;
}

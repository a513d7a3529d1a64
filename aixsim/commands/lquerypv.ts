import type { FlagSet } from '../cli/getopt';
import { headerBytes, isUnreadable } from '../state/devices';
import { findDisk } from '../state/queries';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * lquerypv -h DEVICE [OFFSET [LENGTH]]: a hex dump of the disk's first blocks (offset and length in hex; default 0
 * and 100).
 *
 * Backed by samples (test/fixtures/aix/lquerypv-h.*.txt): 16 bytes a line, `OFFSET   WORD WORD WORD WORD  |text|`
 * with 8 upper-case hex digits each, printable ASCII in the text column and dots for the rest; "IBMA" in EBCDIC at
 * 0 and the PVID at 0x80 on a disk that has one; all zeros on a fresh disk. The LVM record at 0xE00 ("_LVM", then
 * the VG id) follows lvmrec.h (no capture). Inferred: the usage and the message for a disk that cannot be opened.
 * Only the first 4 KB are emulated.
 */
const USAGE = 'Usage: lquerypv -h DeviceName [Offset [Length]]\n';

export const main = defineCommand({ optstring: 'h', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  if (!flags.has('h') || operands.length < 1 || operands.length > 3) {
    ctx.err.write(USAGE);
    return 1;
  }
  const [device, offsetText = '0', lengthText = '100'] = operands as [string, string?, string?];
  const offset = parseInt(offsetText, 16);
  const length = parseInt(lengthText, 16);
  if (!/^[0-9A-Fa-f]+$/.test(offsetText) || !/^[0-9A-Fa-f]+$/.test(lengthText) || length <= 0) {
    ctx.err.write(USAGE);
    return 1;
  }
  const state = ctx.state();
  const disk = findDisk(state, device.replace(/^\/dev\/r?/, ''));
  if (!disk || isUnreadable(state, disk.name)) {
    ctx.err.write(`${ctx.name}: Cannot open physical volume ${device}.\n`);
    return 1;
  }
  const bytes = headerBytes(state, disk);
  let text = '';
  for (let at = offset - (offset % 16); at < offset + length && at + 16 <= bytes.length; at += 16) {
    const line = bytes.subarray(at, at + 16);
    const words = [0, 4, 8, 12]
      .map((i) =>
        line
          .subarray(i, i + 4)
          .toString('hex')
          .toUpperCase(),
      )
      .join(' ');
    const chars = [...line].map((b) => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.')).join('');
    text += `${at.toString(16).toUpperCase().padStart(8, '0')}   ${words}  |${chars}|\n`;
  }
  ctx.out.write(text);
  return 0;
}

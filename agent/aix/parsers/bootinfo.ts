import { ParseError } from './errors';
import { contentLines, DEVICE_NAME, tokens } from './text';

function singleValue(command: string, text: string): string | null {
  const lines = contentLines(text);
  if (lines.length === 0) return null;
  const words = lines.length === 1 ? tokens(lines[0] ?? '') : [];
  if (words.length !== 1 || words[0] === undefined) {
    throw new ParseError(command, 'expected a single value', lines.join('\n'));
  }
  return words[0];
}

/**
 * `bootinfo -b` (also `getconf BOOT_DEVICE`): the disk last booted from. Returns '' when nothing is printed, which
 * AIX does after a rootvg migration (IBM developerWorks, "Getting bosboot errors, don't reboot just yet").
 */
export function parseBootinfoDisk(text: string): string {
  const value = singleValue('bootinfo -b', text);
  if (value === null) return '';
  if (!DEVICE_NAME.test(value)) throw new ParseError('bootinfo -b', 'not a device name', value);
  return value;
}

/** `bootinfo -s hdiskN` (MB), `-K`/`-y` (bits), `-r` (KB of memory); also `getconf DISK_SIZE`. */
export function parseBootinfoNumber(text: string): number {
  const value = singleValue('bootinfo', text);
  if (value === null || !/^\d+$/.test(value)) throw new ParseError('bootinfo', 'expected a whole number', text.trim());
  return Number(value);
}

/** `bootinfo -B hdiskN`: prints a non-zero digit when the disk is bootable, 0 otherwise. */
export function parseBootinfoBootable(text: string): boolean {
  const value = singleValue('bootinfo -B', text);
  if (value === null || !/^\d+$/.test(value)) throw new ParseError('bootinfo -B', 'expected 0 or 1', text.trim());
  return Number(value) !== 0;
}

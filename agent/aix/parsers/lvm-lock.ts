import { splitLines } from './text';

/**
 * 0516-1201: an LVM command found a volume group locked by another LVM command and
 * waits, retrying until the lock is free. AIX prints it on standard error and goes on
 * waiting, so it is read while the command still runs (test/fixtures/aix/lvm-lock.lsvg-l.01.txt):
 *
 *   0516-1201 lsvg: Warning: Volume group rootvg is locked. This command
 *           will continue retries until lock is free.  If lock is inadvertent
 *           and needs to be removed, execute 'chvg -u rootvg'.
 */
export interface VgLockWarning {
  /** The command that waits, as it names itself (lsvg). */
  command: string;
  /** The locked volume group. */
  vg: string;
  /** The whole warning on one line, blanks collapsed. */
  text: string;
}

const FIRST_LINE = /0516-1201\s+([^\s:]+)\s*:\s*Warning:\s*Volume group\s+(\S+)\s+is locked\./;

/** The first 0516-1201 warning in what a command printed so far, or null (also while its first line is incomplete). */
export function parseVgLockWarning(stderr: string): VgLockWarning | null {
  const lines = splitLines(stderr);
  const start = lines.findIndex((line) => FIRST_LINE.test(line));
  if (start < 0) return null;
  const match = FIRST_LINE.exec(lines[start] as string) as RegExpExecArray;
  // Its continuation lines are indented (a tab on AIX); the message ends at the first line that is not.
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => !/^\s/.test(line) || line.trim() === '');
  const paragraph = [lines[start] as string, ...rest.slice(0, end < 0 ? undefined : end)];
  const text = paragraph.join(' ').replace(/\s+/g, ' ').trim();
  return { command: match[1] as string, vg: match[2] as string, text: text.slice(text.indexOf('0516-1201')) };
}

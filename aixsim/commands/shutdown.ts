import type { FlagSet } from '../cli/getopt';
import { BootError } from '../state/boot';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * shutdown -r / -Fr: reboots the emulated host (see aixsim/ops/reboot.ts): the first disk
 * of the normal bootlist boots, its VG becomes rootvg, boot time and /dev/ipldevice change.
 *
 * INFERRED OUTPUT, no capture found: the banner and progress lines are AIX's as
 * remembered ("SHUTDOWN PROGRAM", the date, "Wait for 'Rebooting...' before stopping.",
 * "Error reporting has stopped.", ..., "Rebooting . . ."), shortened to the lines every
 * system prints. -k prints the banner only and changes nothing, as on AIX. A bootlist
 * whose first disk has no boot record is refused before anything is printed (a real
 * system would stop in the firmware; the emulator keeps the host usable instead), exit 1.
 * Halting (no -r) is not emulated: a halted host could not be started again.
 */
const USAGE =
  'Usage: shutdown [-d] [-F] [-h] [-i] [-k] [-l] [-m] [-p] [-r] [-t mmddHHMM[yy]] [-u] [-v] [+Time [Message]]\n';

export const main = defineCommand({ optstring: 'dFhiklmprt:uv', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  const when = operands[0];
  if (when !== undefined && when !== 'now' && !/^\+\d+$/.test(when)) {
    ctx.err.write(USAGE);
    return 1;
  }
  if (flags.has('k')) {
    ctx.out.write(`\nSHUTDOWN PROGRAM\n${dateLine(ctx.now())}\n\nWait for 'Rebooting...' before stopping.\n`);
    return 0;
  }
  if (!flags.has('r')) {
    ctx.err.write(
      `${ctx.name}: aixsim: only shutdown -r (reboot) is emulated; a halted host could not be started again\n`,
    );
    return 1;
  }
  // Lazy: only a real reboot needs the boot machinery.
  const { checkBootable, reboot } = require('../ops/reboot') as typeof import('../ops/reboot');
  try {
    checkBootable(ctx.state());
  } catch (e) {
    if (!(e instanceof BootError)) throw e;
    ctx.err.write(`${ctx.name}: aixsim: cannot reboot: ${e.message}\n`);
    return 1;
  }
  ctx.out.write(shutdownText(ctx.now()));
  reboot(ctx.paths, ctx.now);
  return 0;
}

/** What shutdown -Fr prints before the system goes down (also printed by alt_disk_copy -r). */
export function shutdownText(now: Date): string {
  return (
    `\nSHUTDOWN PROGRAM\n${dateLine(now)}\n\n` +
    "Wait for 'Rebooting...' before stopping.\n" +
    'Error reporting has stopped.\n' +
    'Advanced Accounting has stopped...\n' +
    'Process accounting has stopped.\n' +
    'All processes currently running will now be killed...\n' +
    'Unmounting the file systems...\n' +
    'Unmounting the file systems...\n' +
    'Rebooting . . .\n'
  );
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** date(1)'s default form: "Thu Nov 23 10:52:00 UTC 2023". */
export function dateLine(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const zone =
    new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')
      ?.value ?? 'UTC';
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${zone} ${d.getFullYear()}`;
}

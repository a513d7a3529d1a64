import type { FlagSet } from '../cli/getopt';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * who: only -b (time of the last boot) is emulated.
 *
 * Backed by samples: "   .        system boot Sep 24 17:52" (test/fixtures/aix/who-b.*.txt).
 * Inferred: a day below 10 padded with a blank ("Nov  5"), as %e does; times are in the
 * local time zone of the process (TZ), as on AIX.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const USAGE = 'Usage: who [-AabdHilmMpqrsTtuw] [File]\n       who am i\n';

export const main = defineCommand({ optstring: 'AabdHilmMpqrsTtuw', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  if (!flags.has('b') || flags.list.length !== 1) {
    ctx.err.write(`${ctx.name}: aixsim: only who -b is emulated\n`);
    return 1;
  }
  const t = new Date(ctx.state().bootTime);
  const hh = String(t.getHours()).padStart(2, '0');
  const mm = String(t.getMinutes()).padStart(2, '0');
  ctx.out.write(`   .        system boot ${MONTHS[t.getMonth()]} ${String(t.getDate()).padStart(2)} ${hh}:${mm}\n`);
  return 0;
}

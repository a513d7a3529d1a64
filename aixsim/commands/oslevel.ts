import type { FlagSet } from '../cli/getopt';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * oslevel: the installed level.
 *
 * Backed by samples: -s (test/fixtures/aix/oslevel-s.*.txt). The bare form (7.2.0.0) and
 * -r (7200-05) follow IBM's documented output; the usage text is IBM's syntax line.
 */
const USAGE = 'Usage: oslevel [-l Level | -g Level | -q] [-r | -s] [-f]\n';

export const main = defineCommand({ optstring: 'l:g:qrsf', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  if (operands.length > 0 || (flags.has('r') && flags.has('s'))) {
    ctx.err.write(USAGE);
    return 1;
  }
  if (flags.has('l') || flags.has('g') || flags.has('q')) {
    ctx.err.write(`${ctx.name}: aixsim: -l, -g and -q are not emulated\n`);
    return 1;
  }
  const level = ctx.state().os.serviceLevel;
  if (flags.has('s')) ctx.out.write(`${level}\n`);
  else if (flags.has('r')) ctx.out.write(`${level.slice(0, 7)}\n`);
  else ctx.out.write(`${ctx.state().os.vrmf}\n`);
  return 0;
}

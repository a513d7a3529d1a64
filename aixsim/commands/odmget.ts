import { flagSet, getopt, getoptMessage } from '../cli/getopt';
import type { CommandContext } from './context';

/**
 * odmget: only the one object the agent's preflight reads, PdAt's TCB_STATE (manual note
 * 10 of alt_disk_copy: a TCB-enabled system needs care after a clone).
 *
 * Backed by samples: the `deflt` values "tcb_enabled" / "tcb_disabled" and the usage
 * `odmget -q attribute=TCB_STATE PdAt | fgrep deflt | cut -d\" -f2` (an AIX installp
 * script, see test/fixtures/aix/SOURCES.aixsim.md).
 * Inferred: the stanza's other fields and layout (a blank line, "PdAt:", one tab-indented
 * `name = value` per field, strings quoted, numbers bare, as odmget prints every class);
 * a query matching nothing prints nothing with status 0; the usage text.
 */
const USAGE = 'Usage: odmget [-q criteria] ObjectClass ...\n';

export function main(ctx: CommandContext): number {
  const parsed = getopt(ctx.args, 'q:');
  if (!parsed.ok || parsed.args.operands.length === 0) {
    ctx.err.write((parsed.ok ? '' : getoptMessage(ctx.name, parsed.failure)) + USAGE);
    return 1;
  }
  const criteria = flagSet(parsed.args).value('q');
  for (const cls of parsed.args.operands) {
    if (cls !== 'PdAt') {
      ctx.err.write(`${ctx.name}: aixsim: only the PdAt object class is emulated\n`);
      return 1;
    }
  }
  const matches = criteria === undefined || /^\s*attribute\s*=\s*['"]?TCB_STATE['"]?\s*$/.test(criteria);
  if (!matches) return 0;
  const deflt = ctx.state().tcb === true ? 'tcb_enabled' : 'tcb_disabled';
  ctx.out.write(
    '\nPdAt:\n' +
      '\tuniquetype = ""\n' +
      '\tattribute = "TCB_STATE"\n' +
      `\tdeflt = "${deflt}"\n` +
      '\tvalues = ""\n' +
      '\twidth = ""\n' +
      '\ttype = "R"\n' +
      '\tgeneric = ""\n' +
      '\trep = "s"\n' +
      '\tnls_index = 0\n',
  );
  return 0;
}

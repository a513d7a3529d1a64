import type { FlagSet } from '../cli/getopt';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * uname: system name (AIX), node name, release (2 for 7.2), version (7), machine id.
 * Order and values follow IBM's documentation (uname -a: "AIX host 2 7 00F6DB0A4C00").
 * Inferred: the usage text.
 */
const USAGE = 'usage: uname [-snlrvmaxupfFMSTWL]\n';
// Only -a -s -n -r -v -m -p -M are emulated; the others (-l -x -u -f -F -S -T -W -L) are rejected with the usage.

export const main = defineCommand({ optstring: 'snrvmapM', usage: USAGE, run });

function run(f: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  if (operands.length > 0) {
    ctx.err.write(USAGE);
    return 1;
  }
  const s = ctx.state();
  const [version = '7', release = '2'] = s.os.vrmf.split('.');
  const fields: string[] = [];
  const all = f.has('a');
  if (all || f.has('s') || f.list.length === 0) fields.push('AIX');
  if (all || f.has('n')) fields.push(s.hostname);
  if (all || f.has('r')) fields.push(release);
  if (all || f.has('v')) fields.push(version);
  if (all || f.has('m')) fields.push(s.os.machineId);
  if (f.has('p')) fields.push('powerpc');
  if (f.has('M')) fields.push(s.hardware.model);
  ctx.out.write(`${fields.join(' ')}\n`);
  return 0;
}

import type { FlagSet } from '../cli/getopt';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * mmlsnsd (IBM Storage Scale / GPFS; the file exists only while gpfs.base is installed): `-X` and `-m`.
 *
 * Backed by samples (test/fixtures/aix/mmlsnsd-X.01.txt, mmlsnsd-m.01.txt): a line holding one blank, the header,
 * a rule of dashes, one row per NSD, a last line holding one blank. Devtype `hdisk` on AIX follows IBM's "NSD disk
 * discovery" table. Inferred: the node name (this host), "server node" remarks, and `mmlsnsd: No disks were found.`
 * on stderr with status 0 when there is no NSD (scripts test for that text).
 */
const USAGE = 'Usage:\n  mmlsnsd [-a | -F | -f Device | -d "DiskName[;DiskName...]"] [-L | -m | -M | -X] [-Y] [-v]\n';

export const main = defineCommand({ optstring: 'aFf:d:LmMXYv', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  if (operands.length > 0) {
    ctx.err.write(USAGE);
    return 1;
  }
  const state = ctx.state();
  const nsds = state.disks.filter((d) => d.nsd !== undefined);
  if (nsds.length === 0) {
    ctx.err.write('mmlsnsd: No disks were found.\n');
    return 0;
  }
  const extended = flags.has('X');
  const dashes = '-'.repeat(extended ? 99 : 87);
  let text = ' \n';
  text += extended
    ? ' Disk name    NSD volume ID      Device         Devtype  Node name                Remarks         \n'
    : ' Disk name    NSD volume ID      Device         Node name                Remarks       \n';
  text += `${dashes}\n`;
  for (const d of nsds) {
    const nsd = d.nsd as NonNullable<typeof d.nsd>;
    const devtype = extended ? `${'hdisk'.padEnd(8)} ` : '';
    text += ` ${nsd.name.padEnd(12)} ${nsd.volumeId.padEnd(18)} ${`/dev/${d.name}`.padEnd(14)} ${devtype}${state.hostname.padEnd(24)} server node\n`;
  }
  text += ' \n';
  ctx.out.write(text);
  return 0;
}

import type { FlagSet } from '../cli/getopt';
import { isMpio, isUnreadable, pathParent } from '../state/devices';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * lspath: the paths of MPIO-capable devices, `status device parent` (-l NAME: only that device's).
 *
 * Backed by samples (test/fixtures/aix/lspath.vscsi.01.txt): one line per path, single blanks, `Enabled hdiskN
 * vscsiN`. Inferred: fscsiN parents for a disk with several paths; a Defined disk's paths listed `Defined`;
 * pseudo-devices of other multipath software and their native paths are no MPIO devices, so they are not listed.
 */
const USAGE = 'Usage: lspath [-F Format | -t] [-H] [-l Name] [-p Parent] [-s Status] [-w Connection] [-i PathID]\n';

export const main = defineCommand({ optstring: 'F:tHl:p:s:w:i:', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  if (operands.length > 0) {
    ctx.err.write(USAGE);
    return 1;
  }
  const only = flags.value('l');
  const state = ctx.state();
  let text = '';
  for (let i = 0; i < Math.max(0, ...state.disks.map((d) => d.paths)); i++) {
    for (const disk of state.disks) {
      if (!isMpio(disk) || i >= disk.paths || (only !== undefined && disk.name !== only)) continue;
      const status = isUnreadable(state, disk.name) ? 'Defined' : 'Enabled';
      text +=
        only === undefined ? `${status} ${disk.name} ${pathParent(disk, i)}\n` : `${status} ${pathParent(disk, i)}\n`;
    }
  }
  ctx.out.write(text);
  return 0;
}

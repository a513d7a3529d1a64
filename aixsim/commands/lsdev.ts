import type { FlagSet } from '../cli/getopt';
import { describeDevice, isUnreadable } from '../state/devices';
import type { HostState } from '../state/model';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * lsdev: the disks of the device configuration database (-Cc disk, or -l NAME; -C with -c disk).
 *
 * Backed by samples (test/fixtures/aix/lsdev.*.txt): `name status location description`, each column padded to its
 * widest value, the location left blank for devices that have none; Defined disks beside Available ones.
 * Inferred: the descriptions of aixsim's disks (state/devices.ts); the usage and the error for an unknown device
 * (0514-519, from the message catalogue's wording); other classes than disk are not emulated.
 */
const USAGE =
  'Usage: lsdev -C [-c Class] [-s Subclass] [-t Type] [-f File] [-F Format | -r ColumnName | -O] [-h] [-H] [-l Name] [-p Parent] [-S State]\n';

export const main = defineCommand({ optstring: 'Cc:l:s:t:F:r:HPS:', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  if (operands.length > 0 || (!flags.has('C') && !flags.has('l'))) {
    ctx.err.write(USAGE);
    return 1;
  }
  const cls = flags.value('c');
  if (cls !== undefined && cls !== 'disk') {
    ctx.err.write(`${ctx.name}: aixsim: only the disk class is emulated\n`);
    return 1;
  }
  const state = ctx.state();
  const name = flags.value('l');
  const rows = deviceRows(state).filter((r) => name === undefined || r.name === name);
  if (name !== undefined && rows.length === 0) {
    ctx.err.write(
      `${ctx.name}: 0514-519 The following device was not found in the customized\n\tdevice configuration database:\n\t${name}\n`,
    );
    return 1;
  }
  ctx.out.write(format(rows));
  return 0;
}

interface Row {
  name: string;
  status: string;
  location: string;
  description: string;
}

function deviceRows(state: HostState): Row[] {
  return state.disks.map((d) => ({
    name: d.name,
    status: isUnreadable(state, d.name) ? 'Defined' : 'Available',
    ...describeDevice(d),
  }));
}

function format(rows: readonly Row[]): string {
  const nameWidth = Math.max(0, ...rows.map((r) => r.name.length));
  const locationWidth = Math.max(0, ...rows.map((r) => r.location.length));
  return rows
    .map(
      (r) => `${r.name.padEnd(nameWidth)} ${r.status.padEnd(9)} ${r.location.padEnd(locationWidth)} ${r.description}\n`,
    )
    .join('');
}

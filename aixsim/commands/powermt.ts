import type { Disk, HostState } from '../state/model';
import type { CommandContext } from './context';

/**
 * powermt (EMC PowerPath; the file exists only while EMCpower.base is installed): `display dev=all` and
 * `display dev=hdiskpowerN`.
 *
 * Backed by samples (test/fixtures/aix/powermt.display-dev-all.01.txt): the CLARiiON block layout, one per
 * pseudo-device, blank lines between blocks, each I/O path's row under the `###  HW Path ...` heading.
 * Inferred: the array serial, the logical device IDs (from the PVID), the path rows' adapters and ports, the
 * usage text and the message for an unknown device.
 */
const USAGE = 'Usage: powermt display [dev=<device>|all]\n';
const RULE = '='.repeat(78);

export function main(ctx: CommandContext): number {
  const [verb, dev, ...rest] = ctx.args;
  const selector = /^dev=(\S+)$/.exec(dev ?? 'dev=all');
  if (verb !== 'display' || rest.length > 0 || !selector) {
    ctx.err.write(USAGE);
    return 1;
  }
  const state = ctx.state();
  const wanted = selector[1] as string;
  const pseudos = state.disks.filter(
    (d) =>
      d.multipath?.driver === 'powerpath' && d.multipath.role === 'pseudo' && (wanted === 'all' || d.name === wanted),
  );
  if (pseudos.length === 0 && wanted !== 'all') {
    ctx.err.write(`Bad dev value ${wanted}, or not under Powerpath control.\n`);
    return 1;
  }
  ctx.out.write(pseudos.map((p, i) => block(state, p, i)).join('\n'));
  return 0;
}

function block(state: HostState, pseudo: Disk, lun: number): string {
  const paths = state.disks.filter((d) => d.multipath?.role === 'path' && d.multipath.pseudo === pseudo.name);
  const owner = lun % 2 === 0 ? 'A' : 'B';
  const rows = paths.map((p, i) => {
    const hba = i % 2;
    return `${String(hba).padStart(4)} ${`fscsi${hba}`.padEnd(24)} ${p.name.padEnd(9)} SP ${i % 2 === 0 ? 'B' : 'A'}${Math.floor(i / 2)}     active  alive       0      0\n`;
  });
  return (
    `Pseudo name=${pseudo.name}\n` +
    'CLARiiON ID=CKM00130902402 [AIXSIM]\n' +
    `Logical device ID=600601605C803400${(pseudo.pvid ?? '0'.repeat(16)).toUpperCase()} [LUN ${lun}]\n` +
    'state=alive; policy=CLAROpt; priority=0; queued-IOs=0;\n' +
    `Owner: default=SP ${owner}, current=SP ${owner}       Array failover mode: 4\n` +
    `${RULE}\n` +
    '--------------- Host ---------------   - Stor -   -- I/O Path --  -- Stats ---\n' +
    '###  HW Path               I/O Paths    Interf.   Mode    State   Q-IOs Errors\n' +
    `${RULE}\n` +
    rows.join('')
  );
}

import type { CommandContext } from './context';
import { vgByDisk } from '../state/queries';

/**
 * ipl_varyon -i: which disks carry a boot record.
 *
 * INFERRED FORMAT, no AIX sample found yet (see test/fixtures/aix/SOURCES.aixsim.md):
 * a header, then per disk its name, YES/NO for a boot record, the PVID padded to 32
 * digits and the short VG id, in columns of 16/16/40. A disk carries a boot record when
 * bosboot (or the install) wrote a boot image to it. Replace the layout as soon as a
 * real capture exists; the agent's parser should key on the YES/NO column only.
 */
export function main(ctx: CommandContext): number {
  if (ctx.args.length !== 1 || ctx.args[0] !== '-i') {
    ctx.err.write('usage: ipl_varyon -i\n');
    return 1;
  }
  const state = ctx.state();
  const byDisk = vgByDisk(state);
  let text = `${'PVNAME'.padEnd(16)}${'BOOT DEVICE'.padEnd(16)}${'PVID'.padEnd(40)}VOLUME GROUP ID\n`;
  for (const d of state.disks) {
    if (!d.pvid) continue;
    const vg = byDisk.get(d.name);
    const boot = state.bootImages[d.name] !== undefined && vg !== undefined ? 'YES' : 'NO';
    text += `${d.name.padEnd(16)}${boot.padEnd(16)}${`${d.pvid}0000000000000000`.padEnd(40)}${vg ? vg.vgid.slice(0, 16) : ''}\n`;
  }
  ctx.out.write(text);
  return 0;
}

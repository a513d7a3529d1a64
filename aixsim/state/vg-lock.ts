import { getopt } from '../cli/getopt';
import { faultsOf } from './faults';
import type { HostState } from './model';
import { findOdmLv, vgOfDisk } from './queries';

/**
 * A held LVM lock (the vg-locked fault): which VG a reading command would wait on.
 * AIX's LVM commands that read a VG's descriptor take its lock; when another LVM command
 * holds it they print 0516-1201 and retry until it is free. Listing commands that read
 * only the ODM (plain `lsvg`, `lsvg -o`, plain `lspv`) do not wait (inferred: the real
 * captures show lsvg -l and lsvg -p waiting, test/fixtures/aix/lvm-lock.lsvg-l.01.txt).
 */
export function lockedVgFor(state: HostState, command: string, args: readonly string[]): string | null {
  const locked = (vg: string | undefined) =>
    vg !== undefined && faultsOf(state, 'vg-locked', vg).length > 0 ? vg : null;
  switch (command) {
    case 'lsvg': {
      const parsed = getopt(args, 'LoMlpin:');
      if (!parsed.ok || parsed.args.flags.some((f) => f.flag === 'o')) return null;
      for (const vg of parsed.args.operands) if (locked(vg)) return vg;
      return null;
    }
    case 'lslv': {
      const parsed = getopt(args, 'Llmn:p:');
      const lv = parsed.ok ? parsed.args.operands[0] : undefined;
      return lv === undefined ? null : locked(findOdmLv(state, lv)?.vg.name);
    }
    case 'lspv': {
      const parsed = getopt(args, 'LMlpn:v:uPs');
      const pv = parsed.ok ? parsed.args.operands[0] : undefined;
      return pv === undefined ? null : locked(vgOfDisk(state, pv)?.name);
    }
    default:
      return null;
  }
}

/** Whether the lock of the VG is still held. */
export function vgStillLocked(state: HostState, vg: string): boolean {
  return faultsOf(state, 'vg-locked', vg).length > 0;
}

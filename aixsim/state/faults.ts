import type { Fault, HostState } from './model';

/**
 * Failures `aixsim fault add` can inject, and who honours them:
 * - disk-error --disk hdiskN [--after-percent P]: alt_disk_copy's restore fails on the file
 *   being copied when P% (default 50) of the bytes are done, if hdiskN is a target or a
 *   rootvg disk. Stays until cleared, so every clone onto that disk fails the same way.
 * - bosboot-fail: bosboot -a fails (0301-165), and so does alt_disk_copy's phase 3.
 * - target-too-small --disk hdiskN [--size-mb N]: alt_disk_copy sees hdiskN as N MB (default:
 *   one PP less than rootvg uses), so the space check fails and -S runs out of partitions.
 * - hang --command NAME: that command never returns (sleeps until killed), for timeouts.
 * - slow --command NAME [--ms N]: that command waits N ms (default 1000) before it runs,
 *   to widen a moment a test wants to land in (the agent's checks after a clone).
 * - disk-unreadable --disk hdiskN: the disk is Defined, not Available (a LUN gone, a failed
 *   path): lsdev says so, and bootinfo -s/-B, getconf DISK_SIZE and lquerypv cannot open it.
 * - bootinfo-b-empty: bootinfo -b prints nothing and exits 0, as it does on real hosts
 *   after a rootvg migration (test/fixtures/aix/bootinfo-b.empty.01.txt); the system runs on.
 * - vg-locked --vg VG: the VG's LVM lock is held, as by an LVM command that is still running
 *   or died holding it: lsvg VG (-l, -p), lslv LV and lspv PV of that VG print 0516-1201 on
 *   stderr and wait, retrying, until the lock is free (`chvg -u VG` on the host, or clearing
 *   the fault); see state/vg-lock.ts.
 */
export const FAULT_KINDS = [
  'disk-error',
  'bosboot-fail',
  'target-too-small',
  'hang',
  'slow',
  'disk-unreadable',
  'bootinfo-b-empty',
  'vg-locked',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export function isFaultKind(kind: string): kind is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(kind);
}

export function faultsOf(state: HostState, kind: FaultKind, target?: string): Fault[] {
  return state.faults.filter((f) => f.kind === kind && (target === undefined || f.target === target));
}

export function numberParam(f: Fault, name: string, fallback: number): number {
  const v = f.params?.[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

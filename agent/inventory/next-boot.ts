import type { AixCommands } from '../aix/aix-commands';
import type { BootDevice } from '../aix/parsers/bootlist';
import type { IplVaryonEntry } from '../aix/parsers/ipl-varyon';

/**
 * The disk the host boots next. The firmware walks the normal boot list in order and
 * skips what it cannot boot from (bootlist man page): a cd0 or fd0 without media, a
 * tape, a network adapter without a boot server, a disk without a boot record. Real
 * lists often start with such devices, so the next boot disk is the first entry that is
 * a disk with a boot record (ipl_varyon -i lists disks only), wherever it stands; ''
 * when there is none.
 */
export function nextBootDisk(normal: readonly BootDevice[], withBootRecord: ReadonlySet<string>): string {
  return normal.find((d) => withBootRecord.has(d.device))?.device ?? '';
}

/** The distinct devices of a boot list in order, for messages: a multipath disk is listed once per path. */
export function listedDevices(list: readonly BootDevice[]): string {
  const names = [...new Set(list.map((d) => d.device))];
  return names.length > 0 ? names.join(' ') : 'nothing';
}

/** The next boot disk, read from the host (bootlist -m normal -o, ipl_varyon -i). */
export async function readNextBootDisk(aix: AixCommands): Promise<string> {
  const [normal, records] = await Promise.all([aix.bootList('normal'), aix.bootRecords()]);
  return nextBootDisk(normal, disksWithBootRecord(records));
}

/** The disks ipl_varyon -i marks as boot devices (they carry a boot record). */
export function disksWithBootRecord(entries: readonly IplVaryonEntry[]): Set<string> {
  return new Set(entries.filter((e) => e.bootDevice).map((e) => e.disk));
}

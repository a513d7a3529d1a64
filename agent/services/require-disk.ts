import { InvalidArgumentError } from '../../shared/errors';
import type { LspvEntry } from '../aix/parsers/lspv';

/** The disk's lspv entry; a name lspv does not list is the request's mistake, naming the field. */
export function requireDisk(pvs: readonly LspvEntry[], disk: string, field: string): LspvEntry {
  const pv = pvs.find((p) => p.name === disk);
  if (!pv) {
    throw new InvalidArgumentError(
      field,
      `${disk} is not a disk on this host (lspv does not list it)`,
      'run `altctl disks HOST` to see the disks',
    );
  }
  return pv;
}

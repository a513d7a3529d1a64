import type { CloneTarget__Output } from '../../shared/generated/altdisk/v1/CloneTarget';
import type { Disk__Output } from '../../shared/generated/altdisk/v1/Disk';
import type { DiskClaim__Output } from '../../shared/generated/altdisk/v1/DiskClaim';
import { NO_VG } from './vg-role';

/**
 * Ranks the disks rootvg could be cloned to. A disk is eligible when alt_disk_copy
 * would accept it on its own: in no volume group (manual, -d), not the boot disk,
 * large enough for the clone (one copy of each rootvg LV, clone-space.ts), and bootable
 * by the firmware. Not eligible either: a disk something else owns (a multipath
 * pseudo-device's path, a GPFS NSD, a cluster's volume group), or one whose size could
 * not be read.
 * Among eligible disks the smallest that fits ranks first, so large disks stay
 * free for data; equal sizes keep lspv order; a disk with warnings (`warnings`, by
 * name: what its header holds) ranks after those without.
 */
export function rankCloneTargets(
  disks: readonly Disk__Output[],
  requiredMb: number,
  warnings: ReadonlyMap<string, string[]> = new Map(),
): CloneTarget__Output[] {
  const assessed = disks.map((disk, order) => ({
    disk,
    order,
    reasons: reasonsAgainst(disk, requiredMb),
    warnings: warnings.get(disk.name) ?? [],
  }));
  const eligible = assessed
    .filter((a) => a.reasons.length === 0)
    .sort(
      (a, b) =>
        Number(a.warnings.length > 0) - Number(b.warnings.length > 0) ||
        a.disk.sizeMb - b.disk.sizeMb ||
        a.order - b.order,
    );
  const ineligible = assessed.filter((a) => a.reasons.length > 0);
  return [
    ...eligible.map((a, i) => ({
      disk: a.disk,
      eligible: true,
      rank: i + 1,
      reasons: notesFor(a.disk, requiredMb),
      warnings: a.warnings,
    })),
    ...ineligible.map((a) => ({ disk: a.disk, eligible: false, rank: 0, reasons: a.reasons, warnings: [] })),
  ];
}

function reasonsAgainst(disk: Disk__Output, requiredMb: number): string[] {
  const reasons: string[] = [];
  if (disk.isBootDisk) reasons.push('it is the disk the running system booted from');
  if (disk.claim) {
    reasons.push(`it belongs to ${claimWords(disk.claim)}: ${disk.claim.evidence}; ${disk.claim.remedy}`);
  } else if (disk.vg !== NO_VG) {
    reasons.push(
      `it belongs to volume group ${disk.vg}; alt_disk_copy needs disks that lspv shows in volume group None`,
    );
  }
  if (disk.unreadable) {
    reasons.push(
      `its size and bootability could not be read (${disk.error}); check the disk on the host (lsdev -l ${disk.name}, cfgmgr)`,
    );
    return reasons;
  }
  if (disk.sizeMb < requiredMb) {
    reasons.push(
      `it holds ${disk.sizeMb} MB and a clone of rootvg needs ${requiredMb} MB; pick a larger disk, or several with -d "hdiskA hdiskB"`,
    );
  }
  if (!disk.bootCapable) {
    reasons.push(
      'the firmware cannot boot from it (bootinfo -B prints 0); alt_disk_copy -g skips this check if you know better',
    );
  }
  return reasons;
}

function claimWords(claim: DiskClaim__Output): string {
  switch (claim.kind) {
    case 'DISK_CLAIM_KIND_MULTIPATH_PATH':
      return `the multipath pseudo-device ${claim.owner}`;
    case 'DISK_CLAIM_KIND_GPFS_NSD':
      return `GPFS (NSD ${claim.owner})`;
    case 'DISK_CLAIM_KIND_CLUSTER_VG':
      return `the cluster volume group ${claim.owner}`;
    default:
      return claim.owner;
  }
}

function notesFor(disk: Disk__Output, requiredMb: number): string[] {
  const spare = disk.sizeMb - requiredMb;
  return [`${spare} MB left beyond the ${requiredMb} MB a clone of rootvg needs`];
}

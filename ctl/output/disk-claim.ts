import type { DiskClaim__Output } from '../../shared/generated/altdisk/v1/DiskClaim';

/** The OWNER column: "path of hdiskpower1", "GPFS NSD gpfs1nsd", "cluster VG datavg"; '' when nothing else owns the disk. */
export function claimLabel(claim: DiskClaim__Output | null | undefined): string {
  if (!claim) return '';
  switch (claim.kind) {
    case 'DISK_CLAIM_KIND_MULTIPATH_PATH':
      return `path of ${claim.owner}`;
    case 'DISK_CLAIM_KIND_GPFS_NSD':
      return `GPFS NSD ${claim.owner}`;
    case 'DISK_CLAIM_KIND_CLUSTER_VG':
      return `cluster VG ${claim.owner}`;
    default:
      return claim.owner;
  }
}

import type { VgRole } from '../../shared/generated/altdisk/v1/VgRole';

/** The volume group names alternate disk installation gives the root volume groups. */
export const ROOTVG = 'rootvg';
export const ALTINST_ROOTVG = 'altinst_rootvg';
export const OLD_ROOTVG = 'old_rootvg';
/** What lspv prints in the VG column for a disk in no volume group. */
export const NO_VG = 'None';

export function vgRole(vg: string): Exclude<VgRole, number> {
  switch (vg) {
    case ROOTVG:
      return 'VG_ROLE_ROOTVG';
    case ALTINST_ROOTVG:
      return 'VG_ROLE_ALTINST_ROOTVG';
    case OLD_ROOTVG:
      return 'VG_ROLE_OLD_ROOTVG';
    case NO_VG:
      return 'VG_ROLE_NONE';
    default:
      return 'VG_ROLE_DATA';
  }
}

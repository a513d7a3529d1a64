import type { IntraPolicy, LvType } from '../state/model';

/**
 * The standard rootvg of an AIX 7.2 install, sized after the real samples in
 * /work/shared/aix-reference (df -g, lsvg rootvg): PP size 32 MB, 162 PPs used
 * (5184 MB) of 639, 12 LVs of which 11 are open (hd5 never is).
 *
 * LP counts are df -g's sizes divided by the PP size (hd2 2.16 GB -> 69 LPs ...);
 * hd6 16 and lg_dumplv 32 as in test/fixtures/aix/lsvg-l.rootvg.01.txt.
 * Order is the order lsvg -l lists them (creation order), which also fixes each LV's
 * identifier suffix (hd1 is .8 as in lslv.hd1.01.txt).
 */
export interface LvTemplate {
  name: string;
  type: LvType;
  lps: number;
  intra: IntraPolicy;
  mountPoint?: string;
  /** lslv LABEL; file systems use their mount point. */
  label?: string;
}

export const ROOTVG_LVS: readonly LvTemplate[] = [
  { name: 'hd5', type: 'boot', lps: 1, intra: 'edge', label: 'primary_bootlv' },
  { name: 'hd6', type: 'paging', lps: 16, intra: 'middle' },
  { name: 'hd8', type: 'jfs2log', lps: 1, intra: 'center' },
  { name: 'hd4', type: 'jfs2', lps: 3, intra: 'center', mountPoint: '/' },
  { name: 'hd2', type: 'jfs2', lps: 69, intra: 'center', mountPoint: '/usr' },
  { name: 'hd9var', type: 'jfs2', lps: 6, intra: 'center', mountPoint: '/var' },
  { name: 'hd3', type: 'jfs2', lps: 7, intra: 'center', mountPoint: '/tmp' },
  { name: 'hd1', type: 'jfs2', lps: 1, intra: 'center', mountPoint: '/home' },
  { name: 'hd10opt', type: 'jfs2', lps: 14, intra: 'center', mountPoint: '/opt' },
  { name: 'hd11admin', type: 'jfs2', lps: 4, intra: 'center', mountPoint: '/admin' },
  { name: 'lg_dumplv', type: 'sysdump', lps: 32, intra: 'middle' },
  { name: 'livedump', type: 'jfs2', lps: 8, intra: 'center', mountPoint: '/var/adm/ras/livedump' },
];

export const ROOTVG_PP_SIZE_MB = 32;
export const BOOT_DISK_SIZE_MB = 20480;

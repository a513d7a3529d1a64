import type { IntraPolicy, LvType } from '../state/model';

/**
 * The standard rootvg of an AIX 7.2 install, sized after the real samples
 * test/fixtures/aix/df-g.01.txt and lsvg.rootvg.01.txt (one system, see SOURCES.md there):
 * PP size 32 MB, 162 PPs used (5184 MB) of 639, 12 LVs of which 11 are open (hd5 never is).
 *
 * LP counts are df -g's sizes divided by the PP size (hd2 2.16 GB -> 69 LPs ...);
 * hd6 16 and lg_dumplv 32 as in test/fixtures/aix/lsvg-l.rootvg.01.txt.
 * Order is the order lsvg -l lists them (creation order), which also fixes each LV's
 * identifier suffix (hd1 is .8 as in lslv.hd1.01.txt).
 *
 * baseKb/baseFiles make df -g of a fresh host print the GB blocks, Free, %Used and Iused of
 * test/fixtures/aix/df-g.01.txt (the few real files each file system holds come on top):
 * e.g. /usr 2.16 GB, 0.26 free, 89%, /opt 0.44, 0.05 free, 90%.
 */
export interface LvTemplate {
  name: string;
  type: LvType;
  lps: number;
  intra: IntraPolicy;
  mountPoint?: string;
  /** lslv LABEL; file systems use their mount point. */
  label?: string;
  /** OS content counted but not written out: KB in use and inodes (FileSystem.base). */
  baseKb?: number;
  baseFiles?: number;
}

export const ROOTVG_LVS: readonly LvTemplate[] = [
  { name: 'hd5', type: 'boot', lps: 1, intra: 'edge', label: 'primary_bootlv' },
  { name: 'hd6', type: 'paging', lps: 16, intra: 'middle' },
  { name: 'hd8', type: 'jfs2log', lps: 1, intra: 'center' },
  { name: 'hd4', type: 'jfs2', lps: 3, intra: 'center', mountPoint: '/', baseKb: 39900, baseFiles: 2601 },
  { name: 'hd2', type: 'jfs2', lps: 69, intra: 'center', mountPoint: '/usr', baseKb: 1990144, baseFiles: 36544 },
  { name: 'hd9var', type: 'jfs2', lps: 6, intra: 'center', mountPoint: '/var', baseKb: 32700, baseFiles: 939 },
  { name: 'hd3', type: 'jfs2', lps: 7, intra: 'center', mountPoint: '/tmp', baseKb: 1024, baseFiles: 26 },
  { name: 'hd1', type: 'jfs2', lps: 1, intra: 'center', mountPoint: '/home', baseKb: 480, baseFiles: 0 },
  { name: 'hd10opt', type: 'jfs2', lps: 14, intra: 'center', mountPoint: '/opt', baseKb: 411100, baseFiles: 11643 },
  { name: 'hd11admin', type: 'jfs2', lps: 4, intra: 'center', mountPoint: '/admin', baseKb: 1024, baseFiles: 2 },
  { name: 'lg_dumplv', type: 'sysdump', lps: 32, intra: 'middle' },
  {
    name: 'livedump',
    type: 'jfs2',
    lps: 8,
    intra: 'center',
    mountPoint: '/var/adm/ras/livedump',
    baseKb: 1024,
    baseFiles: 2,
  },
];

export const ROOTVG_PP_SIZE_MB = 32;
export const BOOT_DISK_SIZE_MB = 20480;

import { InitError } from '../errors';

/** What `aixsim init` / initHost() builds. Every field is optional; defaults are documented per field. */
export interface InitOptions {
  /** Replace a non-empty directory. Default false: refuse. */
  force?: boolean;
  /** Default aixsim01. */
  hostname?: string;
  /** oslevel -s of the running system. Default 7200-05-03-2148. */
  oslevel?: string;
  /** Seed for PVIDs, VG ids and the machine id. Default: the hostname. */
  seed?: string;
  /**
   * Number of spare disks (hdisk1..hdiskN). Default 5, the standard set: hdisk1 20480 MB
   * free, hdisk2 30720 MB holding datavg, hdisk3 10240 MB without PVID, hdisk4 51200 MB
   * free, hdisk5 4096 MB free (too small for a clone). More disks get varied sizes.
   */
  disks?: number;
  /** Extra generated files spread over /usr, /var, /opt and /home. Default 0. */
  files?: number;
  /** Create /dev/ipldevice. Default true. */
  ipldevice?: boolean;
  /** rootvg mount points to leave unmounted, e.g. ['/home']. Default none. */
  unmounted?: string[];
  /** Extra rootvg LVs (jfs2 mounted on /<name>), e.g. a name longer than 11 characters. */
  lvNames?: string[];
  /**
   * Extra rootvg jfs2 LVs with no mount point: in no /etc/filesystems stanza, so never
   * mounted (lsvg -l: closed/syncd, N/A), like the `dump` LV of test/fixtures/aix/lsvg-l.rootvg.03.txt.
   */
  lvsWithoutMount?: string[];
  /** Extra rootvg LVs of type raw (a database's raw device), as in test/fixtures/aix/aixsim/lsvg-l.rootvg-raw.aixsim.01.txt. */
  rawLvs?: string[];
  /**
   * Mirror rootvg onto hdisk1, as `extendvg rootvg hdisk1; mirrorvg rootvg hdisk1` leaves it:
   * every LV but the dump device gets a second copy there (lsvg -l PPs = 2 x LPs, lslv
   * COPIES 2, as in test/fixtures/aix/lsvg-l.rootvg-mirrored.01.txt), and the normal
   * bootlist names both disks. Default false.
   */
  mirror?: boolean;
  /** Sizes in MB of spare disks, replacing the standard ones: e.g. { hdisk4: 8192 }. */
  diskSizes?: Record<string, number>;
  /** Add a concurrent-capable VG (concvg) on an extra disk. Default false. */
  concurrentVg?: boolean;
  /** Filesets to leave out of the default set. */
  withoutFilesets?: string[];
  /** Filesets to add or re-level: name -> level. */
  filesets?: Record<string, string>;
  /**
   * Leave the host as alt_disk_copy would: a varied-off altinst_rootvg on this spare disk
   * holding a copy of rootvg, and the normal bootlist pointing at it. Default none.
   */
  altinst?: string;
  /** Boot time for who -b. Default: an hour before now, to the minute. */
  bootTime?: Date;
  /** Real memory (bootinfo -r). Default 8192 MB. */
  memoryMb?: number;
  /** Trusted Computing Base enabled (odmget -q attribute=TCB_STATE PdAt). Default false. */
  tcb?: boolean;
  /**
   * Extra volume groups, one per extra disk (after the spares), each with one mounted
   * jfs2 LV: e.g. ['altdata'] for a VG carrying the alt prefix alt_disk_copy reserves.
   */
  vgNames?: string[];
  /**
   * Devices other than disks a boot list may name, e.g. ['cd0', 'ent0']: diskette (fd),
   * optical (cd), tape (rmt) and Ethernet (ent) devices. Default none.
   */
  devices?: string[];
}

export interface CompiledInitOptions {
  force: boolean;
  hostname: string;
  oslevel: string;
  seed: string;
  disks: number;
  files: number;
  ipldevice: boolean;
  unmounted: string[];
  lvNames: string[];
  lvsWithoutMount: string[];
  rawLvs: string[];
  mirror: boolean;
  diskSizes: Record<string, number>;
  concurrentVg: boolean;
  withoutFilesets: string[];
  filesets: Record<string, string>;
  altinst: string | null;
  bootTime: Date;
  memoryMb: number;
  tcb: boolean;
  vgNames: string[];
  devices: string[];
}

export const DEFAULT_HOSTNAME = 'aixsim01';
export const DEFAULT_OSLEVEL = '7200-05-03-2148';
export const DEFAULT_SPARE_DISKS = 5;
/** Non-disk devices the firmware can be told to boot from (the bootlist man page's fd, cd, rmt, ent). */
export const BOOT_DEVICE_NAME = /^(fd|cd|rmt|ent)\d{1,3}$/;
/** File systems a running AIX cannot unmount. */
const NOT_UNMOUNTABLE = new Set(['/', '/usr', '/var']);
const UNMOUNTABLE = new Set(['/home', '/tmp', '/opt', '/admin', '/var/adm/ras/livedump']);

export function compileInitOptions(options: InitOptions = {}, now: Date = new Date()): CompiledInitOptions {
  const hostname = options.hostname ?? DEFAULT_HOSTNAME;
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/.test(hostname)) {
    throw new InitError(
      `hostname ${JSON.stringify(hostname)} is not a valid host name; use letters, digits, dots and dashes`,
    );
  }
  const oslevel = options.oslevel ?? DEFAULT_OSLEVEL;
  parseServiceLevel(oslevel);
  const disks = options.disks ?? DEFAULT_SPARE_DISKS;
  if (!Number.isInteger(disks) || disks < 0 || disks > 10_000) {
    throw new InitError(`--disks ${disks}: give a whole number of spare disks from 0 to 10000`);
  }
  const files = options.files ?? 0;
  if (!Number.isInteger(files) || files < 0 || files > 5_000_000) {
    throw new InitError(`--files ${files}: give a whole number of files from 0 to 5000000`);
  }
  const unmounted = [...new Set(options.unmounted ?? [])];
  for (const mp of unmounted) {
    if (NOT_UNMOUNTABLE.has(mp)) throw new InitError(`--unmounted ${mp}: a running AIX cannot unmount ${mp}`);
    if (!UNMOUNTABLE.has(mp)) {
      throw new InitError(`--unmounted ${mp}: not a rootvg file system; use one of ${[...UNMOUNTABLE].join(', ')}`);
    }
  }
  const lvNames = options.lvNames ?? [];
  const lvsWithoutMount = options.lvsWithoutMount ?? [];
  const rawLvs = options.rawLvs ?? [];
  for (const [flag, names] of [
    ['--lv-name', lvNames],
    ['--lv-without-mount', lvsWithoutMount],
    ['--raw-lv', rawLvs],
  ] as const) {
    for (const name of names) {
      // mklv's own rule: 15 characters, no leading digit or dash.
      if (!/^[A-Za-z_][A-Za-z0-9_.]{0,14}$/.test(name)) {
        throw new InitError(
          `${flag} ${name}: an LV name has 1 to 15 letters, digits, _ or . and starts with a letter or _`,
        );
      }
    }
  }
  const mirror = options.mirror ?? false;
  if (mirror && disks < 1) throw new InitError("--mirror puts rootvg's second copy on hdisk1: give --disks 1 or more");
  if (mirror && options.altinst === 'hdisk1')
    throw new InitError("--mirror uses hdisk1 for rootvg's mirror; put --altinst on another disk");
  const diskSizes: Record<string, number> = {};
  for (const [name, sizeMb] of Object.entries(options.diskSizes ?? {})) {
    const n = /^hdisk([1-9]\d*)$/.exec(name);
    if (!n || Number(n[1]) > disks)
      throw new InitError(`--disk-size ${name}=${sizeMb}: name a spare disk, hdisk1 to hdisk${disks}`);
    if (!Number.isInteger(sizeMb) || sizeMb < 1024 || sizeMb > 16_777_216)
      throw new InitError(`--disk-size ${name}=${sizeMb}: give a whole number of MB from 1024 to 16777216`);
    diskSizes[name] = sizeMb;
  }
  const filesets: Record<string, string> = {};
  for (const [name, level] of Object.entries(options.filesets ?? {})) {
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(level))
      throw new InitError(`--fileset ${name}=${level}: a level looks like 7.2.5.0`);
    filesets[name] = level;
  }
  const memoryMb = options.memoryMb ?? 8192;
  const vgNames = [...new Set(options.vgNames ?? [])];
  for (const name of vgNames) {
    // mkvg's rule: 15 characters, letters, digits and _ . -; rootvg-style names are taken.
    if (
      !/^[A-Za-z_][A-Za-z0-9_.-]{0,14}$/.test(name) ||
      ['rootvg', 'datavg', 'concvg', 'altinst_rootvg', 'old_rootvg'].includes(name)
    ) {
      throw new InitError(
        `--vg-name ${name}: give a VG name of 1 to 15 letters, digits, _ . -, other than rootvg, datavg, concvg, altinst_rootvg, old_rootvg`,
      );
    }
  }
  const devices = [...new Set(options.devices ?? [])];
  for (const name of devices) {
    if (!BOOT_DEVICE_NAME.test(name))
      throw new InitError(
        `--device ${name}: give a diskette, optical, tape or Ethernet device such as fd0, cd0, rmt0, ent0`,
      );
  }
  const boot = options.bootTime ?? new Date(Math.floor((now.getTime() - 3_600_000) / 60_000) * 60_000);
  return {
    force: options.force ?? false,
    hostname,
    oslevel,
    seed: options.seed ?? hostname,
    disks,
    files,
    ipldevice: options.ipldevice ?? true,
    unmounted,
    lvNames,
    lvsWithoutMount,
    rawLvs,
    mirror,
    diskSizes,
    concurrentVg: options.concurrentVg ?? false,
    withoutFilesets: options.withoutFilesets ?? [],
    filesets,
    altinst: options.altinst ?? null,
    bootTime: boot,
    memoryMb,
    tcb: options.tcb ?? false,
    vgNames,
    devices,
  };
}

export interface ServiceLevel {
  version: number;
  release: number;
  tl: number;
  sp: number;
  build: string;
}

/** 7200-05-03-2148 -> {7, 2, 5, 3, '2148'}. */
export function parseServiceLevel(level: string): ServiceLevel {
  const m = /^(\d)(\d)00-(\d\d)-(\d\d)-(\d{4})$/.exec(level);
  if (!m) throw new InitError(`--oslevel ${level}: give the oslevel -s form VR00-TL-SP-YYWW, e.g. 7200-05-03-2148`);
  return { version: Number(m[1]), release: Number(m[2]), tl: Number(m[3]), sp: Number(m[4]), build: m[5] as string };
}

import type { Finding__Output } from '../../shared/generated/altdisk/v1/Finding';
import type { OsLevel } from '../aix/parsers/oslevel';
import { ALT_DISK_FILESET } from '../aix/clone-commands';
import { ALTINST_ROOTVG, OLD_ROOTVG, ROOTVG } from '../inventory/vg-role';
import { installsUpdates } from './checks-request';
import { ERROR, finding, flag, INFO, listOf, note, WARNING } from './findings';
import type { HostFacts } from './host-facts';
import { includesPhase, type NormalizedSpec } from './spec';

/** Note 3: LVM allows 15 characters and alt_disk_copy prepends "alt_". */
export const MAX_LV_NAME = 11;
/** A JFS file system this full may not take its files plus JFS2's larger metadata. */
export const JFS2_FULL_PERCENT = 90;

/** The host's state against the manual's notes: rootvg's LVs and file systems, boot device, fileset, TCB. */
export function hostFindings(spec: NormalizedSpec, facts: HostFacts): Finding__Output[] {
  const copies = includesPhase(spec, 1);
  return [
    ...(copies ? longLvNames(spec, facts) : []),
    ...altPrefix(facts),
    ...ipldevice(spec, facts),
    ...fileset(spec, facts),
    ...(copies ? tcb(facts) : []),
    ...(copies ? unmounted(facts) : []),
    ...(copies ? notCopied(facts) : []),
    ...(copies && spec.convertJfsToJfs2 ? jfsConversion(facts) : []),
  ];
}

function rootLvs(facts: HostFacts) {
  return facts.logicalVolumes[ROOTVG] ?? [];
}

function longLvNames(spec: NormalizedSpec, facts: HostFacts): Finding__Output[] {
  return rootLvs(facts)
    .filter((lv) => lv.name.length > MAX_LV_NAME)
    .map((lv) =>
      spec.imageData === undefined
        ? finding({
            code: 'lv-name-too-long',
            severity: ERROR,
            message: `rootvg logical volume ${lv.name} has ${lv.name.length} characters; alt_disk_copy prepends "alt_" and LVM allows 15, so rootvg's names must have ${MAX_LV_NAME} or fewer`,
            remedy: `make an image.data (mkszfile), shorten ${lv.name} in its lv_data stanza, and pass it as image_data (-i); or rename the LV (chlv -n)`,
            source: note(3),
          })
        : finding({
            code: 'lv-name-too-long',
            severity: INFO,
            message: `rootvg logical volume ${lv.name} has ${lv.name.length} characters; the image.data given (-i) must name it with ${MAX_LV_NAME} or fewer`,
            remedy: `check the lv_data stanza of ${lv.name} in your image.data`,
            source: note(3),
          }),
    );
}

/** Note 1: alternate disk operations may remove or damage other things named alt... */
function altPrefix(facts: HostFacts): Finding__Output[] {
  const found: Finding__Output[] = [];
  const alternate = new Set([ALTINST_ROOTVG, OLD_ROOTVG]);
  for (const vg of facts.volumeGroups) {
    if (!vg.startsWith('alt') || alternate.has(vg)) continue;
    found.push(
      finding({
        code: 'alt-prefix-vg',
        severity: WARNING,
        message: `volume group ${vg} starts with "alt"; alternate disk operations create and remove alt-prefixed volume groups and might remove, alter or damage it`,
        remedy: `rename it (varyoffvg ${vg}; exportvg ${vg}; importvg -y NEWNAME DISK) when it can be taken offline`,
        source: note(1),
      }),
    );
  }
  const mountPoints = new Set<string>();
  for (const [vg, lvs] of Object.entries(facts.logicalVolumes)) {
    if (alternate.has(vg)) continue;
    for (const lv of lvs) {
      if (lv.name.startsWith('alt')) {
        found.push(
          finding({
            code: 'alt-prefix-lv',
            severity: WARNING,
            message: `logical volume ${lv.name} (in ${vg}) starts with "alt"; alternate disk operations name their logical volumes alt_... and might remove, alter or damage it`,
            remedy: `rename it: chlv -n NEWNAME ${lv.name} (with its file system unmounted)`,
            source: note(1),
          }),
        );
      }
      if (lv.mountPoint !== null && altMountPoint(lv.mountPoint)) mountPoints.add(lv.mountPoint);
    }
  }
  for (const fs of facts.filesystems ?? []) if (altMountPoint(fs.mountedOn)) mountPoints.add(fs.mountedOn);
  for (const mountPoint of mountPoints) {
    found.push(
      finding({
        code: 'alt-prefix-fs',
        severity: WARNING,
        message: `file system ${mountPoint} is under an alt-prefixed path; alternate disk operations mount the clone under /alt_inst and might unmount, alter or damage it`,
        remedy: `move it to another mount point (chfs -m NEWPATH ${mountPoint})`,
        source: note(1),
      }),
    );
  }
  return found;
}

function altMountPoint(mountPoint: string): boolean {
  return /^\/alt[^/]*/.test(mountPoint);
}

/** Note 4. Phase 3 runs bosboot; a run without it gets a warning, since the run that finishes the clone will need it. */
function ipldevice(spec: NormalizedSpec, facts: HostFacts): Finding__Output[] {
  if (facts.ipldevice.ok) return [];
  const now = includesPhase(spec, 3);
  return [
    finding({
      code: 'ipldevice-unusable',
      severity: now ? ERROR : WARNING,
      message: `bosboot -vd /dev/ipldevice failed (exit status ${facts.ipldevice.exitCode})${facts.ipldevice.said ? `: ${facts.ipldevice.said}` : ''}; alt_disk_copy builds the clone's boot image with bosboot${now ? '' : ' in phase 3'}, which fails when /dev/ipldevice is removed or altered`,
      remedy: `recreate /dev/ipldevice as a link to the boot disk's raw device (ln /dev/r${facts.bootDisk || 'hdiskN'} /dev/ipldevice), then check with bosboot -vd /dev/ipldevice`,
      source: note(4),
    }),
  ];
}

function fileset(spec: NormalizedSpec, facts: HostFacts): Finding__Output[] {
  if (facts.altDiskFileset === null) {
    return [
      finding({
        code: 'fileset-missing',
        severity: ERROR,
        message: `${ALT_DISK_FILESET}, which provides /usr/sbin/alt_disk_copy, is not installed (lslpp -Lc)`,
        remedy: `install ${ALT_DISK_FILESET} from the AIX media at the running level (${facts.osLevel.raw})`,
        source: `${flag('Location')} (/usr/sbin/alt_disk_copy)`,
      }),
    ];
  }
  if (installsUpdates(spec) && beforeAltDiskFixLevel(facts.osLevel)) {
    return [
      finding({
        code: 'fileset-level-for-update',
        severity: WARNING,
        message: `the running level is ${facts.osLevel.raw}, before 6100-08-02 and 7100-02-02; updating a clone from it with ${ALT_DISK_FILESET} ${facts.altDiskFileset.level} prints errors while creating the clone's boot image`,
        remedy: `first install ${ALT_DISK_FILESET} at the level you are updating to, on the running rootvg (installp from the same images_location)`,
        source: note(9),
      }),
    ];
  }
  return [];
}

/** Note 9: levels before 6100-08 SP2 or 7100-02 SP2. An unknown service pack counts as 0. */
export function beforeAltDiskFixLevel(level: OsLevel): boolean {
  const version = Number(level.version);
  const tl = level.technologyLevel ?? 0;
  const sp = level.servicePack ?? 0;
  const before = (minTl: number, minSp: number) => tl < minTl || (tl === minTl && sp < minSp);
  if (version < 6100) return true;
  if (version === 6100) return before(8, 2);
  if (version === 7100) return before(2, 2);
  return false;
}

function tcb(facts: HostFacts): Finding__Output[] {
  if (facts.tcb.state === 'enabled') {
    return [
      finding({
        code: 'tcb-enabled',
        severity: WARNING,
        message:
          'the Trusted Computing Base is enabled (TCB_STATE is tcb_enabled); after the clone, tcbck -n ALL may report "3001-020 The file /dev/altinst_rootvg was not found."',
        remedy: 'after the clone, remove the entry with: tcbck -d /dev/altinst_rootvg',
        source: note(10),
      }),
    ];
  }
  if (facts.tcb.state === 'unknown') {
    return [
      finding({
        code: 'tcb-state-unknown',
        severity: INFO,
        message: `whether the Trusted Computing Base is enabled could not be told (${facts.tcb.error ?? `TCB_STATE is ${facts.tcb.value === null ? 'not defined' : JSON.stringify(facts.tcb.value)}`})`,
        remedy:
          'if TCB is enabled and tcbck later reports 3001-020 for /dev/altinst_rootvg, run tcbck -d /dev/altinst_rootvg',
        source: note(10),
      }),
    ];
  }
  return [];
}

/** Note 7: only mounted file systems are copied. A JFS or JFS2 LV with a mount point that is closed is not mounted. */
function unmounted(facts: HostFacts): Finding__Output[] {
  return rootLvs(facts)
    .filter((lv) => (lv.type === 'jfs' || lv.type === 'jfs2') && lv.mountPoint !== null && !lv.open)
    .map((lv) =>
      finding({
        code: 'filesystem-not-mounted',
        severity: WARNING,
        message: `${lv.mountPoint} (logical volume ${lv.name}) is not mounted (lsvg -l rootvg: ${lv.state}); alt_disk_copy copies only mounted file systems, so the clone would not have its files`,
        remedy: `mount ${lv.mountPoint} before the clone if it should be copied`,
        source: note(7),
      }),
    );
}

/**
 * LV types alt_disk_copy looks after itself: it writes a boot image to the boot LV, makes
 * paging, dump and log devices anew (image.data recreates them; their contents are never
 * meant to move).
 */
const RECREATED_TYPES = new Set(['boot', 'paging', 'sysdump', 'jfs2log', 'jfslog']);

/**
 * Note 7 again, for what the check above cannot see: alt_disk_copy backs up the file systems
 * mounted from /etc/filesystems, so a JFS/JFS2 LV with no mount point (N/A) and an LV holding
 * no file system (raw data) are created on the clone empty, without a word.
 */
function notCopied(facts: HostFacts): Finding__Output[] {
  const found: Finding__Output[] = [];
  for (const lv of rootLvs(facts)) {
    const size = `${lv.lps * facts.rootvg.ppSizeMb} MB`;
    if (lv.type === 'jfs' || lv.type === 'jfs2') {
      if (lv.mountPoint !== null) continue;
      found.push(
        finding({
          code: 'filesystem-no-mount-point',
          severity: WARNING,
          message: `logical volume ${lv.name} (${lv.type}, ${size}, ${lv.state}) has no mount point (lsvg -l rootvg: N/A), so no /etc/filesystems entry mounts it; alt_disk_copy copies only mounted file systems, and the clone would get ${lv.name} empty`,
          remedy: `if its files belong in the clone, give it a mount point in /etc/filesystems (imfs -l ${lv.name}, or chfs/crfs) and mount it before the clone; if it is unused, remove it (rmlv ${lv.name})`,
          source: note(7),
        }),
      );
    } else if (!RECREATED_TYPES.has(lv.type)) {
      found.push(
        finding({
          code: 'raw-lv-not-copied',
          severity: WARNING,
          message: `logical volume ${lv.name} (type ${lv.type}, ${size}, ${lv.state}) holds no file system: alt_disk_copy creates it on the clone but copies none of its data, which only file system backups carry (note 7)`,
          remedy: `if the clone needs its data, copy it yourself once the clone is made: wake the clone (altctl wake HOST DISK), dd if=/dev/r${lv.name} of=/dev/ralt_${lv.name} bs=1024k, then altctl sleep HOST; or keep such data outside rootvg`,
          source: note(7),
        }),
      );
    }
  }
  return found;
}

/** -T: JFS becomes JFS2, which needs more metadata. */
function jfsConversion(facts: HostFacts): Finding__Output[] {
  const jfs = rootLvs(facts).filter((lv) => lv.type === 'jfs' && lv.mountPoint !== null);
  if (jfs.length === 0) {
    return [
      finding({
        code: 'jfs2-conversion',
        severity: INFO,
        message: 'rootvg has no JFS file systems (lsvg -l rootvg), so convert_jfs_to_jfs2 (-T) converts nothing',
        remedy: 'leave convert_jfs_to_jfs2 off',
        source: flag('-T'),
      }),
    ];
  }
  const usage = (mountPoint: string) => facts.filesystems?.find((f) => f.mountedOn === mountPoint)?.usedPercent ?? null;
  const full = jfs.filter((lv) => (usage(lv.mountPoint as string) ?? 0) >= JFS2_FULL_PERCENT);
  const described = jfs.map((lv) => {
    const used = usage(lv.mountPoint as string);
    return `${lv.mountPoint} (${lv.lps * facts.rootvg.ppSizeMb} MB${used === null ? '' : `, ${used}% used`})`;
  });
  return [
    finding({
      code: 'jfs2-conversion',
      severity: WARNING,
      message: `-T converts ${listOf(described)} to JFS2, which needs more metadata than JFS${full.length > 0 ? `; ${listOf(full.map((lv) => lv.mountPoint as string))} ${full.length > 1 ? 'are' : 'is'} ${JFS2_FULL_PERCENT}% full or more and may not fit` : ''}`,
      remedy:
        full.length > 0
          ? 'grow those file systems (chfs -a size=+...) or free space in them before the clone'
          : `keep alt_disk_copy's space check (no -S), which allows for the metadata, and leave room on the target disks`,
      source: flag('-T'),
    }),
  ];
}

import * as path from 'node:path';
import type { Finding__Output } from '../../shared/generated/altdisk/v1/Finding';
import { FILE_FIELDS, FILE_FIELD_NAMES, UPDATE_ALL_BUNDLE } from './file-fields';
import { ERROR, finding, flag, INFO, listOf, note, WARNING } from './findings';
import { includesPhase, type NormalizedSpec } from './spec';

/** Rules of the manual that the request alone breaks or triggers, whatever the host. */
export function requestFindings(spec: NormalizedSpec): Finding__Output[] {
  return [...imagesLocation(spec), ...flagPairs(spec), ...relativePaths(spec), ...phaseScope(spec), ...notes(spec)];
}

/** The install flags and what the manual says of each: "The -l flag must be used with this option." */
export function installFlagsGiven(spec: NormalizedSpec): string[] {
  const given: string[] = [];
  if (spec.bundle !== undefined) given.push('-b');
  if (spec.installpFlags !== '') given.push('-I');
  if (spec.fixBundle !== undefined) given.push('-f');
  if (spec.fixes.length > 0) given.push('-F');
  if (spec.filesets.length > 0) given.push('-w');
  return given;
}

/** Whether the clone gets software installed into it (note 9 speaks of upgrading). */
export function installsUpdates(spec: NormalizedSpec): boolean {
  return spec.bundle !== undefined || spec.fixBundle !== undefined || spec.fixes.length > 0 || spec.filesets.length > 0;
}

function imagesLocation(spec: NormalizedSpec): Finding__Output[] {
  const given = installFlagsGiven(spec);
  if (given.length === 0 || spec.imagesLocation !== '') return [];
  return [
    finding({
      code: 'images-location-required',
      severity: ERROR,
      message: `${listOf(given)} ${given.length === 1 ? 'is' : 'are'} given without -l: the manual says of each "The -l flag must be used with this option"`,
      remedy:
        'set images_location to the directory or device holding the installp images, such as /updates or /dev/cd0',
      source: flag(...given),
      field: 'spec.images_location',
    }),
  ];
}

function flagPairs(spec: NormalizedSpec): Finding__Output[] {
  const found: Finding__Output[] = [];
  if (spec.console !== '' && !spec.deviceReset) {
    found.push(
      finding({
        code: 'console-without-device-reset',
        severity: ERROR,
        message: `console ${spec.console} is given without device_reset: the manual says -c "is only valid with the -O flag"`,
        remedy: 'set device_reset (-O) too, for a clone that will boot another system, or leave console empty',
        source: flag('-c'),
        field: 'spec.console',
      }),
    );
  }
  if (spec.reboot && spec.noBootlist) {
    found.push(
      finding({
        code: 'reboot-with-no-bootlist',
        severity: ERROR,
        message:
          'reboot (-r) is asked together with no_bootlist (-B): the manual says that with -B "the -r flag cannot be used"',
        remedy:
          'drop one of them: no_bootlist keeps booting the current rootvg; reboot boots the clone when it is done',
        source: flag('-B', '-r'),
        field: 'spec.reboot',
      }),
    );
  }
  return found;
}

function relativePaths(spec: NormalizedSpec): Finding__Output[] {
  const found: Finding__Output[] = [];
  for (const field of FILE_FIELD_NAMES) {
    const input = spec[field];
    if (input?.kind !== 'host' || path.isAbsolute(input.path)) continue;
    if (field === 'bundle' && input.path === UPDATE_ALL_BUNDLE) continue;
    const info = FILE_FIELDS[field];
    found.push(
      finding({
        code: 'path-not-absolute',
        severity: ERROR,
        message: `the ${info.what} ${JSON.stringify(input.path)} is not a full path; alt_disk_copy ${info.flag} needs one, and the agent will not guess its working directory`,
        remedy: `give the full path, such as /tmp/${info.fileName}, or send the file's content`,
        source: flag(info.flag),
        field: `spec.${info.proto}.host_path`,
      }),
    );
  }
  if (spec.imagesLocation !== '' && !path.isAbsolute(spec.imagesLocation)) {
    found.push(
      finding({
        code: 'path-not-absolute',
        severity: ERROR,
        message: `images_location ${JSON.stringify(spec.imagesLocation)} is not a full path: the manual says -l is "a directory full path name or device name (such as /dev/rmt0)"`,
        remedy: 'give the full path of the directory or device, such as /updates or /dev/cd0',
        source: flag('-l'),
        field: 'spec.images_location',
      }),
    );
  }
  return found;
}

/** Flags whose work happens in phases this run does not include. */
function phaseScope(spec: NormalizedSpec): Finding__Output[] {
  const found: Finding__Output[] = [];
  const phases =
    spec.phases === 'all'
      ? 'all three phases'
      : `phase${spec.phases.length > 1 ? 's' : ''} ${spec.phases.split('').join(' and ')}`;
  const phase1Flags = [
    spec.imageData !== undefined ? '-i' : '',
    spec.excludeList !== undefined || spec.excludePatterns.length > 0 ? '-e' : '',
    spec.convertJfsToJfs2 ? '-T' : '',
    spec.skipSpaceCheck ? '-S' : '',
    spec.copyWparFilesystems ? '-u' : '',
  ].filter((f) => f !== '');
  if (!includesPhase(spec, 1) && phase1Flags.length > 0) {
    found.push(
      finding({
        code: 'flag-outside-phases',
        severity: WARNING,
        message: `${listOf(phase1Flags)} act while phase 1 copies rootvg, and this run does only ${phases}: they change nothing`,
        remedy: 'leave them out, or run phase 1 again on a fresh clone (remove altinst_rootvg first)',
        source: flag('-P'),
        field: 'spec.phases',
      }),
    );
  }
  const phase2Flags = [
    ...installFlagsGiven(spec),
    spec.imagesLocation !== '' ? '-l' : '',
    spec.customizationScript !== undefined ? '-s' : '',
  ].filter((f) => f !== '');
  if (!includesPhase(spec, 2) && phase2Flags.length > 0) {
    found.push(
      finding({
        code: 'flag-outside-phases',
        severity: WARNING,
        message: `${listOf(phase2Flags)} act in phase 2 (installing into the clone, running the customization script), and this run does only ${phases}: nothing is installed now`,
        remedy: 'run phase 2 too (-P 12, 23 or all), or give these flags when you run it',
        source: flag('-P'),
        field: 'spec.phases',
      }),
    );
  }
  if (!includesPhase(spec, 3) && spec.reboot) {
    found.push(
      finding({
        code: 'flag-outside-phases',
        severity: WARNING,
        message: `reboot (-r) acts at the end of phase 3 (boot image and bootlist), and this run does only ${phases}`,
        remedy: 'leave reboot out until the run that does phase 3',
        source: flag('-P', '-r'),
        field: 'spec.reboot',
      }),
    );
  }
  if (spec.phases === '1' || spec.phases === '12') {
    found.push(
      finding({
        code: 'partial-clone',
        severity: INFO,
        message: `this run stops after phase ${spec.phases === '1' ? '1' : '2'}: altinst_rootvg stays varied on with its file systems mounted under /alt_inst, without a boot image`,
        remedy:
          'finish it later with phases 2 and 3 (or 3) on the same disks; do not point the bootlist at it before (manual example 3)',
        source: flag('-P'),
      }),
    );
  }
  return found;
}

/** Notes of the manual that always apply to such a request; information, not obstacles. */
function notes(spec: NormalizedSpec): Finding__Output[] {
  const found: Finding__Output[] = [];
  if (includesPhase(spec, 1)) {
    const policy =
      spec.backupErrorPolicy === 'fail'
        ? 'with backup_error_policy FAIL (ALT_BAK_ERR_FAIL=1) a backup or restore error stops the clone and cleans it up'
        : spec.backupErrorPolicy === 'report'
          ? 'with backup_error_policy REPORT (ALT_BAK_ERR_REPORT=1) a backup or restore error lets the clone finish but exit 1 without setting the bootlist'
          : 'by default a backup or restore error is printed and the clone carries on, ending with status 0';
    found.push(
      finding({
        code: 'quiesce-system',
        severity: INFO,
        message: `rootvg is copied while the system runs; files that change during the copy can fail to back up or restore, and ${policy}`,
        remedy:
          'stop applications that write to rootvg during the copy; choose backup_error_policy FAIL or REPORT to make such errors fail the job',
        source: note(8),
      }),
    );
  }
  if (spec.remainNimClient) {
    found.push(
      finding({
        code: 'remain-nim-client',
        severity: INFO,
        message:
          '/.rhosts and /etc/niminfo are copied into the clone, so it stays a client of the same NIM master; the agent does not check that this host is a NIM client (it reads no host files)',
        remedy:
          'leave remain_nim_client off if this host is not a NIM client, or if the clone will boot another system',
        source: flag('-n'),
      }),
    );
  }
  if (spec.copyWparFilesystems) {
    found.push(
      finding({
        code: 'wpar-filesystems',
        severity: INFO,
        message: 'file systems of WPARs in the defined state are copied, but only those in rootvg',
        remedy: 'move the file systems of defined WPARs into rootvg first if they must be in the clone',
        source: flag('-u'),
      }),
    );
  }
  if (spec.deviceReset) {
    found.push(
      finding({
        code: 'device-reset',
        severity: INFO,
        message:
          'the clone will not keep user-defined device configurations (-O): meant for disks that will boot another system or partition',
        remedy: 'leave device_reset off if the clone will boot this system',
        source: flag('-O'),
      }),
    );
  }
  if (spec.reboot && !spec.noBootlist && includesPhase(spec, 3)) {
    found.push(
      finding({
        code: 'reboot-after-clone',
        severity: WARNING,
        message: `the host reboots from ${spec.targetDisks[0] ?? 'the clone'} as soon as the clone finishes (-r)`,
        remedy: 'leave reboot off to reboot at a time you choose (altctl reboot HOST)',
        source: flag('-r'),
      }),
    );
  }
  if (spec.noBootlist) {
    found.push(
      finding({
        code: 'bootlist-unchanged',
        severity: INFO,
        message: 'the bootlist is left as it is (-B): the host keeps booting the current rootvg',
        remedy: `to boot the clone later, set the bootlist to ${spec.targetDisks[0] ?? 'its first disk'} (altctl bootlist HOST --set DISK)`,
        source: flag('-B'),
      }),
    );
  } else if (includesPhase(spec, 3)) {
    found.push(
      finding({
        code: 'nfs-clients-remount',
        severity: INFO,
        message:
          'after the host boots the clone, NFS clients of this host may get ESTALE errors on directories it exports',
        remedy: 'have NFS clients unmount and remount those directories after the reboot',
        source: note(11),
      }),
    );
  }
  if (spec.skipSpaceCheck && !spec.convertJfsToJfs2) {
    found.push(
      finding({
        code: 'space-check-skipped',
        severity: INFO,
        message:
          'alt_disk_copy will not check that the target disks have room for rootvg (-S); the agent still compares sizes below',
        remedy: 'leave skip_space_check off unless you know the disks are large enough',
        source: flag('-S'),
      }),
    );
  }
  if (spec.skipSpaceCheck && spec.convertJfsToJfs2 && includesPhase(spec, 1)) {
    found.push(
      finding({
        code: 'space-check-skipped-jfs2',
        severity: WARNING,
        message:
          'with -S and -T together nothing verifies that each new JFS2 file system has room for its files plus the extra JFS2 metadata',
        remedy: 'leave skip_space_check off when converting JFS to JFS2',
        source: flag('-S', '-T (Important)'),
        field: 'spec.skip_space_check',
      }),
    );
  }
  return found;
}

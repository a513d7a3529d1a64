import type { CloneSpec__Output } from '../../shared/generated/altdisk/v1/CloneSpec';
import type { FileSource__Output } from '../../shared/generated/altdisk/v1/FileSource';
import { InvalidArgumentError } from '../../shared/errors';
import { checkDeviceName, checkScriptSafePath, truncate } from '../../shared/names';
import { FILE_FIELDS, FILE_FIELD_NAMES, type FileField } from './file-fields';
import { MAX_CONTENT_BYTES, MAX_TOTAL_CONTENT_BYTES } from '../../shared/limits';

export type Phases = '1' | '2' | '3' | '12' | '23' | 'all';
export type BackupErrorPolicy = 'continue' | 'fail' | 'report';

/** Where a file alt_disk_copy reads comes from. */
export type FileInput = { kind: 'host'; path: string } | { kind: 'content'; content: Buffer };

/**
 * A CloneSpec whose shapes are known good: every name is a name, every enum known,
 * every single-line string is one line. Whether the host agrees (the disks exist,
 * the paths are absolute and present) is the preflight's business, not this one's.
 */
export interface NormalizedSpec {
  /** -d, in order; the first gets the boot image. */
  targetDisks: string[];
  /** -i */
  imageData: FileInput | undefined;
  /** -s */
  customizationScript: FileInput | undefined;
  /** -b */
  bundle: FileInput | undefined;
  /** -I; '' for alt_disk_copy's default (-acgX). */
  installpFlags: string;
  /** -l; '' when not given. */
  imagesLocation: string;
  /** -f */
  fixBundle: FileInput | undefined;
  /** -F */
  fixes: string[];
  /** -e (with excludePatterns) */
  excludeList: FileInput | undefined;
  /** -e: one grep pattern per line of the list. */
  excludePatterns: string[];
  /** -w */
  filesets: string[];
  /** -n */
  remainNimClient: boolean;
  /** -P */
  phases: Phases;
  /** -c; '' when not given. */
  console: string;
  /** -x */
  firstBootScript: FileInput | undefined;
  /** -R */
  resolvConf: FileInput | undefined;
  /** -D */
  debug: boolean;
  /** -B */
  noBootlist: boolean;
  /** -O */
  deviceReset: boolean;
  /** -V */
  verbose: boolean;
  /** -g */
  skipBootabilityCheck: boolean;
  /** -r */
  reboot: boolean;
  /** -u */
  copyWparFilesystems: boolean;
  /** -T */
  convertJfsToJfs2: boolean;
  /** -S */
  skipSpaceCheck: boolean;
  /** ALT_BAK_ERR_FAIL / ALT_BAK_ERR_REPORT (note 8). */
  backupErrorPolicy: BackupErrorPolicy;
}

/** A sanity bound: no rootvg clone needs more target disks than a big VG holds. */
export const MAX_TARGET_DISKS = 128;
export const MAX_LIST_ITEMS = 1024;
export const MAX_EXCLUDE_PATTERNS = 10_000;
/** AIX's PATH_MAX. */
export const MAX_PATH_BYTES = 1023;
export const MAX_PATTERN_LENGTH = 4096;
/**
 * Everything that lands on alt_disk_copy's command line together. AIX 7 allows 1 MiB of
 * arguments and environment by default (ncargs=256 pages), older levels 24 KiB; staying
 * well under keeps a long -F or -w list from failing at exec time.
 */
export const MAX_ARGUMENT_BYTES = 20 * 1024;

const PHASES: Record<string, Phases> = {
  PHASES_UNSPECIFIED: 'all',
  PHASES_1: '1',
  PHASES_2: '2',
  PHASES_3: '3',
  PHASES_12: '12',
  PHASES_23: '23',
  PHASES_ALL: 'all',
};
const PHASE_NUMBERS: readonly (Phases | undefined)[] = ['all', '1', '2', '3', '12', '23', 'all'];

const POLICIES: Record<string, BackupErrorPolicy> = {
  BACKUP_ERROR_POLICY_UNSPECIFIED: 'continue',
  BACKUP_ERROR_POLICY_FAIL: 'fail',
  BACKUP_ERROR_POLICY_REPORT: 'report',
};
const POLICY_NUMBERS: readonly (BackupErrorPolicy | undefined)[] = ['continue', 'fail', 'report'];

// APARs (IJ12345) and the maintenance-level names the manual's example 1 passes to -F (5300-01_AIX_ML).
const FIX_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
// installp fileset names: bos.rte.lvm, X11.base.rte, Java8_64.sdk, devices.pci.14103302.rte.
const FILESET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,143}$/;
// installp's flags as one word, with or without the dash the manual shows (-acgX).
const INSTALLP_FLAGS = /^-?[A-Za-z0-9]{1,32}$/;
const CONSOLE_DEVICE = /^\/dev\/[A-Za-z][A-Za-z0-9_]{0,14}$/;

/**
 * Checks the request's shapes and returns it typed. Throws InvalidArgumentError naming
 * the field in contract form (spec.target_disks[1]). Host state is not looked at.
 */
export function normalizeSpec(spec: CloneSpec__Output | null | undefined): NormalizedSpec {
  if (spec === null || spec === undefined) {
    throw new InvalidArgumentError('spec', 'is missing', 'send a CloneSpec naming at least the target disks');
  }
  const normalized: NormalizedSpec = {
    targetDisks: targetDisks(spec.targetDisks ?? []),
    imageData: fileInput('imageData', spec.imageData),
    customizationScript: fileInput('customizationScript', spec.customizationScript),
    bundle: fileInput('bundle', spec.bundle),
    installpFlags: installpFlags(spec.installpFlags ?? ''),
    imagesLocation: optionalPath('spec.images_location', spec.imagesLocation ?? ''),
    fixBundle: fileInput('fixBundle', spec.fixBundle),
    fixes: names('spec.fixes', spec.fixes ?? [], FIX_NAME, 'an APAR such as IJ12345 (letters, digits, _ . -)'),
    excludeList: fileInput('excludeList', spec.excludeList),
    excludePatterns: excludePatterns(spec.excludePatterns ?? []),
    filesets: names('spec.filesets', spec.filesets ?? [], FILESET_NAME, 'a fileset name such as bos.rte.lvm'),
    remainNimClient: spec.remainNimClient === true,
    phases: enumValue('spec.phases', spec.phases, PHASES, PHASE_NUMBERS, 'use PHASES_1, _2, _3, _12, _23 or _ALL'),
    console: consoleDevice(spec.console ?? ''),
    firstBootScript: fileInput('firstBootScript', spec.firstBootScript),
    resolvConf: fileInput('resolvConf', spec.resolvConf),
    debug: spec.debug === true,
    noBootlist: spec.noBootlist === true,
    deviceReset: spec.deviceReset === true,
    verbose: spec.verbose === true,
    skipBootabilityCheck: spec.skipBootabilityCheck === true,
    reboot: spec.reboot === true,
    copyWparFilesystems: spec.copyWparFilesystems === true,
    convertJfsToJfs2: spec.convertJfsToJfs2 === true,
    skipSpaceCheck: spec.skipSpaceCheck === true,
    backupErrorPolicy: enumValue(
      'spec.backup_error_policy',
      spec.backupErrorPolicy,
      POLICIES,
      POLICY_NUMBERS,
      'use BACKUP_ERROR_POLICY_UNSPECIFIED, _FAIL or _REPORT',
    ),
  };
  checkSizes(normalized);
  return normalized;
}

function targetDisks(disks: readonly string[]): string[] {
  if (disks.length === 0) {
    throw new InvalidArgumentError(
      'spec.target_disks',
      'is empty',
      'name at least one disk in no volume group, such as hdisk1 (see `altctl targets HOST`)',
    );
  }
  if (disks.length > MAX_TARGET_DISKS) {
    throw new InvalidArgumentError(
      'spec.target_disks',
      `names ${disks.length} disks`,
      `name at most ${MAX_TARGET_DISKS}`,
    );
  }
  const seen = new Set<string>();
  return disks.map((disk, i) => {
    const field = `spec.target_disks[${i}]`;
    const name = checkDeviceName(field, disk);
    if (seen.has(name)) throw new InvalidArgumentError(field, `${name} is named twice`, 'name each disk once');
    seen.add(name);
    return name;
  });
}

function fileInput(field: FileField, source: FileSource__Output | null | undefined): FileInput | undefined {
  if (source === null || source === undefined) return undefined;
  const name = `spec.${FILE_FIELDS[field].proto}`;
  const kind =
    source.source ??
    (source.hostPath !== undefined ? 'hostPath' : source.content !== undefined ? 'content' : undefined);
  if (kind === 'hostPath') {
    const path = source.hostPath ?? '';
    if (path === '')
      throw new InvalidArgumentError(
        `${name}.host_path`,
        'is empty',
        `give the full path of the ${FILE_FIELDS[field].what} on the host, or send its content`,
      );
    return { kind: 'host', path: pathString(`${name}.host_path`, path) };
  }
  if (kind === 'content') {
    const content = Buffer.isBuffer(source.content) ? source.content : Buffer.from(source.content ?? []);
    if (content.length > MAX_CONTENT_BYTES) {
      throw new InvalidArgumentError(
        `${name}.content`,
        `is ${content.length} bytes`,
        `send at most ${MAX_CONTENT_BYTES} bytes (1 MiB), or put the file on the host and give its host_path`,
      );
    }
    return { kind: 'content', content };
  }
  throw new InvalidArgumentError(
    name,
    'is set but holds neither host_path nor content',
    'set one of them, or leave the field out',
  );
}

function optionalPath(field: string, value: string): string {
  return value === '' ? '' : pathString(field, value);
}

/**
 * A path: one line, at most PATH_MAX, of characters safe on a ksh command line.
 * Relative paths pass here; the preflight reports them against the manual.
 */
function pathString(field: string, value: string): string {
  oneLine(field, value, 'a path');
  if (Buffer.byteLength(value) > MAX_PATH_BYTES) {
    throw new InvalidArgumentError(
      field,
      `is ${Buffer.byteLength(value)} bytes long`,
      `AIX paths are at most ${MAX_PATH_BYTES} bytes`,
    );
  }
  return checkScriptSafePath(field, value);
}

function oneLine(field: string, value: string, what: string): void {
  if (/[\0\r\n]/.test(value)) {
    throw new InvalidArgumentError(
      field,
      `${JSON.stringify(truncate(value))} holds a NUL or line break`,
      `give ${what} on one line`,
    );
  }
}

function installpFlags(value: string): string {
  if (value === '') return '';
  oneLine('spec.installp_flags', value, 'the flags');
  if (!INSTALLP_FLAGS.test(value)) {
    throw new InvalidArgumentError(
      'spec.installp_flags',
      `${JSON.stringify(truncate(value))} is not a set of installp flags`,
      'give the flags as one word of letters, such as -acgXY (the default is -acgX)',
    );
  }
  return value;
}

function names(field: string, values: readonly string[], pattern: RegExp, example: string): string[] {
  if (values.length > MAX_LIST_ITEMS) {
    throw new InvalidArgumentError(
      field,
      `names ${values.length} items`,
      `name at most ${MAX_LIST_ITEMS}, or use a bundle file`,
    );
  }
  const seen = new Set<string>();
  return values.map((value, i) => {
    const at = `${field}[${i}]`;
    if (typeof value !== 'string' || !pattern.test(value)) {
      throw new InvalidArgumentError(at, `${JSON.stringify(truncate(String(value)))} is not a name`, `give ${example}`);
    }
    if (seen.has(value)) throw new InvalidArgumentError(at, `${value} is named twice`, 'name each once');
    seen.add(value);
    return value;
  });
}

function excludePatterns(patterns: readonly string[]): string[] {
  if (patterns.length > MAX_EXCLUDE_PATTERNS) {
    throw new InvalidArgumentError(
      'spec.exclude_patterns',
      `holds ${patterns.length} patterns`,
      `send at most ${MAX_EXCLUDE_PATTERNS}, or send the list as exclude_list content`,
    );
  }
  return patterns.map((pattern, i) => {
    const field = `spec.exclude_patterns[${i}]`;
    oneLine(field, pattern, 'each pattern');
    // An empty grep pattern matches every path: one blank entry would exclude the whole rootvg.
    if (pattern.trim() === '') {
      throw new InvalidArgumentError(
        field,
        'is empty',
        'an empty grep pattern matches every file and would exclude all of rootvg; remove it',
      );
    }
    if (pattern.length > MAX_PATTERN_LENGTH) {
      throw new InvalidArgumentError(
        field,
        `is ${pattern.length} characters long`,
        `keep a pattern under ${MAX_PATTERN_LENGTH} characters`,
      );
    }
    return pattern;
  });
}

function consoleDevice(value: string): string {
  if (value === '') return '';
  oneLine('spec.console', value, 'the device');
  if (!CONSOLE_DEVICE.test(value)) {
    throw new InvalidArgumentError(
      'spec.console',
      `${JSON.stringify(truncate(value))} is not a device path`,
      'give the console device as /dev/NAME, such as /dev/vty0',
    );
  }
  return value;
}

/** proto3 hands over unknown enum numbers as numbers: refuse them rather than guess. */
function enumValue<T>(
  field: string,
  value: unknown,
  byName: Record<string, T>,
  byNumber: readonly (T | undefined)[],
  remedy: string,
): T {
  const known =
    typeof value === 'string'
      ? byName[value]
      : typeof value === 'number'
        ? byNumber[value]
        : value === undefined
          ? byNumber[0]
          : undefined;
  if (known === undefined)
    throw new InvalidArgumentError(field, `${JSON.stringify(value)} is not a known value`, remedy);
  return known;
}

function checkSizes(spec: NormalizedSpec): void {
  let content = 0;
  for (const field of FILE_FIELD_NAMES) {
    const input = spec[field];
    if (input?.kind === 'content') content += input.content.length;
  }
  if (content > MAX_TOTAL_CONTENT_BYTES) {
    throw new InvalidArgumentError(
      'spec',
      `sends ${content} bytes of file content`,
      `send at most ${MAX_TOTAL_CONTENT_BYTES} bytes in all; put large files on the host and give their host_path`,
    );
  }
  const argumentBytes = [
    ...spec.targetDisks,
    ...spec.fixes,
    ...spec.filesets,
    spec.imagesLocation,
    spec.installpFlags,
    spec.console,
  ]
    .concat(FILE_FIELD_NAMES.map((f) => (spec[f]?.kind === 'host' ? (spec[f] as { path: string }).path : '')))
    .reduce((sum, s) => sum + Buffer.byteLength(s) + 1, 0);
  if (argumentBytes > MAX_ARGUMENT_BYTES) {
    throw new InvalidArgumentError(
      'spec',
      `would put ${argumentBytes} bytes on alt_disk_copy's command line`,
      `keep it under ${MAX_ARGUMENT_BYTES}: list fixes in a fix_bundle and filesets in a bundle file`,
    );
  }
}

/** Whether a run with these phases does `phase` (1: copy, 2: install and customize, 3: boot image and bootlist). */
export function includesPhase(spec: Pick<NormalizedSpec, 'phases'>, phase: 1 | 2 | 3): boolean {
  return spec.phases === 'all' || spec.phases.includes(String(phase));
}

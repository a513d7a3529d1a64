import { InvalidArgumentError } from './errors';

/**
 * AIX device names (hdisk0, hdiskpower12, vpath3) are a letter followed by letters,
 * digits or underscores, 15 characters at most. Checking the shape first means a
 * hostile string is refused with a clear message before any command sees it.
 */
const DEVICE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,14}$/;

/** Volume group names: up to 15 of letters, digits, _ . - and not starting with -. */
const VG_NAME = /^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,14}$/;

export function checkDeviceName(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidArgumentError(field, 'is missing', 'name a disk such as hdisk1 (see `altctl disks HOST`)');
  }
  if (!DEVICE_NAME.test(value)) {
    throw new InvalidArgumentError(
      field,
      `${JSON.stringify(truncate(value))} is not an AIX device name`,
      'a device name is a letter followed by letters, digits or _, 15 characters at most, such as hdisk1',
    );
  }
  return value;
}

export function checkVgName(field: string, value: string): string {
  if (!VG_NAME.test(value)) {
    throw new InvalidArgumentError(
      field,
      `${JSON.stringify(truncate(value))} is not a volume group name`,
      'a volume group name is 1-15 letters, digits, _ . or -, such as rootvg',
    );
  }
  return value;
}

/**
 * Characters a path may hold when it reaches an AIX command. alt_disk_copy,
 * alt_disk_mksysb and alt_rootvg_op are ksh scripts that may pass an argument on
 * unquoted, where white space splits it and $ ` ; | & < > ( ) * ? [ ] ~ { } ' " \ !
 * expand or end it. Whatever the scripts do, nothing else gets there.
 */
const SCRIPT_SAFE_PATH = /^[A-Za-z0-9._/+,:@%=-]*$/;

/** Why a path cannot be given to an AIX script, or undefined when it can. */
export function scriptSafePathProblem(value: string): string | undefined {
  if (value.startsWith('-')) return 'starts with "-", which a command would take for an option';
  if (SCRIPT_SAFE_PATH.test(value)) return undefined;
  const bad = [...new Set([...value].filter((c) => !/[A-Za-z0-9._/+,:@%=-]/.test(c)))].slice(0, 8);
  return `holds ${bad.map((c) => (c.trim() === '' ? 'white space' : JSON.stringify(c))).join(', ')}, which alt_disk_copy and alt_rootvg_op (ksh scripts) may split or expand`;
}

/** A path that will reach an AIX command: refused, naming the field, unless every character is safe there. */
export function checkScriptSafePath(field: string, value: string): string {
  const problem = scriptSafePathProblem(value);
  if (problem) {
    throw new InvalidArgumentError(
      field,
      `${JSON.stringify(truncate(value))} ${problem}`,
      'use a path of letters, digits and . _ - / + , : @ % = only (rename or link the file)',
    );
  }
  return value;
}

/** Keeps hostile input from flooding a message or a log line. */
export function truncate(value: string, max = 64): string {
  return value.length <= max ? value : `${value.slice(0, max)}...(${value.length} characters)`;
}

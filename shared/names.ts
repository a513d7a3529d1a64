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
    throw new InvalidArgumentError(field, `${JSON.stringify(truncate(value))} is not an AIX device name`, 'a device name is a letter followed by letters, digits or _, 15 characters at most, such as hdisk1');
  }
  return value;
}

export function checkVgName(field: string, value: string): string {
  if (!VG_NAME.test(value)) {
    throw new InvalidArgumentError(field, `${JSON.stringify(truncate(value))} is not a volume group name`, 'a volume group name is 1-15 letters, digits, _ . or -, such as rootvg');
  }
  return value;
}

/** Keeps hostile input from flooding a message or a log line. */
export function truncate(value: string, max = 64): string {
  return value.length <= max ? value : `${value.slice(0, max)}...(${value.length} characters)`;
}

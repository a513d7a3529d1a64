import { ParseError } from './errors';
import { contentLines, DEVICE_NAME, tokens } from './text';

export type DeviceStatus = 'Available' | 'Defined' | 'Stopped';

export interface LsdevEntry {
  name: string;
  /** Available: configured and usable; Defined: known to the ODM but not configured (no I/O possible). */
  status: DeviceStatus;
  /** Location code (04-08-00-8,0); '' for devices without one (virtual and iSCSI disks). */
  location: string;
  /** The device's description, e.g. "MPIO Other DS4K Array Disk", "PowerPath Device". */
  description: string;
}

const STATUSES: readonly string[] = ['Available', 'Defined', 'Stopped'];
// Location codes are dash-separated fields: 04-08-00-8,0, 02-08-01, C2-T1-01. A description never starts with one.
const LOCATION = /^[0-9A-Za-z]+(?:-[0-9A-Za-z,]+)+$/;

/**
 * `lsdev -Cc disk` (and `lsdev -l NAME`): `name status [location] description`, columns padded to the widest value,
 * the location column left blank for devices that have none (`hdisk10 Available  Other iSCSI Disk Drive`).
 */
export function parseLsdev(text: string): LsdevEntry[] {
  return contentLines(text).map((line) => {
    const [name, status, ...rest] = tokens(line);
    if (name === undefined || !DEVICE_NAME.test(name) || status === undefined || !STATUSES.includes(status)) {
      throw new ParseError('lsdev', 'expected "name Available|Defined|Stopped [location] description"', line);
    }
    const location = rest[0] !== undefined && LOCATION.test(rest[0]) ? rest[0] : '';
    const description = (location === '' ? rest : rest.slice(1)).join(' ');
    return { name, status: status as DeviceStatus, location, description };
  });
}

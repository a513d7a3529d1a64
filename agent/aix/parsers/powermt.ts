import { ParseError } from './errors';
import { contentLines, DEVICE_NAME, tokens } from './text';

export interface PowerPathDevice {
  /** The pseudo-device: hdiskpowerN on AIX. */
  pseudo: string;
  /** Logical device ID line's value (array LUN id), '' if absent. */
  logicalDevice: string;
  /** The native devices (hdiskN) that are its I/O paths, in the order printed. */
  paths: string[];
}

/**
 * `powermt display dev=all` (or dev=NAME): one block per pseudo-device, `Pseudo name=hdiskpowerN`, array and
 * policy lines, a table between `===` rules whose rows are `### HW-path I/O-path interface mode state q-ios errors`;
 * the third column of a row is the native hdisk.
 */
export function parsePowermtDisplay(text: string): PowerPathDevice[] {
  const devices: PowerPathDevice[] = [];
  let current: PowerPathDevice | null = null;
  for (const line of contentLines(text)) {
    const pseudo = /^\s*Pseudo name=(\S+)\s*$/.exec(line);
    if (pseudo) {
      current = { pseudo: pseudo[1] ?? '', logicalDevice: '', paths: [] };
      devices.push(current);
      continue;
    }
    if (current === null) throw new ParseError('powermt', 'output does not start with "Pseudo name="', line);
    const logical = /^\s*Logical device ID=(\S+)/.exec(line);
    if (logical) {
      current.logicalDevice = logical[1] ?? '';
      continue;
    }
    const [number, , ioPath] = tokens(line);
    // A path row starts with the HBA number; the headings start with "-", "#" or "=".
    if (number !== undefined && /^\d+$/.test(number)) {
      if (ioPath === undefined || !DEVICE_NAME.test(ioPath))
        throw new ParseError('powermt', 'a path row without its I/O path', line);
      current.paths.push(ioPath);
    }
  }
  return devices;
}

import { ParseError } from './errors';
import { contentLines, DEVICE_NAME, tokens } from './text';

export interface BootDevice {
  device: string;
  /** blv, pathid, bserver, gateway, client ... */
  attributes: Record<string, string>;
  raw: string;
}

// Lines that `bootlist -o -v` adds around the device lines.
const VERBOSE_LINE = /^('|NVRAM variable:|Path name:|match_specific_info:)/;

/** `bootlist -m MODE -o` (and `-ov`): one line per device path, `name [attr=value ...]`. */
export function parseBootlist(text: string): BootDevice[] {
  const devices: BootDevice[] = [];
  for (const line of contentLines(text)) {
    const raw = line.trim();
    if (VERBOSE_LINE.test(raw)) continue;
    // The man page: "If a device specified in the boot list is no longer present on the system, a '-' is displayed instead of a name."
    if (raw === '-') {
      devices.push({ device: '-', attributes: {}, raw });
      continue;
    }
    const [device, ...rest] = tokens(raw);
    if (device === undefined || !DEVICE_NAME.test(device) || rest.some((word) => !/^[^=\s]+=/.test(word))) {
      throw new ParseError('bootlist', 'expected "device [attribute=value ...]"', line);
    }
    const attributes: Record<string, string> = {};
    for (const word of rest) {
      const at = word.indexOf('=');
      attributes[word.slice(0, at)] = word.slice(at + 1);
    }
    devices.push({ device, attributes, raw });
  }
  return devices;
}

/** The distinct disks of a boot list, in order (a multipath disk is listed once per path). */
export function bootlistDisks(devices: BootDevice[]): string[] {
  return [...new Set(devices.map((d) => d.device))];
}

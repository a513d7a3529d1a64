import type { BootDevice } from '../aix/parsers/bootlist';

/** What happens to the devices of a boot list that are not disks (cd0, fd0, rmt0, ent0 ...). */
export type OtherDevices = 'keep' | 'drop';

export interface NewBootList {
  /** The distinct devices of the new list, in boot order. */
  devices: string[];
  /** bootlist's operands to make it: each device, then a kept device's attr=value words. */
  words: string[];
}

/**
 * The boot list that puts `disks` in place of the disks of `current`. Kept other devices
 * keep their attributes (an ent0's bserver, client, gateway) and their order: those that
 * stood before the first disk stay before the new disks, the rest follow them. A "-"
 * (a device gone since, as bootlist -o shows it) cannot be given back to bootlist and
 * goes. `isDisk` says which names are disks (lspv lists them).
 */
export function newBootList(
  current: readonly BootDevice[],
  disks: readonly string[],
  isDisk: (name: string) => boolean,
  other: OtherDevices,
): NewBootList {
  if (other === 'drop') return { devices: [...disks], words: [...disks] };
  const before: BootDevice[] = [];
  const after: BootDevice[] = [];
  let seenDisk = false;
  const seen = new Set<string>();
  for (const entry of current) {
    if (seen.has(entry.device)) continue; // one line per path of a multipath disk
    seen.add(entry.device);
    if (isDisk(entry.device)) {
      seenDisk = true;
      continue;
    }
    if (entry.device === '-') continue;
    (seenDisk ? after : before).push(entry);
  }
  const words = (d: BootDevice) => [d.device, ...Object.entries(d.attributes).map(([k, v]) => `${k}=${v}`)];
  return {
    devices: [...before.map((d) => d.device), ...disks, ...after.map((d) => d.device)],
    words: [...before.flatMap(words), ...disks, ...after.flatMap(words)],
  };
}

/** Whether a list already holds these devices in this order (a multipath disk shows once per path). */
export function sameDevices(current: readonly BootDevice[], wanted: readonly string[]): boolean {
  const distinct = [...new Set(current.map((d) => d.device))];
  return distinct.length === wanted.length && distinct.every((d, i) => d === wanted[i]);
}

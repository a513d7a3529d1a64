import type { BootMode } from '../../shared/generated/altdisk/v1/BootMode';
import type { OtherDevices as OtherDevicesField } from '../../shared/generated/altdisk/v1/OtherDevices';
import { InvalidArgumentError } from '../../shared/errors';
import { checkDeviceName } from '../../shared/names';
import type { BootlistMode } from '../aix/aix-commands';
import type { OtherDevices } from './bootlist-words';

/** AIX keeps at most five devices in a boot list. */
export const MAX_BOOTLIST_DEVICES = 5;

export type ModeSelection = BootlistMode | 'both';

const MODES: Record<string, ModeSelection | undefined> = {
  BOOT_MODE_NORMAL: 'normal',
  BOOT_MODE_SERVICE: 'service',
  BOOT_MODE_BOTH: 'both',
};

/**
 * The mode field of a request. proto3 delivers unknown enum numbers as numbers,
 * so anything outside the known names is refused here rather than guessed at.
 */
export function checkMode(value: BootMode, whenUnspecified: ModeSelection): ModeSelection {
  if (value === 'BOOT_MODE_UNSPECIFIED' || value === 0) return whenUnspecified;
  const mode = typeof value === 'string' ? MODES[value] : undefined;
  if (!mode)
    throw new InvalidArgumentError(
      'mode',
      `${JSON.stringify(value)} is not a boot mode`,
      'use normal, service or both',
    );
  return mode;
}

/** The other_devices field: keep unless DROP; unknown numbers are refused, as for mode. */
export function checkOtherDevices(value: OtherDevicesField): OtherDevices {
  if (value === 'OTHER_DEVICES_UNSPECIFIED' || value === 'OTHER_DEVICES_KEEP' || value === 0) return 'keep';
  if (value === 'OTHER_DEVICES_DROP') return 'drop';
  throw new InvalidArgumentError(
    'other_devices',
    `${JSON.stringify(value)} is not a choice`,
    'use keep or drop (altctl bootlist --other-devices keep|drop)',
  );
}

export function modesOf(selection: ModeSelection): BootlistMode[] {
  return selection === 'both' ? ['normal', 'service'] : [selection];
}

/** Shape checks on a boot list: names, count, no repeats. Existence is checked against the host later. */
export function checkBootListDisks(disks: readonly string[]): string[] {
  if (disks.length === 0) {
    throw new InvalidArgumentError('disks', 'is empty', 'name at least one disk, in boot order, such as hdisk1 hdisk0');
  }
  if (disks.length > MAX_BOOTLIST_DEVICES) {
    throw new InvalidArgumentError(
      'disks',
      `names ${disks.length} disks`,
      `AIX keeps at most ${MAX_BOOTLIST_DEVICES} devices in a boot list; name fewer`,
    );
  }
  const seen = new Set<string>();
  return disks.map((disk, i) => {
    const name = checkDeviceName(`disks[${i}]`, disk);
    if (seen.has(name)) throw new InvalidArgumentError(`disks[${i}]`, `${name} is named twice`, 'name each disk once');
    seen.add(name);
    return name;
  });
}

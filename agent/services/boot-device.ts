import type { BootDevice__Output } from '../../shared/generated/altdisk/v1/BootDevice';
import type { BootDevice } from '../aix/parsers/bootlist';

/** A parsed `bootlist -o` line as the contract shows it. */
export function toBootDevice(device: BootDevice): BootDevice__Output {
  return {
    device: device.device,
    blv: device.attributes['blv'] ?? '',
    attributes: { ...device.attributes },
    raw: device.raw,
  };
}

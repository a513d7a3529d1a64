import type { DiskServiceHandlers } from '../../shared/generated/altdisk/v1/DiskService';
import { checkVgName } from '../../shared/names';
import type { HostInventory } from '../inventory/host-inventory';
import { ROOTVG } from '../inventory/vg-role';
import type { ServiceImplementation } from '../server/service-handlers';

export function diskService(inventory: HostInventory): ServiceImplementation<DiskServiceHandlers> {
  return {
    ListDisks: async () => ({ disks: await inventory.disks() }),
    ListVolumeGroups: async () => ({
      volumeGroups: await inventory.volumeGroups(),
    }),
    ListLogicalVolumes: async (request) => {
      const vg = request.vg === '' ? ROOTVG : checkVgName('vg', request.vg);
      return { vg, logicalVolumes: await inventory.logicalVolumes(vg) };
    },
    ListCloneTargets: async () => inventory.cloneTargets(),
  };
}

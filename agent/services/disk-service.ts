import type { DiskServiceHandlers } from '../../shared/generated/altdisk/v1/DiskService';
import { checkVgName } from '../../shared/names';
import type { HostInventory } from '../inventory/host-inventory';
import { ROOTVG } from '../inventory/vg-role';
import type { Logger } from '../logger';
import { unary } from '../server/unary';

export function diskService(inventory: HostInventory, logger: Logger): DiskServiceHandlers {
  return {
    ListDisks: unary('DiskService.ListDisks', logger, async () => ({ disks: await inventory.disks() })),
    ListVolumeGroups: unary('DiskService.ListVolumeGroups', logger, async () => ({
      volumeGroups: await inventory.volumeGroups(),
    })),
    ListLogicalVolumes: unary('DiskService.ListLogicalVolumes', logger, async (request) => {
      const vg = request.vg === '' ? ROOTVG : checkVgName('vg', request.vg);
      return { vg, logicalVolumes: await inventory.logicalVolumes(vg) };
    }),
    ListCloneTargets: unary('DiskService.ListCloneTargets', logger, async () => inventory.cloneTargets()),
  };
}

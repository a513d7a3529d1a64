import type { BootServiceHandlers } from '../../shared/generated/altdisk/v1/BootService';
import type { BootEnvironment__Output } from '../../shared/generated/altdisk/v1/BootEnvironment';
import type { GetBootListResponse__Output } from '../../shared/generated/altdisk/v1/GetBootListResponse';
import { FailedPreconditionError, InvalidArgumentError } from '../../shared/errors';
import { checkDeviceName } from '../../shared/names';
import type { AixCommands, BootlistMode } from '../aix/aix-commands';
import type { HostInventory } from '../inventory/host-inventory';
import { ROOTVG } from '../inventory/vg-role';
import type { HostOperationLock } from '../jobs/host-lock';
import type { Logger } from '../logger';
import type { ServiceImplementation } from '../server/service-handlers';
import { toBootDevice } from './boot-device';
import { rebootHost, rollback } from './boot-changes';
import type { BootDevice } from '../aix/parsers/bootlist';
import {
  checkBootListDisks,
  checkMode,
  checkOtherDevices,
  MAX_BOOTLIST_DEVICES,
  modesOf,
  type ModeSelection,
} from './boot-requests';
import { newBootList, sameDevices } from './bootlist-words';
import { requireDisk } from './require-disk';

export interface BootServiceDeps {
  aix: AixCommands;
  inventory: HostInventory;
  /**
   * The jobs' host lock: boot-state changes queue behind each other there, in the order
   * asked, and hold it while they run; one asked while a clone or alt_rootvg_op job holds
   * it is refused (operation-running), not made to wait.
   */
  lock: Pick<HostOperationLock, 'exclusive'>;
  /** For the hooks column of the boot environments. */
  hooks: (environments: BootEnvironment__Output[]) => Promise<void>;
  logger: Logger;
}

export function bootService(deps: BootServiceDeps): ServiceImplementation<BootServiceHandlers> {
  const { aix, inventory, lock, logger } = deps;
  // Boot-state changes queue behind each other and never overlap a job (one host lock).
  const changeBoot = <T>(what: string, fn: () => Promise<T>): Promise<T> => lock.exclusive(what, fn);
  return {
    GetBootList: async (request) => readBootLists(aix, checkMode(request.mode, 'both')),

    SetBootList: async (request) => {
      const mode = checkMode(request.mode, 'normal');
      const disks = checkBootListDisks(request.disks);
      const other = checkOtherDevices(request.otherDevices);
      const [pvs, withBootRecord] = await Promise.all([inventory.physicalVolumes(), inventory.bootRecordDisks()]);
      disks.forEach((disk, i) => requireDisk(pvs, disk, `disks[${i}]`));
      for (const disk of disks) {
        if (!withBootRecord.has(disk)) {
          const vg = pvs.find((pv) => pv.name === disk)?.vg ?? 'None';
          throw new FailedPreconditionError(
            'disk-without-boot-image',
            `${disk} has no boot logical volume (no boot record; volume group ${vg}), so the firmware could not boot it`,
            'put only disks of rootvg, altinst_rootvg or old_rootvg in the boot list (see `altctl envs HOST`)',
          );
        }
      }
      const isDisk = (name: string) => pvs.some((pv) => pv.name === name);
      return changeBoot(`bootlist -m ${mode}`, async () => {
        const before = await readLists(aix, mode);
        const wanted = modesOf(mode).map((m) => ({ mode: m, list: newBootList(before[m], disks, isDisk, other) }));
        for (const { mode: m, list } of wanted) {
          if (list.devices.length > MAX_BOOTLIST_DEVICES) {
            throw new FailedPreconditionError(
              'bootlist-too-long',
              `the ${m} boot list would hold ${list.devices.length} devices (${list.devices.join(' ')}) with its other devices kept, and AIX keeps at most ${MAX_BOOTLIST_DEVICES}`,
              'name fewer disks, or leave the other devices out (altctl bootlist HOST --set DISK... --other-devices drop)',
            );
          }
        }
        const changes = wanted.filter(({ mode: m, list }) => !sameDevices(before[m], list.devices));
        if (changes.length === 0) return { bootlist: toResponse(before, mode), changed: false };
        for (const { mode: m, list } of changes) await aix.setBootList(m, list.words);
        logger.info('boot list changed', {
          mode,
          disks,
          otherDevices: other,
          lists: Object.fromEntries(changes.map((c) => [c.mode, c.list.devices])),
        });
        return { bootlist: await readBootLists(aix, mode), changed: true };
      });
    },

    Bosboot: async (request) => {
      const disk = checkDeviceName('disk', request.disk);
      const pv = requireDisk(await inventory.physicalVolumes(), disk, 'disk');
      if (pv.vg !== ROOTVG) {
        throw new FailedPreconditionError(
          'disk-not-in-rootvg',
          `${disk} is in volume group ${pv.vg}, not in the running rootvg; bosboot writes boot images only to rootvg's disks`,
          'name a disk of rootvg (see `altctl envs HOST`); a clone gets its boot image from alt_disk_copy',
        );
      }
      return changeBoot(`bosboot ${disk}`, async () => {
        const result = await aix.bosboot(disk);
        logger.info('boot image written', { disk, blocks: result.blocks });
        return { disk, bootImageBlocks: result.blocks ?? 0, output: result.lines };
      });
    },

    ListBootEnvironments: async () => {
      const result = await inventory.bootEnvironments();
      await deps.hooks(result.environments);
      return result;
    },

    Rollback: async () => changeBoot('rollback', () => rollback(aix, inventory, logger)),

    Reboot: async (request) => {
      if (!request.confirm) {
        throw new InvalidArgumentError(
          'confirm',
          'is not set, and a reboot stops every application on the host',
          'set confirm (altctl reboot HOST --yes) when you mean it',
        );
      }
      return changeBoot('reboot', () => rebootHost(aix, inventory, logger));
    },
  };
}

async function readBootLists(aix: AixCommands, selection: ModeSelection): Promise<GetBootListResponse__Output> {
  return toResponse(await readLists(aix, selection), selection);
}

/** The lists asked for, as bootlist -o prints them; the others empty. */
async function readLists(aix: AixCommands, selection: ModeSelection): Promise<Record<BootlistMode, BootDevice[]>> {
  const modes = modesOf(selection);
  const lists = await Promise.all(modes.map((m) => aix.bootList(m)));
  const read: Record<BootlistMode, BootDevice[]> = { normal: [], service: [] };
  modes.forEach((mode, i) => {
    read[mode] = lists[i] ?? [];
  });
  return read;
}

function toResponse(lists: Record<BootlistMode, BootDevice[]>, selection: ModeSelection): GetBootListResponse__Output {
  const response: GetBootListResponse__Output = { normal: [], service: [] };
  for (const mode of modesOf(selection)) response[mode] = lists[mode].map(toBootDevice);
  return response;
}

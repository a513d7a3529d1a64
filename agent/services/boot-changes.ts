import type { RebootResponse__Output } from '../../shared/generated/altdisk/v1/RebootResponse';
import type { RollbackResponse__Output } from '../../shared/generated/altdisk/v1/RollbackResponse';
import { FailedPreconditionError } from '../../shared/errors';
import type { AixCommands } from '../aix/aix-commands';
import { required } from '../aix/aix-commands';
import type { LspvEntry } from '../aix/parsers/lspv';
import type { HostInventory } from '../inventory/host-inventory';
import { listedDevices, nextBootDisk } from '../inventory/next-boot';
import { ALTINST_ROOTVG, OLD_ROOTVG, ROOTVG } from '../inventory/vg-role';
import type { Logger } from '../logger';
import { toBootDevice } from './boot-device';
import { newBootList } from './bootlist-words';

/**
 * Rollback: boot the previous environment next. After booting a clone that is
 * old_rootvg; before booting it (the clone only set to boot next) it is the
 * running rootvg. The boot images are already there, so only the boot list changes
 * (its disks give way to that one disk, its other devices stay), except that a rootvg
 * disk without a boot record gets one with bosboot first. An awake environment
 * (alt_rootvg_op -W) cannot boot, so rolling back to one is refused until it sleeps.
 */
export async function rollback(
  aix: AixCommands,
  inventory: HostInventory,
  logger: Logger,
): Promise<RollbackResponse__Output> {
  const [pvs, normal, records, bootDisk] = await Promise.all([
    aix.listPhysicalVolumes(),
    aix.bootList('normal'),
    inventory.bootRecordDisks(),
    aix.bootDisk(),
  ]);
  const inVg = (vg: string) => pvs.filter((pv) => pv.vg === vg).map((pv) => pv.name);
  const next = nextBootDisk(normal, records);
  let environment: string;
  let disk: string;
  const old = inVg(OLD_ROOTVG);
  const awake = pvs.filter((pv) => (pv.vg === OLD_ROOTVG || pv.vg === ALTINST_ROOTVG) && pv.state === 'active');
  const cloneBootsNext = inVg(ALTINST_ROOTVG).includes(next);
  if (awake.length > 0 && (awake.some((pv) => pv.vg === OLD_ROOTVG) || (old.length === 0 && !cloneBootsNext))) {
    throw awakeTarget(
      awake[0] as LspvEntry,
      awake.map((pv) => pv.name),
    );
  }
  if (old.length > 0) {
    environment = OLD_ROOTVG;
    const bootable = old.find((d) => records.has(d));
    if (!bootable) {
      throw new FailedPreconditionError(
        'no-boot-record',
        `old_rootvg on ${old.join(' ')} has no boot record, so it cannot be booted`,
        `wake it (altctl wake HOST ${old[0]}), run bosboot on it there, put it to sleep, then roll back`,
      );
    }
    disk = bootable;
  } else if (cloneBootsNext) {
    environment = ROOTVG;
    const rootvg = inVg(ROOTVG);
    // bootinfo -b prints nothing after some migrations: then a rootvg disk with a boot record
    const chosen = rootvg.includes(bootDisk) ? bootDisk : rootvg.find((d) => records.has(d));
    if (!chosen) {
      throw new FailedPreconditionError(
        'no-boot-record',
        `bootinfo -b names no boot disk and no disk of rootvg (${rootvg.join(' ')}) has a boot record`,
        'write one with `altctl bosboot HOST DISK` on a rootvg disk, then roll back',
      );
    }
    disk = chosen;
  } else {
    throw new FailedPreconditionError(
      'nothing-to-roll-back',
      `there is no old_rootvg, and no clone is set to boot next (${next ? `${next} boots next` : 'no disk of the normal boot list has a boot record'}; the list holds ${listedDevices(normal)})`,
      'nothing to roll back to; see `altctl envs HOST`',
    );
  }
  if (next === disk) {
    return {
      environment,
      disk,
      normal: normal.map(toBootDevice),
      changed: false,
      nextStep: `${disk} already boots next; reboot when ready: altctl reboot HOST --yes`,
    };
  }
  if (environment === ROOTVG && !records.has(disk)) {
    await aix.bosboot(disk);
    logger.info('boot image written before rollback', { disk });
  }
  const list = newBootList(normal, [disk], (name) => pvs.some((pv) => pv.name === name), 'keep');
  await aix.setBootList('normal', list.words);
  logger.info('rolled back', { environment, disk, previousNext: next, bootlist: list.devices });
  const after = await aix.bootList('normal');
  const nextStep =
    environment === OLD_ROOTVG
      ? `reboot into the previous system with: altctl reboot HOST --yes`
      : `the running rootvg on ${disk} boots next again; the clone stays on its disks (remove it with altctl cleanup HOST altinst_rootvg --yes)`;
  return { environment, disk, normal: after.map(toBootDevice), changed: true, nextStep };
}

/**
 * The environment rollback would boot is awake: varied on and mounted under /alt_inst.
 * AIX renames a woken old_rootvg altinst_rootvg until it sleeps, so an awake
 * altinst_rootvg that is not the clone set to boot next may be the previous rootvg.
 */
function awakeTarget(pv: LspvEntry, disks: string[]): FailedPreconditionError {
  const what =
    pv.vg === OLD_ROOTVG
      ? `old_rootvg on ${disks.join(' ')} is awake (varied on, mounted under /alt_inst)`
      : `${pv.vg} on ${disks.join(' ')} is awake (varied on, mounted under /alt_inst); AIX calls a woken old_rootvg altinst_rootvg until it sleeps`;
  return new FailedPreconditionError(
    'environment-awake',
    `${what}, and an awake volume group cannot be booted`,
    'put it to sleep first with `altctl sleep HOST`, then roll back',
  );
}

/**
 * Reboot now, as `shutdown -Fr`. On AIX the host goes down and the reply may never
 * arrive; the caller treats a dropped connection after asking as the reboot itself.
 * The firmware boots the first disk of the normal boot list with a boot record,
 * skipping the devices before it (cd0, ent0 ...).
 */
export async function rebootHost(
  aix: AixCommands,
  inventory: HostInventory,
  logger: Logger,
): Promise<RebootResponse__Output> {
  const [pvs, normal, records] = await Promise.all([
    aix.listPhysicalVolumes(),
    aix.bootList('normal'),
    inventory.bootRecordDisks(),
  ]);
  const disk = nextBootDisk(normal, records);
  if (disk === '') {
    throw new FailedPreconditionError(
      'unbootable-bootlist',
      `no disk of the normal boot list has a boot record (it holds ${listedDevices(normal)}), so the host could not come back`,
      'fix the boot list first (altctl bootlist HOST --set DISK, or altctl rollback HOST)',
    );
  }
  const environment = pvs.find((pv) => pv.name === disk)?.vg ?? '';
  logger.warn('rebooting the host on request', { disk, environment });
  const result = required(await aix.runner.run('shutdown', ['-Fr'], { timeoutMs: 120_000 }));
  return { bootDisk: disk, environment, output: result.stdout.split('\n').filter((l) => l.trim() !== '') };
}

import { unmount, renameInner, fsLvsInMountOrder, altMountPoint, innerMountPoint } from '../../state/altvg';
import { bootImageRecord } from '../../state/boot-image';
import { faultsOf } from '../../state/faults';
import { BOSBOOT_MSG } from '../../format/bosboot-messages';
import type { VolumeGroup } from '../../state/model';
import { findVg } from '../../state/queries';
import { readIpldevice } from '../../state/store';
import { errors, progress } from './messages';
import type { CloneOptions } from './options';
import { VG_NAME } from './phase1';
import { Fatal, type Runtime } from './runtime';

/**
 * Phase 3: boot image, LV names back to those inside the clone (removed from the ODM),
 * file systems unmounted, altinst_rootvg varied off, and - unless -B, or an
 * ALT_BAK_ERR_REPORT run saw a backup/restore error - the normal bootlist set to the
 * first target. Lines and their order: alt_disk_copy.messages.md (phase 3 of the real
 * alt_disk_mksysb run).
 *
 * bosboot fails as AIX's does when /dev/ipldevice is gone (manual note 4) or a
 * bosboot-fail fault is set; alt_disk_copy then stops with exit 1 and leaves the clone
 * mounted for alt_rootvg_op -X.
 */
export async function phase3(rt: Runtime, o: CloneOptions, setBootlist: boolean): Promise<void> {
  const { ctx } = rt;
  const first = o.targets[0] as string;
  await rt.step(progress.buildingBootImage);
  const state = ctx.state();
  if (readIpldevice(ctx.paths) === null) {
    rt.error(`${BOSBOOT_MSG.invalidDevice}\n`);
    rt.error(errors.bosbootFailed(first));
    throw new Fatal(1);
  }
  if (faultsOf(state, 'bosboot-fail').length > 0) {
    rt.error(BOSBOOT_MSG.failed);
    rt.error(errors.bosbootFailed(first));
    throw new Fatal(1);
  }
  const createdAt = ctx.now().toISOString();
  ctx.mutate((s) => {
    const vg = findVg(s, VG_NAME) as VolumeGroup;
    const level = vg.system?.serviceLevel ?? s.os.serviceLevel;
    s.bootImages[first] = bootImageRecord(level, createdAt);
  });

  await rt.step(progress.changingNames);
  ctx.mutate((s) => renameInner(findVg(s, VG_NAME) as VolumeGroup));
  await rt.step(progress.fixingLvcb);

  const vgNow = findVg(ctx.state(), VG_NAME) as VolumeGroup;
  const order = fsLvsInMountOrder(vgNow)
    .filter((lv) => lv.fs?.mounted)
    .reverse();
  for (const lv of order) {
    const mp = altMountPoint(innerMountPoint(lv.fs?.mountPoint ?? '/'));
    await rt.step(progress.forcedUnmount(mp));
    await rt.step(progress.forcedUnmount(mp));
    ctx.mutate((s) => {
      const target = (findVg(s, VG_NAME) as VolumeGroup).lvs.find((l) => l.name === lv.name);
      if (target) unmount(target);
    });
  }

  await rt.step(progress.fixingSuperblocks);
  ctx.mutate((s) => {
    const vg = findVg(s, VG_NAME) as VolumeGroup;
    vg.state = 'varied-off';
    delete vg.alt;
    if (vg.system) {
      if (o.deviceReset) vg.system.deviceReset = true;
      if (o.console !== undefined) vg.system.console = o.console;
    }
    if (setBootlist) s.bootlist.normal = [{ device: first, blv: 'hd5' }];
  });
  if (setBootlist) await rt.step(progress.bootlistSet(first, 'hd5'));
}

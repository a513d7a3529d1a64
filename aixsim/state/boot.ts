import type { HostState, SystemImage, VolumeGroup } from './model';
import { bootLvOnDisk, findDisk, findVg, vgOfDisk } from './queries';
import { innerMountPoint, renameInner, sleep } from './altvg';

/**
 * A reboot, as the firmware and AIX's boot do it: the first disk of the normal bootlist
 * that carries a boot record boots; its VG becomes rootvg (varied on, LVs in the ODM, file systems
 * mounted) and the system installed in it becomes the running one. The other VGs take the
 * names the booted system's ODM gives them: the rootvg a clone was made from is old_rootvg
 * in the clone's ODM, while the original system's ODM still calls the clone altinst_rootvg
 * (test/fixtures/aix/lspv.single-space.01.txt: booting back to hdisk0 shows hdisk1 as
 * altinst_rootvg again).
 */
export class BootError extends Error {}

export interface BootResult {
  disk: string;
  /** The VG that was rootvg before, under its new name (undefined when the same VG booted again). */
  previous?: { name: string; vgid: string };
  /** The booted system had a first-boot script that has not run yet. */
  firstBoot?: { script: string };
  changedSystem: boolean;
}

/**
 * What boots: the first entry of the normal bootlist that is a disk with a boot record.
 * The firmware skips the others, as the bootlist man page says it does when a device has
 * no boot image: a cd0, fd0, rmt0 or ent0 here never has one (no media, no boot server).
 * Checked first, so a failed reboot changes nothing.
 */
export function bootTarget(state: HostState): { disk: string; vg: VolumeGroup } {
  const entries = state.bootlist.normal;
  if (entries.length === 0) throw new BootError('the normal bootlist is empty; the firmware finds nothing to boot');
  const skipped: string[] = [];
  for (const entry of entries) {
    const disk = findDisk(state, entry.device);
    if (!disk) {
      skipped.push(`${entry.device} has nothing to boot`);
      continue;
    }
    const vg = vgOfDisk(state, disk.name);
    if (vg && state.bootImages[disk.name] !== undefined && bootLvOnDisk(state, disk.name) !== undefined)
      return { disk: disk.name, vg };
    skipped.push(`${disk.name} carries no boot record (run bosboot or alt_disk_copy)`);
  }
  throw new BootError(`nothing in the normal bootlist can boot: ${skipped.join(', ')}; nothing changed`);
}

/** Applies a reboot to the state (the caller holds the lock). */
export function applyBoot(state: HostState, now: Date): BootResult {
  const { disk, vg: target } = bootTarget(state);
  const running = findVg(state, 'rootvg');
  const result: BootResult = { disk, changedSystem: false };

  if (target !== running) {
    if (!target.system) throw new BootError(`${target.name} on ${disk} holds no AIX system`);
    // The running system goes to sleep in its VG, remembering its ODM's view of the others.
    const odmNames: Record<string, string> = { ...(state.odmNames ?? {}) };
    for (const v of state.vgs) if (v !== running) odmNames[v.vgid] = v.name;
    const incoming = target.system;
    const names = incoming.odmNames;
    if (running) {
      running.system = snapshotRunning(state, odmNames);
    }
    for (const v of state.vgs) {
      if (v === target) continue;
      const name = names[v.vgid] ?? (v === running ? 'old_rootvg' : v.name);
      v.name = name;
    }
    if (running) {
      // Put to sleep below with the other alternate rootvgs (it has a system now): its LVs
      // stay in its VGDA only, nothing of it mounted or open.
      running.autoOn = false;
      result.previous = { name: running.name, vgid: running.vgid };
    }
    loadRunning(state, incoming);
    delete target.system;
    target.name = 'rootvg';
    result.changedSystem = true;
  }

  // The booted rootvg: varied on, LVs in the ODM, file systems of /etc/filesystems mounted.
  renameInner(target);
  for (const lv of target.lvs) {
    lv.odm = true;
    if (lv.fs) {
      lv.fs.mountPoint = innerMountPoint(lv.fs.mountPoint);
      lv.fs.mounted = lv.fs.auto || lv.fs.mounted;
    }
  }
  delete target.alt;
  target.state = 'active';
  target.autoOn = true;
  // rootvg first in the ODM's VG list, as lsvg prints it after a boot.
  state.vgs = [target, ...state.vgs.filter((v) => v !== target)];
  // Other VGs come up as their auto-varyon says; alternate rootvgs stay varied off.
  let seq = 1;
  target.varyonSeq = seq++;
  for (const v of state.vgs) {
    if (v === target) continue;
    if (v.system !== undefined) {
      // A half-made or awake alternate rootvg does not survive a reboot mounted.
      sleep(v);
      continue;
    }
    if (v.autoOn && !v.concurrent) {
      v.state = 'active';
      v.varyonSeq = seq++;
    } else {
      v.state = 'varied-off';
      for (const lv of v.lvs) if (lv.fs) lv.fs.mounted = false;
    }
  }
  state.nextVaryonSeq = seq;
  state.bootDisk = disk;
  if (state.ipldevice !== null) state.ipldevice = disk;
  state.bootTime = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
  state.altDiskOp = null;

  const fb = state.firstBoot;
  if (fb && fb.ranAt === undefined) result.firstBoot = { script: fb.script };
  return result;
}

function snapshotRunning(state: HostState, odmNames: Record<string, string>): SystemImage {
  const image: SystemImage = {
    serviceLevel: state.os.serviceLevel,
    vrmf: state.os.vrmf,
    filesets: state.filesets,
    fixes: state.fixes ?? [],
    tcb: state.tcb ?? false,
    odmNames,
  };
  if (state.firstBoot) image.firstBoot = state.firstBoot;
  return image;
}

function loadRunning(state: HostState, image: SystemImage): void {
  state.os = { ...state.os, serviceLevel: image.serviceLevel, vrmf: image.vrmf };
  state.filesets = image.filesets;
  state.fixes = image.fixes;
  state.tcb = image.tcb;
  state.odmNames = image.odmNames;
  if (image.firstBoot) state.firstBoot = image.firstBoot;
  else delete state.firstBoot;
}

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { AllocationError, allocate } from '../../state/allocate';
import { ALT_PREFIX, altMountPoint, innerMountPoint, removeVg } from '../../state/altvg';
import type { Disk, HostState, LogicalVolume, SystemImage, VolumeGroup } from '../../state/model';
import { lvDataDir } from '../../state/paths';
import { discard } from '../../state/trash';
import { findDisk, findVg } from '../../state/queries';
import { settingsOf } from '../../state/settings';
import { copyFiles, type CopySource } from './copy';
import type { ExcludeList } from './exclude';
import { errors, progress } from './messages';
import type { CloneOptions } from './options';
import { sizeErrors, targetPps, type Plan } from './plan';
import { Fatal, type Runtime } from './runtime';

/**
 * Phase 1: make altinst_rootvg on the targets, its LVs (alt_<name>) and file systems
 * (mounted under /alt_inst), and copy rootvg's mounted file systems into it. Each step
 * changes the state as its line is printed, so a clone stopped half-way (SIGTERM, kill -9)
 * leaves exactly what was made so far, for alt_rootvg_op -X to remove.
 */
export const VG_NAME = 'altinst_rootvg';

export interface Phase1Result {
  restoreError: boolean;
}

export async function phase1(
  rt: Runtime,
  o: CloneOptions,
  plan: Plan,
  exclude: ExcludeList | undefined,
  errorFail: boolean,
): Promise<Phase1Result> {
  const { ctx } = rt;
  if (o.imageData === undefined) await rt.step(progress.mkszfile);
  await rt.step(progress.checkingSizes);
  const sizeError = sizeErrors(ctx.state(), o, plan);
  if (sizeError !== null) {
    rt.error(sizeError);
    throw new Fatal(1);
  }

  await rt.step(progress.creatingVg);
  ctx.mutate((s) => createVg(s, o, plan, ctx.now()));

  for (const p of plan.lvs) {
    await rt.step(progress.creatingLv(`${ALT_PREFIX}${p.inner}`));
    const failed = ctx.mutate((s) => addLv(s, o, plan, p));
    if (failed) {
      rt.error(errors.allocp() + errors.mklvFailed(`${ALT_PREFIX}${p.inner}`));
      await cleanUp(rt);
      throw new Fatal(1);
    }
  }

  const withFs = plan.lvs
    .filter((p) => p.fs !== null)
    .sort((a, b) => cmp(a.fs?.mountPoint ?? '', b.fs?.mountPoint ?? ''));
  for (const p of withFs) {
    const mp = altMountPoint(p.fs?.mountPoint ?? '/');
    await rt.step(progress.creatingFs(mp));
    // A disk that held an earlier clone may still have its files: mkfs starts empty.
    const first = o.targets[0] as string;
    const dir = lvDataDir(ctx.paths, first, p.inner);
    discard(ctx.paths, dir);
    fs.mkdirSync(dir, { recursive: true });
    ctx.mutate((s) => {
      const vg = findVg(s, VG_NAME) as VolumeGroup;
      const lv = vg.lvs.find((l) => l.dataName === p.inner) as LogicalVolume;
      lv.fs = {
        mountPoint: mp,
        vfs: p.fs?.vfs ?? 'jfs2',
        log: logName(p.fs?.log ?? 'INLINE', vg),
        auto: p.fs?.auto ?? true,
        mounted: true,
        usage: { bytes: 0, files: 0 },
      };
      if (p.copy && p.source.fs?.base) lv.fs.base = p.source.fs.base;
    });
  }

  await rt.step(progress.generatingList);
  await rt.step(progress.generatingList2);
  const state = ctx.state();
  const rootvg = findVg(state, 'rootvg') as VolumeGroup;
  const sources: CopySource[] = withFs
    .filter((p) => p.copy)
    .map((p) => ({
      lvName: `${ALT_PREFIX}${p.inner}`,
      mountPoint: p.fs?.mountPoint ?? '/',
      srcDir: lvDataDir(ctx.paths, rootvg.disks[0] as string, p.source.name),
      base: p.source.fs?.base,
    }));
  const copied = await copyFiles(rt, state, sources, exclude, errorFail ? 'fail' : 'continue');
  if (copied.restoreError && errorFail) {
    await cleanUp(rt);
    throw new Fatal(1);
  }
  await rt.step(progress.modifyingOdm);
  ctx.mutate((s) => {
    const vg = findVg(s, VG_NAME);
    if (vg?.alt && !vg.alt.phasesDone.includes(1)) vg.alt.phasesDone.push(1);
  });
  return { restoreError: copied.restoreError };
}

/** "Cleaning up.": the half-made altinst_rootvg goes, its disks are free again. */
export async function cleanUp(rt: Runtime): Promise<void> {
  rt.say(progress.cleaningUp);
  rt.ctx.mutate((s) => {
    const vg = findVg(s, VG_NAME);
    if (vg) removeVg(s, rt.ctx.paths, vg);
  });
  await rt.sleep(settingsOf(rt.ctx.state()).stepDelayMs);
}

function createVg(s: HostState, o: CloneOptions, plan: Plan, now: Date): void {
  const rootvg = findVg(s, 'rootvg') as VolumeGroup;
  for (const t of o.targets) {
    // mkvg gives a disk without a PVID one.
    const d = findDisk(s, t) as Disk;
    d.pvid ??= `00${s.os.machineId.slice(2, 8).toLowerCase()}${randomBytes(4).toString('hex')}`;
  }
  const first = findDisk(s, o.targets[0] as string) as Disk;
  const odmNames: Record<string, string> = {};
  for (const v of s.vgs) odmNames[v.vgid] = v === rootvg ? 'old_rootvg' : v.name;
  const system: SystemImage = {
    serviceLevel: s.os.serviceLevel,
    vrmf: s.os.vrmf,
    filesets: s.filesets.map((f) => ({ ...f, parts: [...f.parts] })),
    fixes: [...(s.fixes ?? [])],
    tcb: s.tcb ?? false,
    odmNames,
  };
  const vg: VolumeGroup = {
    name: VG_NAME,
    vgid: `${(first.pvid as string).slice(0, 8)}00004c00${now.getTime().toString(16).padStart(16, '0').slice(-16)}`,
    ppSizeMb: plan.ppSizeMb,
    disks: [...o.targets],
    state: 'active',
    concurrent: false,
    autoOn: false,
    maxLvs: rootvg.maxLvs,
    maxPpsPerVg: rootvg.maxPpsPerVg,
    maxPpsPerPv: rootvg.maxPpsPerPv,
    maxPvs: rootvg.maxPvs,
    ltgKb: rootvg.ltgKb,
    varyonSeq: s.nextVaryonSeq++,
    lvs: [],
    nextLvMinor: 1,
    system,
    alt: { phasesDone: [], targets: [...o.targets] },
  };
  s.vgs.push(vg);
}

/** Adds one LV; returns true when its partitions do not fit (mklv's 0516-404). */
function addLv(s: HostState, o: CloneOptions, plan: Plan, p: Plan['lvs'][number]): boolean {
  const vg = findVg(s, VG_NAME) as VolumeGroup;
  const lv: LogicalVolume = {
    name: `${ALT_PREFIX}${p.inner}`,
    dataName: p.inner,
    minor: vg.nextLvMinor++,
    type: p.type,
    lps: p.lps,
    copies: 1,
    interPolicy: p.source.interPolicy,
    intraPolicy: p.source.intraPolicy,
    maxLps: Math.max(p.source.maxLps, p.lps),
    label: p.source.label,
    odm: true,
    fs: null,
    placement: [],
  };
  // A target-too-small fault makes the disk smaller than it is for this allocation too.
  const disks = o.targets.map((t) => {
    const d = findDisk(s, t) as Disk;
    const pps = targetPps(s, t, plan);
    return { ...d, sizeMb: (pps + 1) * plan.ppSizeMb };
  });
  try {
    allocate(vg, lv, disks, p.lps);
  } catch (e) {
    if (e instanceof AllocationError) return true;
    throw e;
  }
  vg.lvs.push(lv);
  return false;
}

/** A file system's log device inside the awake clone (/dev/hd8 -> /dev/alt_hd8). */
function logName(log: string, vg: VolumeGroup): string {
  const m = /^\/dev\/(.+)$/.exec(log);
  if (m && vg.lvs.some((l) => l.dataName === m[1])) return `/dev/${ALT_PREFIX}${m[1]}`;
  return log;
}

function cmp(a: string, b: string): number {
  const x = innerMountPoint(a);
  const y = innerMountPoint(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

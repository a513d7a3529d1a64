import type { FileSystem, HostState, LogicalVolume, LvType, VolumeGroup } from '../../state/model';
import { diskTotalPps, findDisk, findVg, vgOfDisk } from '../../state/queries';
import { altinstVg, awakeVg, runningOp } from '../../state/altvg';
import { faultsOf, numberParam } from '../../state/faults';
import type { ImageData } from './imagedata';
import type { CloneOptions } from './options';
import { errors } from './messages';

/**
 * What the clone will be, worked out before anything changes: rootvg's LVs in
 * `lsvg -l rootvg` order with their names inside the clone (image.data may shorten
 * them), LP counts, file systems (-T turns jfs into jfs2). Phase 1 then creates exactly
 * this; the checks below decide whether it may start.
 */
export interface PlannedLv {
  source: LogicalVolume;
  /** Name inside the clone (hd2); the LV is alt_<inner> while awake. */
  inner: string;
  type: LvType;
  lps: number;
  fs: Pick<FileSystem, 'mountPoint' | 'vfs' | 'log' | 'auto'> | null;
  /** The source file system is mounted, so its contents are copied (manual note 7). */
  copy: boolean;
}

export interface Plan {
  ppSizeMb: number;
  lvs: PlannedLv[];
  usedPps: number;
}

export function makePlan(state: HostState, options: CloneOptions, imageData: ImageData | undefined): Plan {
  const rootvg = findVg(state, 'rootvg') as VolumeGroup;
  const ppSizeMb = imageData?.ppSizeMb ?? rootvg.ppSizeMb;
  const lvs: PlannedLv[] = [];
  for (const src of rootvg.lvs) {
    const stanza =
      imageData?.lvs.find((s) => s.name === src.name) ??
      (src.fs
        ? imageData?.lvs.find((s) => s.mountPoint !== undefined && s.mountPoint === src.fs?.mountPoint)
        : undefined);
    const inner = stanza?.name ?? src.name;
    let type: LvType = src.type;
    if (options.toJfs2 && type === 'jfs') type = 'jfs2';
    if (options.toJfs2 && type === 'jfslog') type = 'jfs2log';
    const lps = stanza?.lps ?? Math.ceil((src.lps * rootvg.ppSizeMb) / ppSizeMb);
    const fs = src.fs
      ? {
          mountPoint: src.fs.mountPoint,
          vfs: options.toJfs2 ? 'jfs2' : src.fs.vfs,
          log: src.fs.log,
          auto: src.fs.auto,
        }
      : null;
    lvs.push({ source: src, inner, type, lps, fs: fs as PlannedLv['fs'], copy: src.fs?.mounted === true });
  }
  return { ppSizeMb, lvs, usedPps: lvs.reduce((n, l) => n + l.lps, 0) };
}

/**
 * Phase 1's checks of the host, run under the state lock (two clones started at once
 * must not both pass). Returns the error text, or null. Order: the disks themselves
 * (before any output on AIX), then the things found while "Checking disk sizes." -
 * `sizeErrors` below.
 */
export function diskErrors(state: HostState, options: CloneOptions): string | null {
  const op = runningOp(state);
  if (op) return errors.busy(op.pid);
  const seen = new Set<string>();
  for (const t of options.targets) {
    if (!findDisk(state, t) || seen.has(t)) return errors.notADisk(t);
    seen.add(t);
    if (vgOfDisk(state, t)) return errors.inVg(t);
  }
  if (altinstVg(state)) return errors.vgExists('altinst_rootvg');
  const awake = awakeVg(state);
  if (awake) return errors.altInstBusy(awake.name);
  return null;
}

/** Size, bootability and LV name checks ("Checking disk sizes."). */
export function sizeErrors(state: HostState, options: CloneOptions, plan: Plan): string | null {
  for (const lv of plan.lvs) if (lv.inner.length > 11) return errors.lvNameTooLong(lv.inner);
  if (!options.skipBootCheck) {
    for (const t of options.targets) if (findDisk(state, t)?.bootCapable === false) return errors.notBootable(t);
  }
  if (options.skipSpaceCheck) return null;
  const available = options.targets.reduce((n, t) => n + targetPps(state, t, plan), 0);
  return plan.usedPps > available ? errors.noSpace(plan.usedPps * plan.ppSizeMb) : null;
}

/** PPs a target offers at the clone's PP size; a target-too-small fault shrinks it. */
export function targetPps(state: HostState, disk: string, plan: Plan): number {
  const d = findDisk(state, disk);
  if (!d) return 0;
  const fault = faultsOf(state, 'target-too-small', disk)[0];
  const sizeMb = fault ? numberParam(fault, 'sizeMb', plan.usedPps * plan.ppSizeMb) : d.sizeMb;
  const probe = { ppSizeMb: plan.ppSizeMb } as VolumeGroup;
  return diskTotalPps({ ...d, sizeMb }, probe);
}

/** -P2 / -P3 / -P23: an altinst_rootvg left awake by phase 1 (or woken) on exactly these disks. */
export function laterPhaseErrors(state: HostState, options: CloneOptions): string | null {
  const op = runningOp(state);
  if (op) return errors.busy(op.pid);
  for (const t of options.targets) if (!findDisk(state, t)) return errors.notADisk(t);
  const vg = altinstVg(state);
  const same =
    vg !== undefined &&
    vg.disks.length === options.targets.length &&
    options.targets.every((t) => vg.disks.includes(t));
  const awake =
    vg?.alt !== undefined && vg.state === 'active' && (vg.alt.phasesDone.includes(1) || vg.alt.woken === true);
  if (!same || !awake) return errors.notPostPhase1(options.targets.join(' '));
  return null;
}

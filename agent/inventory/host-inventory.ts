import type { Disk__Output } from '../../shared/generated/altdisk/v1/Disk';
import type { BootEnvironment__Output } from '../../shared/generated/altdisk/v1/BootEnvironment';
import type { ListCloneTargetsResponse__Output } from '../../shared/generated/altdisk/v1/ListCloneTargetsResponse';
import type { LogicalVolume__Output } from '../../shared/generated/altdisk/v1/LogicalVolume';
import type { VolumeGroup__Output } from '../../shared/generated/altdisk/v1/VolumeGroup';
import type { PvState } from '../../shared/generated/altdisk/v1/PvState';
import { FailedPreconditionError, InvalidArgumentError } from '../../shared/errors';
import type { AixCommands } from '../aix/aix-commands';
import type { LspvEntry } from '../aix/parsers/lspv';
import type { LsdevEntry } from '../aix/parsers/lsdev';
import { describeBootEnvironments } from './boot-environments';
import { rankCloneTargets } from './clone-targets';
import { readHeaders, surveyDevices, type DeviceSurvey } from './device-survey';
import { claimOf, headerWarnings } from './disk-claims';
import { cloneSpace } from './clone-space';
import { mapLimit } from './map-limit';
import { disksWithBootRecord, nextBootDisk } from './next-boot';
import { NO_VG, ROOTVG, vgRole } from './vg-role';

interface DiskFacts {
  sizeMb: number;
  bootCapable: boolean;
  fetchedAt: number;
  /** Why the facts could not be read; '' when they were (failures are not cached). */
  error: string;
}

export interface InventoryOptions {
  /** How many per-disk commands may run at once. */
  concurrency: number;
  /** How long a disk's size and bootability are reused before asking again. */
  factsTtlMs: number;
  now?: () => number;
}

/**
 * Answers discovery questions by combining AIX commands. Per-disk facts (size,
 * bootability) cost one process each, so they are cached by disk name and PVID:
 * a LUN replaced under the same name gets a new PVID and is asked again.
 */
export class HostInventory {
  private readonly facts = new Map<string, DiskFacts>();
  private readonly now: () => number;

  constructor(
    private readonly aix: AixCommands,
    private readonly options: InventoryOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async physicalVolumes(): Promise<LspvEntry[]> {
    return this.aix.listPhysicalVolumes();
  }

  async disks(): Promise<Disk__Output[]> {
    return (await this.survey(false)).disks;
  }

  /**
   * Every disk with what owns it (device survey: multipath software, GPFS, a cluster). With `forClone`, the headers
   * of the disks nothing else rules out are read too, and what they hold becomes warnings by disk name.
   */
  private async survey(forClone: boolean): Promise<{ disks: Disk__Output[]; warnings: Map<string, string[]> }> {
    // lsvg only tells GPFS names in lspv's VG column from volume groups: without it the disks are still listed.
    const [pvs, bootDisk, vgs] = await Promise.all([
      this.aix.listPhysicalVolumes(),
      this.aix.bootDisk(),
      this.aix.listVolumeGroupNames(false).catch(() => null),
    ]);
    const devices = await surveyDevices(this.aix.runner, pvs, {
      headersOf: () => false,
      concurrency: this.options.concurrency,
    });
    const disks = await this.describeDisks(pvs, bootDisk, (pv) => claimOf(pv, pvs, vgs, devices), devices);
    const warnings = new Map<string, string[]>();
    if (!forClone) return { disks, warnings };
    const open = disks.filter((d) => d.vg === NO_VG && !d.isBootDisk && !d.claim && !d.unreadable && d.bootCapable);
    const unread = open.filter((d) => !devices.headers.has(d.name)).map((d) => d.name);
    for (const [name, read] of await readHeaders(this.aix.runner, unread, this.options.concurrency))
      devices.headers.set(name, read);
    for (const d of open) {
      const pv = pvs.find((p) => p.name === d.name);
      if (pv)
        warnings.set(
          d.name,
          headerWarnings(pv, devices).map((w) => `${w.message}; ${w.remedy}`),
        );
    }
    return { disks, warnings };
  }

  async volumeGroups(): Promise<VolumeGroup__Output[]> {
    const [names, variedOn, pvs] = await Promise.all([
      this.aix.listVolumeGroupNames(false),
      this.aix.listVolumeGroupNames(true),
      this.aix.listPhysicalVolumes(),
    ]);
    const ordered = [...names.filter((n) => n === ROOTVG), ...names.filter((n) => n !== ROOTVG)];
    const active = new Set(variedOn);
    return mapLimit(ordered, this.options.concurrency, async (name) => {
      const disks = pvs.filter((pv) => pv.vg === name).map((pv) => pv.name);
      const base: VolumeGroup__Output = {
        name,
        role: vgRole(name),
        variedOn: active.has(name),
        disks,
        identifier: '',
        ppSizeMb: 0,
        totalMb: 0,
        freeMb: 0,
        usedMb: 0,
        lvCount: 0,
        concurrent: '',
        state: '',
      };
      if (!active.has(name)) return base;
      const d = await this.aix.volumeGroupDetail(name);
      return {
        ...base,
        identifier: d.identifier,
        ppSizeMb: d.ppSizeMb,
        totalMb: d.totalMb,
        freeMb: d.freeMb,
        usedMb: d.usedMb,
        lvCount: d.lvCount,
        concurrent: d.concurrent ?? '',
        state: d.state,
      };
    });
  }

  async logicalVolumes(vg: string): Promise<LogicalVolume__Output[]> {
    const [names, variedOn] = await Promise.all([
      this.aix.listVolumeGroupNames(false),
      this.aix.listVolumeGroupNames(true),
    ]);
    if (!names.includes(vg)) {
      throw new InvalidArgumentError(
        'vg',
        `${vg} is not a volume group on this host (lsvg lists ${names.join(', ') || 'none'})`,
        'name one of those',
      );
    }
    if (!variedOn.includes(vg)) {
      throw new FailedPreconditionError(
        'vg-varied-off',
        `${vg} is varied off, and AIX lists logical volumes only of varied-on volume groups`,
        vg === ROOTVG
          ? 'check the host'
          : `for altinst_rootvg or old_rootvg, wake it first (alt_rootvg_op -W); for other groups, varyonvg ${vg}`,
      );
    }
    const [detail, lvs] = await Promise.all([this.aix.volumeGroupDetail(vg), this.aix.logicalVolumes(vg)]);
    return lvs.map((lv) => ({
      name: lv.name,
      vg,
      type: lv.type,
      lps: lv.lps,
      pps: lv.pps,
      pvs: lv.pvs,
      sizeMb: lv.lps * detail.ppSizeMb,
      state: lv.state,
      mountPoint: lv.mountPoint ?? '',
      // A file system LV is open exactly when it is mounted.
      mounted: lv.mountPoint !== null && lv.open,
    }));
  }

  async cloneTargets(): Promise<ListCloneTargetsResponse__Output> {
    const [{ disks, warnings }, rootvg, lvs] = await Promise.all([
      this.survey(true),
      this.aix.volumeGroupDetail(ROOTVG),
      this.aix.logicalVolumes(ROOTVG),
    ]);
    // The same computation as the preflight's: a clone holds one copy of each LV.
    const space = cloneSpace(rootvg, lvs);
    return {
      requiredMb: space.requiredMb,
      rootvgUsedMb: space.rootvgUsedMb,
      rootvgCopies: space.rootvgCopies,
      targets: rankCloneTargets(disks, space.requiredMb, warnings),
    };
  }

  async bootEnvironments(): Promise<{
    environments: BootEnvironment__Output[];
    bootDisk: string;
    nextBootDisk: string;
  }> {
    const [pvs, bootDisk, normal, level, records] = await Promise.all([
      this.aix.listPhysicalVolumes(),
      this.aix.bootDisk(),
      this.aix.bootList('normal'),
      this.aix.serviceLevel(),
      this.bootRecordDisks(),
    ]);
    const next = nextBootDisk(normal, records);
    const environments = describeBootEnvironments({
      pvs,
      bootDisk,
      nextBootDisk: next,
      runningLevel: level.raw,
      diskWithBootRecord: records,
    });
    return { environments, bootDisk, nextBootDisk: next };
  }

  /** Disks that carry a boot record, from ipl_varyon -i. */
  async bootRecordDisks(): Promise<Set<string>> {
    return disksWithBootRecord(await this.aix.bootRecords());
  }

  private async describeDisks(
    pvs: readonly LspvEntry[],
    bootDisk: string,
    claim: (pv: LspvEntry) => Disk__Output['claim'],
    devices: DeviceSurvey,
  ): Promise<Disk__Output[]> {
    const live = new Set(pvs.map(factsKey));
    for (const key of this.facts.keys()) if (!live.has(key)) this.facts.delete(key);
    return mapLimit(pvs, this.options.concurrency, async (pv) => {
      // One disk that cannot be read (Defined, a failing path) is reported as such; the others are still answered.
      const facts = await this.diskFacts(pv).catch((err: unknown) =>
        unreadable(
          err,
          devices.devices?.find((d) => d.name === pv.name),
        ),
      );
      return {
        name: pv.name,
        pvid: pv.pvid ?? 'none',
        vg: pv.vg,
        state: pvState(pv),
        sizeMb: facts.sizeMb,
        bootCapable: facts.bootCapable,
        isBootDisk: pv.name === bootDisk,
        vgRole: vgRole(pv.vg),
        claim: claim(pv),
        unreadable: facts.error !== '',
        error: facts.error,
      };
    });
  }

  private async diskFacts(pv: LspvEntry): Promise<DiskFacts> {
    const key = factsKey(pv);
    const cached = this.facts.get(key);
    if (cached && this.now() - cached.fetchedAt < this.options.factsTtlMs) return cached;
    const [sizeMb, bootCapable] = await Promise.all([this.aix.diskSizeMb(pv.name), this.aix.diskBootCapable(pv.name)]);
    const facts = { sizeMb, bootCapable, fetchedAt: this.now(), error: '' };
    this.facts.set(key, facts);
    return facts;
  }
}

/** The facts of a disk that could not be read: none, and why (what lsdev says of it first, if it is not Available). */
function unreadable(err: unknown, device: LsdevEntry | undefined): DiskFacts {
  const said = err instanceof Error ? err.message : String(err);
  const status = device && device.status !== 'Available' ? `lsdev shows it ${device.status}, not Available; ` : '';
  return { sizeMb: 0, bootCapable: false, fetchedAt: 0, error: `${status}${said}` };
}

function factsKey(pv: LspvEntry): string {
  return `${pv.name}/${pv.pvid ?? 'none'}`;
}

function pvState(pv: LspvEntry): Exclude<PvState, number> {
  switch (pv.state) {
    case 'active':
      return 'PV_STATE_ACTIVE';
    case 'concurrent':
      return 'PV_STATE_CONCURRENT';
    case 'locked':
      return 'PV_STATE_LOCKED';
    default:
      return pv.vg === NO_VG || pv.state === '' ? 'PV_STATE_INACTIVE' : 'PV_STATE_UNSPECIFIED';
  }
}

import { InitError } from '../errors';
import { allocate, choosePpSize } from '../state/allocate';
import { bootImageRecord } from '../state/boot-image';
import {
  STATE_SCHEMA_VERSION,
  type Disk,
  type FileSystem,
  type HostState,
  type LogicalVolume,
  type VolumeGroup,
} from '../state/model';
import { findDisk, vgOfDisk } from '../state/queries';
import { defaultFilesets } from './filesets';
import { hostIds, machineId, newPvid, newVgid, type HostIds } from './ids';
import { parseServiceLevel, type CompiledInitOptions } from './options';
import { BOOT_DISK_SIZE_MB, ROOTVG_LVS, ROOTVG_PP_SIZE_MB, type LvTemplate } from './rootvg';
import { spareDisks } from './spares';

/** Builds the model of a fresh host; nothing touches the disk here. */
export function buildState(opts: CompiledInitOptions): HostState {
  const sl = parseServiceLevel(opts.oslevel);
  const ids = hostIds(opts.seed);
  const bootMs = opts.bootTime.getTime();

  const disks: Disk[] = [
    { name: 'hdisk0', pvid: newPvid(ids), sizeMb: BOOT_DISK_SIZE_MB, paths: 1, bootCapable: true },
  ];
  const spares = spareDisks(opts.disks, ids.prng);
  for (const s of spares) {
    disks.push({
      name: s.name,
      pvid: s.hasPvid ? newPvid(ids) : null,
      sizeMb: opts.diskSizes[s.name] ?? s.sizeMb,
      paths: 1,
      bootCapable: true,
    });
  }

  const state: HostState = {
    schemaVersion: STATE_SCHEMA_VERSION,
    generation: 0,
    hostname: opts.hostname,
    os: { serviceLevel: opts.oslevel, vrmf: `${sl.version}.${sl.release}.0.0`, machineId: machineId(ids) },
    hardware: {
      memoryKb: opts.memoryMb * 1024,
      kernelBits: 64,
      hardwareBits: 64,
      platform: 'chrp',
      model: 'IBM,9009-42A',
    },
    bootTime: opts.bootTime.toISOString(),
    bootDisk: 'hdisk0',
    ipldevice: opts.ipldevice ? 'hdisk0' : null,
    disks,
    vgs: [],
    bootlist: { normal: [{ device: 'hdisk0', blv: 'hd5' }], service: [{ device: 'hdisk0', blv: 'hd5' }] },
    bootImages: {},
    filesets: defaultFilesets(sl, opts.withoutFilesets, opts.filesets),
    faults: [],
    nextVaryonSeq: 1,
    tcb: opts.tcb,
    fixes: [],
  };
  if (opts.devices.length > 0) state.devices = [...opts.devices];

  // rootvg is varied on first at boot, so it has the lowest varyon sequence.
  const rootvg = newVg(state, 'rootvg', ['hdisk0'], ROOTVG_PP_SIZE_MB, ids, bootMs - 400 * 86_400_000);
  const extra: LvTemplate[] = [
    ...opts.lvNames.map((name): LvTemplate => ({
      name,
      type: 'jfs2',
      lps: 1,
      intra: 'center',
      mountPoint: `/${name}`,
    })),
    ...opts.lvsWithoutMount.map((name): LvTemplate => ({ name, type: 'jfs2', lps: 8, intra: 'center' })),
    ...opts.rawLvs.map((name): LvTemplate => ({ name, type: 'raw', lps: 10, intra: 'middle' })),
  ];
  for (const t of [...ROOTVG_LVS, ...extra]) {
    addLv(state, rootvg, t, !(t.mountPoint !== undefined && opts.unmounted.includes(t.mountPoint)));
  }
  state.bootImages.hdisk0 = bootImageRecord(opts.oslevel, new Date(bootMs - 86_400_000).toISOString());
  if (opts.mirror) mirrorRootvg(state, rootvg, 'hdisk1', bootMs);

  const dataDisk = spares.find((s) => s.datavg);
  if (dataDisk) {
    const disk = findDisk(state, dataDisk.name) as Disk;
    const datavg = newVg(state, 'datavg', [disk.name], choosePpSize(disk.sizeMb, 32), ids, bootMs - 200 * 86_400_000);
    addLv(state, datavg, { name: 'loglv00', type: 'jfs2log', lps: 1, intra: 'middle' }, true);
    addLv(
      state,
      datavg,
      { name: 'fslv00', type: 'jfs2', lps: 64, intra: 'middle', mountPoint: '/data' },
      true,
      '/dev/loglv00',
    );
  }

  if (opts.concurrentVg) {
    const name = `hdisk${opts.disks + 1}`;
    state.disks.push({ name, pvid: newPvid(ids), sizeMb: 10240, paths: 1, bootCapable: true });
    const concvg = newVg(state, 'concvg', [name], choosePpSize(10240, 32), ids, bootMs - 100 * 86_400_000);
    concvg.concurrent = true;
    concvg.autoOn = false;
    addLv(state, concvg, { name: 'conclv00', type: 'raw', lps: 8, intra: 'middle' }, true);
  }

  let extraDisk = state.disks.length;
  for (const vgName of opts.vgNames) {
    const name = `hdisk${extraDisk++}`;
    state.disks.push({ name, pvid: newPvid(ids), sizeMb: 10240, paths: 1, bootCapable: true });
    const vg = newVg(state, vgName, [name], choosePpSize(10240, 32), ids, bootMs - 50 * 86_400_000);
    addLv(
      state,
      vg,
      { name: `${vgName.slice(0, 11)}lv`, type: 'jfs2', lps: 16, intra: 'middle', mountPoint: `/${vgName}` },
      true,
      'INLINE',
    );
  }

  if (opts.altinst !== null) addAltinst(state, opts.altinst, ids, bootMs);
  return state;
}

export function newVg(
  state: HostState,
  name: string,
  diskNames: string[],
  ppSizeMb: number,
  ids: HostIds,
  createdMs: number,
): VolumeGroup {
  const first = findDisk(state, diskNames[0] as string);
  if (!first?.pvid) throw new InitError(`cannot make ${name} on ${diskNames[0]}: the disk has no PVID`);
  const vg: VolumeGroup = {
    name,
    vgid: newVgid(first.pvid, createdMs, ids),
    ppSizeMb,
    disks: diskNames,
    state: 'active',
    concurrent: false,
    autoOn: true,
    maxLvs: 256,
    maxPpsPerVg: 32512,
    maxPpsPerPv: 1016,
    maxPvs: 32,
    ltgKb: 512,
    varyonSeq: state.nextVaryonSeq++,
    lvs: [],
    nextLvMinor: 1,
  };
  state.vgs.push(vg);
  return vg;
}

export function addLv(
  state: HostState,
  vg: VolumeGroup,
  t: LvTemplate,
  mounted: boolean,
  log = '/dev/hd8',
): LogicalVolume {
  if (state.vgs.some((v) => v.lvs.some((l) => l.name === t.name && l.odm))) {
    throw new InitError(`an LV named ${t.name} already exists`);
  }
  const fs: FileSystem | null =
    t.mountPoint === undefined
      ? null
      : { mountPoint: t.mountPoint, vfs: t.type === 'jfs' ? 'jfs' : 'jfs2', mounted, log, auto: vg.name === 'rootvg' };
  if (fs && t.baseKb !== undefined) fs.base = { bytes: t.baseKb * 1024, files: t.baseFiles ?? 0 };
  const lv: LogicalVolume = {
    name: t.name,
    minor: vg.nextLvMinor++,
    type: t.type,
    lps: t.lps,
    copies: 1,
    interPolicy: 'minimum',
    intraPolicy: t.intra,
    maxLps: Math.max(512, t.lps),
    label: t.label ?? t.mountPoint ?? null,
    odm: true,
    fs,
    placement: [],
  };
  vg.lvs.push(lv);
  const disks = vg.disks.map((d) => findDisk(state, d) as Disk);
  allocate(vg, lv, disks, t.lps);
  return lv;
}

/**
 * What `extendvg rootvg DISK; mirrorvg rootvg DISK`, then bosboot and bootlist for both disks
 * (as mirrorvg's 0516-1126 tells the user to do), leave: a second copy of every LV on DISK
 * but the dump device, which is not mirrored (lsvg-l.rootvg-mirrored.01.txt: lv_dump 16/16).
 */
function mirrorRootvg(state: HostState, rootvg: VolumeGroup, diskName: string, bootMs: number): void {
  const disk = findDisk(state, diskName);
  if (!disk?.pvid) throw new InitError(`--mirror: ${diskName} must exist and have a PVID`);
  if (vgOfDisk(state, diskName)) throw new InitError(`--mirror: ${diskName} already belongs to a volume group`);
  rootvg.disks.push(diskName);
  for (const lv of rootvg.lvs) {
    if (lv.type === 'sysdump') continue;
    lv.copies = 2;
    allocate(rootvg, lv, [disk], lv.lps);
  }
  state.bootlist.normal = [
    { device: 'hdisk0', blv: 'hd5' },
    { device: diskName, blv: 'hd5' },
  ];
  state.bootImages[diskName] = bootImageRecord(state.os.serviceLevel, new Date(bootMs - 86_400_000).toISOString());
}

/**
 * What a finished alt_disk_copy leaves: altinst_rootvg varied off on the target, its LVs
 * renamed back to the rootvg names in the VGDA and removed from the ODM, file systems
 * unmounted, and the normal bootlist pointing at the target.
 */
function addAltinst(state: HostState, diskName: string, ids: HostIds, bootMs: number): void {
  const disk = findDisk(state, diskName);
  if (!disk)
    throw new InitError(
      `--altinst ${diskName}: no such disk; the spare disks are hdisk1..hdisk${state.disks.length - 1}`,
    );
  if (vgOfDisk(state, diskName))
    throw new InitError(`--altinst ${diskName}: the disk already belongs to a volume group`);
  if (!disk.pvid) throw new InitError(`--altinst ${diskName}: the disk has no PVID`);
  const source = state.vgs.find((v) => v.name === 'rootvg') as VolumeGroup;
  const used = source.lvs.reduce((n, l) => n + l.lps, 0);
  if (Math.floor(disk.sizeMb / source.ppSizeMb) - 1 < used) {
    throw new InitError(`--altinst ${diskName}: ${disk.sizeMb} MB cannot hold rootvg's ${used * source.ppSizeMb} MB`);
  }
  const vg = newVg(state, 'altinst_rootvg', [diskName], source.ppSizeMb, ids, bootMs - 3_600_000);
  vg.state = 'varied-off';
  vg.autoOn = false;
  // The clone's ODM: rootvg becomes old_rootvg when the clone boots, other VGs keep their names.
  const odmNames: Record<string, string> = {};
  for (const other of state.vgs) if (other !== vg) odmNames[other.vgid] = other === source ? 'old_rootvg' : other.name;
  vg.system = {
    serviceLevel: state.os.serviceLevel,
    vrmf: state.os.vrmf,
    filesets: state.filesets.map((f) => ({ ...f, parts: [...f.parts] })),
    fixes: [...(state.fixes ?? [])],
    tcb: state.tcb ?? false,
    odmNames,
  };
  for (const src of source.lvs) {
    const lv: LogicalVolume = {
      ...src,
      minor: vg.nextLvMinor++,
      odm: false,
      // Only mounted file systems are copied (alt_disk_copy note 7): the others stay empty.
      fs: src.fs ? { ...src.fs, mounted: false, base: src.fs.mounted ? src.fs.base : undefined } : null,
      placement: [],
    };
    vg.lvs.push(lv);
    allocate(vg, lv, [disk], src.lps);
  }
  state.bootlist.normal = [{ device: diskName, blv: 'hd5' }];
  state.bootImages[diskName] = bootImageRecord(state.os.serviceLevel, new Date(bootMs - 1_800_000).toISOString());
}

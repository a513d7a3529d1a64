import type { CloneSpec__Output } from '../../../shared/generated/altdisk/v1/CloneSpec';
import type { Finding__Output } from '../../../shared/generated/altdisk/v1/Finding';
import type { LsvgLv } from '../../../agent/aix/parsers/lsvg';
import type { HostFacts, TargetDiskFacts } from '../../../agent/clone/host-facts';
import { normalizeSpec, type NormalizedSpec } from '../../../agent/clone/spec';

/** A CloneSpec as proto-loader delivers it (defaults: true), with the given fields set. */
export function wireSpec(fields: Partial<CloneSpec__Output> = {}): CloneSpec__Output {
  return {
    targetDisks: ['hdisk1'],
    imageData: null,
    customizationScript: null,
    bundle: null,
    installpFlags: '',
    imagesLocation: '',
    fixBundle: null,
    fixes: [],
    excludeList: null,
    excludePatterns: [],
    filesets: [],
    remainNimClient: false,
    phases: 'PHASES_UNSPECIFIED',
    console: '',
    firstBootScript: null,
    resolvConf: null,
    debug: false,
    noBootlist: false,
    deviceReset: false,
    verbose: false,
    skipBootabilityCheck: false,
    reboot: false,
    copyWparFilesystems: false,
    convertJfsToJfs2: false,
    skipSpaceCheck: false,
    backupErrorPolicy: 'BACKUP_ERROR_POLICY_UNSPECIFIED',
    ...fields,
  };
}

/** A normalized spec: the defaults of an empty request, clone to hdisk1, with the given fields changed. */
export function spec(fields: Partial<NormalizedSpec> = {}): NormalizedSpec {
  return { ...normalizeSpec(wireSpec()), ...fields };
}

function lv(name: string, type: string, lps: number, mountPoint: string | null, open = true): LsvgLv {
  return { name, type, lps, pps: lps, pvs: 1, state: open ? 'open/syncd' : 'closed/syncd', open, mountPoint };
}

/** rootvg as aixsim's default host has it (lsvg-l.rootvg.01.txt's LVs, 162 PPs of 32 MB used). */
export const ROOTVG_LVS: LsvgLv[] = [
  lv('hd5', 'boot', 1, null, false),
  lv('hd6', 'paging', 16, null),
  lv('hd8', 'jfs2log', 1, null),
  lv('hd4', 'jfs2', 3, '/'),
  lv('hd2', 'jfs2', 69, '/usr'),
  lv('hd9var', 'jfs2', 6, '/var'),
  lv('hd3', 'jfs2', 7, '/tmp'),
  lv('hd1', 'jfs2', 1, '/home'),
  lv('hd10opt', 'jfs2', 14, '/opt'),
  lv('hd11admin', 'jfs2', 4, '/admin'),
  lv('lg_dumplv', 'sysdump', 32, null),
  lv('livedump', 'jfs2', 8, '/var/adm/ras/livedump'),
];
export { lv };

export interface Disk {
  vg: string;
  sizeMb: number | null;
  bootable: boolean | null;
}

/** The default aixsim host's disks. */
export const DISKS: Record<string, Disk> = {
  hdisk0: { vg: 'rootvg', sizeMb: 20480, bootable: true },
  hdisk1: { vg: 'None', sizeMb: 20480, bootable: true },
  hdisk2: { vg: 'datavg', sizeMb: 30720, bootable: true },
  hdisk3: { vg: 'None', sizeMb: 10240, bootable: true },
  hdisk4: { vg: 'None', sizeMb: 51200, bootable: true },
  hdisk5: { vg: 'None', sizeMb: 4096, bootable: true },
};

/**
 * Host facts of a clean host (nothing any check objects to) for the given spec's
 * targets; `change` edits them. Disks come from `disks` (DISKS by default).
 */
export function hostFacts(
  forSpec: NormalizedSpec,
  change: (facts: HostFacts) => void = () => {},
  disks: Record<string, Disk> = DISKS,
): HostFacts {
  const facts: HostFacts = {
    bootDisk: 'hdisk0',
    pvs: Object.entries(disks).map(([name, d]) => ({
      name,
      pvid: '00aa5f23bedaeb1a',
      vg: d.vg,
      state: d.vg === 'None' ? '' : 'active',
      extra: [],
    })),
    targets: [],
    volumeGroups: ['rootvg', 'datavg'],
    variedOn: ['rootvg', 'datavg'],
    rootvg: { ppSizeMb: 32, usedPps: 162, usedMb: 5184, totalMb: 20448 },
    logicalVolumes: {
      rootvg: ROOTVG_LVS.map((l) => ({ ...l })),
      datavg: [lv('loglv00', 'jfs2log', 1, null), lv('fslv00', 'jfs2', 64, '/data')],
    },
    filesystems: [
      { filesystem: '/dev/hd4', blocks: 98304, free: 40000, usedPercent: 60, mountedOn: '/' },
      { filesystem: '/proc', blocks: null, free: null, usedPercent: null, mountedOn: '/proc' },
    ],
    ipldevice: { ok: true, exitCode: 0, said: '' },
    altDiskFileset: { level: '7.2.5.201', state: 'C' },
    osLevel: { raw: '7200-05-03-2148', version: '7200', technologyLevel: 5, servicePack: 3, buildWeek: '2148' },
    tcb: { state: 'disabled', value: 'tcb_disabled', error: null },
    hostFiles: {},
  };
  facts.targets = forSpec.targetDisks.map((name): TargetDiskFacts => {
    const d = disks[name];
    return d
      ? { name, known: true, vg: d.vg, sizeMb: d.sizeMb, bootable: d.bootable, claim: null, headerWarnings: [] }
      : { name, known: false, vg: '', sizeMb: null, bootable: null, claim: null, headerWarnings: [] };
  });
  change(facts);
  return facts;
}

export function codes(findings: readonly Finding__Output[]): string[] {
  return findings.map((f) => f.code);
}

export function only(findings: readonly Finding__Output[], code: string): Finding__Output[] {
  return findings.filter((f) => f.code === code);
}

export function errors(findings: readonly Finding__Output[]): string[] {
  return findings.filter((f) => f.severity === 'SEVERITY_ERROR').map((f) => f.code);
}

import type { DiskClaim__Output } from '../../shared/generated/altdisk/v1/DiskClaim';
import type { LspvEntry } from '../aix/parsers/lspv';
import { isNativeDisk, type DeviceSurvey } from './device-survey';
import { NO_VG } from './vg-role';

/** The CAA repository's volume group (PowerHA 7): one disk shared by every node of the cluster. */
const CAA_REPOSITORY_VG = 'caavg_private';

/**
 * What owns a disk besides this host's LVM, from lspv, lsvg and the device survey. Pure: the same facts always give
 * the same claim. Rules, first match wins:
 * 1. its VG is varied on in concurrent mode, or is the CAA repository: a cluster's;
 * 2. GPFS names it: mmlsnsd lists it as an NSD's device, or lspv names something in the VG column that no volume
 *    group lsvg knows is (lspv shows GPFS NSDs there);
 * 3. powermt or the ODM lists it as a path of a pseudo-device;
 * 4. lspv, or (where a pseudo-device exists) its header, shows the PVID lspv shows for another device: a path to
 *    that device's LUN;
 * 5. a multipath driver's paths could not be listed and it is a free native disk that AIX's MPIO does not manage:
 *    it may be one of them, so it is claimed rather than offered (a clone would overwrite the LUN).
 */
export function claimOf(
  pv: LspvEntry,
  pvs: readonly LspvEntry[],
  lvmVgs: readonly string[] | null,
  survey: DeviceSurvey,
): DiskClaim__Output | null {
  return clusterClaim(pv) ?? gpfsClaim(pv, lvmVgs, survey) ?? pathClaim(pv, pvs, survey) ?? unmappedClaim(pv, survey);
}

function clusterClaim(pv: LspvEntry): DiskClaim__Output | null {
  if (pv.state === 'concurrent') {
    return {
      kind: 'DISK_CLAIM_KIND_CLUSTER_VG',
      owner: pv.vg,
      evidence: `lspv shows ${pv.vg} varied on in concurrent mode: a volume group of a cluster (PowerHA), written by other nodes too`,
      remedy: `change ${pv.vg} only with the cluster's tools (PowerHA C-SPOC: smitty cl_admin, or clmgr), never with reducevg or exportvg on one node; clone onto a disk in no volume group`,
    };
  }
  if (pv.vg === CAA_REPOSITORY_VG) {
    return {
      kind: 'DISK_CLAIM_KIND_CLUSTER_VG',
      owner: pv.vg,
      evidence: `lspv shows ${pv.vg}: the CAA repository disk of a PowerHA cluster, shared by its nodes`,
      remedy:
        "replace the repository only with the cluster's tools (clmgr, or C-SPOC); clone onto a disk in no volume group",
    };
  }
  return null;
}

function gpfsClaim(pv: LspvEntry, lvmVgs: readonly string[] | null, survey: DeviceSurvey): DiskClaim__Output | null {
  const listed = survey.nsds?.find((n) => n.device === `/dev/${pv.name}` || n.device === pv.name);
  // lvmVgs null: lsvg could not be read, so a name in lspv's VG column cannot be told from a volume group.
  const foreignVg = lvmVgs !== null && pv.vg !== NO_VG && pv.state !== 'locked' && !lvmVgs.includes(pv.vg);
  if (!listed && !foreignVg) return null;
  const nsd = listed?.nsd ?? pv.vg;
  const evidence = listed
    ? `mmlsnsd -X lists GPFS NSD ${listed.nsd} on /dev/${pv.name}`
    : `lspv names ${pv.vg}, which is no volume group lsvg knows: lspv shows a GPFS NSD's name there${survey.nsdError ? ` (mmlsnsd -X could not confirm it: ${survey.nsdError})` : ''}`;
  return {
    kind: 'DISK_CLAIM_KIND_GPFS_NSD',
    owner: nsd,
    evidence,
    remedy: `free it in GPFS first: take the NSD out of its file system (mmdeldisk), then delete it (mmdelnsd ${nsd}); reducevg and exportvg do not apply, it is in no volume group`,
  };
}

function pathClaim(pv: LspvEntry, pvs: readonly LspvEntry[], survey: DeviceSurvey): DiskClaim__Output | null {
  const listed = survey.pathOwners.get(pv.name);
  if (listed) return multipath(pv, listed.pseudo, listed.evidence, pvs);
  // Headers tell paths apart only where a pseudo-device exists: then every unaccounted free disk's header is read,
  // for disks and targets alike. Elsewhere a stray PVID on disk is a header warning, not a claim.
  const onDisk = survey.families.length > 0 ? (survey.headers.get(pv.name)?.header?.pvid ?? null) : null;
  const twin = pvs.find((o) => o.name !== pv.name && o.pvid !== null && (o.pvid === onDisk || o.pvid === pv.pvid));
  if (!twin) return null;
  const shown =
    onDisk === twin.pvid
      ? `the header of ${pv.name} holds PVID ${twin.pvid} (lquerypv)`
      : `lspv shows PVID ${twin.pvid} for ${pv.name}`;
  return multipath(pv, twin.name, `${shown}, the PVID of ${twin.name}: both reach one LUN`, pvs);
}

function multipath(pv: LspvEntry, pseudo: string, evidence: string, pvs: readonly LspvEntry[]): DiskClaim__Output {
  const vg = pvs.find((o) => o.name === pseudo)?.vg;
  const holds = vg !== undefined && vg !== NO_VG ? `, which holds ${vg}` : '';
  return {
    kind: 'DISK_CLAIM_KIND_MULTIPATH_PATH',
    owner: pseudo,
    evidence,
    remedy: `${pv.name} is a way to the LUN of ${pseudo}${holds}: writing to it overwrites that LUN. Clone onto a disk no other device reaches (see \`altctl targets HOST\`)`,
  };
}

function unmappedClaim(pv: LspvEntry, survey: DeviceSurvey): DiskClaim__Output | null {
  if (survey.unmapped.length === 0 || pv.vg !== NO_VG || !isNativeDisk(pv.name) || isMpio(pv.name, survey)) return null;
  const pseudos = survey.unmapped.flatMap((u) => u.family.pseudos);
  const why = survey.unmapped
    .map((u) => `${u.family.software} (${u.family.pseudos.join(', ')}): ${u.problem}`)
    .join('; ');
  return {
    kind: 'DISK_CLAIM_KIND_MULTIPATH_PATH',
    owner: pseudos.join(' '),
    evidence: `the paths of ${why}; ${pv.name} is no MPIO disk of AIX's, so it may be one of them`,
    remedy: `make the multipath software list its paths (e.g. powermt display dev=all), or clone onto an MPIO disk (lspath lists its paths)`,
  };
}

/** AIX's MPIO manages it: lspath lists its paths, or (lspath unread) lsdev calls it an MPIO disk. */
function isMpio(name: string, survey: DeviceSurvey): boolean {
  if (survey.mpio?.has(name)) return true;
  return (
    survey.mpio === null && (survey.devices?.some((d) => d.name === name && /^MPIO\b/.test(d.description)) ?? false)
  );
}

export interface HeaderWarning {
  code: 'target-holds-vgda' | 'target-header-pvid' | 'target-header-unreadable';
  message: string;
  remedy: string;
}

/**
 * What to check before cloning onto a free disk, from its header: a VGDA no volume group of this host claims, a
 * PVID the ODM does not know for it, or a header that could not be read. Not errors: a LUN reused on purpose looks
 * the same, and the admin is the one to know.
 */
export function headerWarnings(pv: LspvEntry, survey: DeviceSurvey): HeaderWarning[] {
  const read = survey.headers.get(pv.name);
  if (read === undefined) return [];
  if (read.header === null) {
    return [
      {
        code: 'target-header-unreadable',
        message: `the header of ${pv.name} could not be read (${read.error}), so whether it holds another host's data is not known`,
        remedy: `check the disk on the host (lsdev -l ${pv.name}, lquerypv -h /dev/${pv.name})`,
      },
    ];
  }
  const warnings: HeaderWarning[] = [];
  if (read.header.vgid !== null) {
    warnings.push({
      code: 'target-holds-vgda',
      message: `the header of ${pv.name} holds a volume group descriptor area (VG id ${read.header.vgid}, lquerypv) that no volume group of this host claims: it may be another host's volume group, or one exported here`,
      remedy: `look with lqueryvg -Atp /dev/${pv.name} before cloning over it; if nothing needs it, name it anyway or clear it (chpv -C ${pv.name})`,
    });
  }
  if (read.header.pvid !== null && read.header.pvid !== pv.pvid) {
    warnings.push({
      code: 'target-header-pvid',
      message: `the header of ${pv.name} holds PVID ${read.header.pvid} (lquerypv) while lspv shows ${pv.pvid ?? 'none'}: another host or device may have written it`,
      remedy: 'check that no other host uses the LUN before cloning over it',
    });
  }
  return warnings;
}

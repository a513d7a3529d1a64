import type { DiskClaim__Output } from '../../shared/generated/altdisk/v1/DiskClaim';
import type { Finding__Output } from '../../shared/generated/altdisk/v1/Finding';
import { ALTINST_ROOTVG, NO_VG, OLD_ROOTVG, ROOTVG } from '../inventory/vg-role';
import { ERROR, finding, flag, INFO, listOf, note, WARNING } from './findings';
import type { HostFacts } from './host-facts';
import { parseImageData, type ImageData } from '../aix/parsers/image-data';
import { cloneSpace, type CloneSpace } from '../inventory/clone-space';
import { includesPhase, type NormalizedSpec } from './spec';

/** What the clone needs (clone-space.ts, the computation `targets` uses too) and what the targets offer, in MB. */
export interface SpaceFacts extends CloneSpace {
  /** The target disks together (bootinfo -s), counting only the disks whose size is known. */
  targetMb: number;
  /** Whether every target's size is known. */
  complete: boolean;
  /** An image.data was given (-i) but could not be read here, so one copy is assumed. */
  imageDataUnread: boolean;
}

export function spaceFacts(spec: NormalizedSpec, facts: HostFacts): SpaceFacts {
  const imageData = imageDataOf(spec, facts);
  const space = cloneSpace(facts.rootvg, facts.logicalVolumes[ROOTVG] ?? [], imageData);
  const sizes = spec.targetDisks.map((name) => facts.targets.find((t) => t.name === name)?.sizeMb ?? null);
  return {
    ...space,
    targetMb: sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0),
    complete: sizes.every((size) => size !== null),
    imageDataUnread: spec.imageData !== undefined && space.basis !== 'image-data',
  };
}

/** The image.data given with -i: sent with the request, or read on the host for callers who may have host files examined. */
function imageDataOf(spec: NormalizedSpec, facts: HostFacts): ImageData | null | undefined {
  if (spec.imageData === undefined) return undefined;
  const content =
    spec.imageData.kind === 'content' ? spec.imageData.content : (facts.hostFiles?.imageData?.content ?? null);
  return content === null ? null : parseImageData(content.toString('utf8'));
}

/** The target disks themselves (-d), and the altinst_rootvg the phases need or forbid. */
export function targetFindings(spec: NormalizedSpec, facts: HostFacts): Finding__Output[] {
  return [...eachTarget(spec, facts), ...altinstRootvg(spec, facts), ...spaceFindings(spec, facts)];
}

function eachTarget(spec: NormalizedSpec, facts: HostFacts): Finding__Output[] {
  const found: Finding__Output[] = [];
  spec.targetDisks.forEach((name, i) => {
    const field = `spec.target_disks[${i}]`;
    const target = facts.targets.find((t) => t.name === name);
    if (!target || !target.known) {
      found.push(
        finding({
          code: 'target-not-found',
          severity: ERROR,
          message: `${name} is not a disk of this host: lspv does not list it`,
          remedy: 'name a disk that `altctl targets HOST` lists as eligible (run cfgmgr first if it was just attached)',
          source: flag('-d'),
          field,
        }),
      );
      return;
    }
    if (includesPhase(spec, 1)) {
      if (name === facts.bootDisk) {
        found.push(
          finding({
            code: 'target-is-boot-disk',
            severity: ERROR,
            message: `${name} is the disk the running system booted from (bootinfo -b); cloning onto it would overwrite rootvg`,
            remedy: 'name a disk in volume group None (see `altctl targets HOST`)',
            source: flag('-d'),
            field,
          }),
        );
      } else if (target.claim) {
        found.push(claimFinding(name, target.claim));
      } else if (target.vg === ROOTVG) {
        found.push(
          finding({
            code: 'target-in-rootvg',
            severity: ERROR,
            message: `${name} belongs to rootvg, the volume group being cloned (lspv); the manual wants target disks that lspv shows in volume group None`,
            remedy: `name another disk; if ${name} is a rootvg mirror you mean to reuse, unmirror and reduce rootvg first (unmirrorvg, reducevg, then bosboot and bootlist for the remaining disk)`,
            source: flag('-d'),
            field,
          }),
        );
      } else if (target.vg !== NO_VG) {
        const alternate = target.vg === ALTINST_ROOTVG || target.vg === OLD_ROOTVG;
        found.push(
          finding({
            code: 'target-in-vg',
            severity: ERROR,
            message: `${name} belongs to volume group ${target.vg} (lspv); the manual says target disks "must not currently contain any volume group definition"`,
            remedy: alternate
              ? `remove ${target.vg} first: altctl cleanup HOST ${target.vg}`
              : `name a disk in volume group None, or free ${name} from ${target.vg} (reducevg or exportvg) if its data is no longer needed`,
            source: flag('-d'),
            field,
          }),
        );
      }
    }
    if (includesPhase(spec, 1) && !target.claim) {
      // What the header holds: warnings, never errors (a LUN reused on purpose looks the same); a claim says more.
      for (const w of target.headerWarnings)
        found.push(
          finding({ code: w.code, severity: WARNING, message: w.message, remedy: w.remedy, source: flag('-d') }),
        );
    }
    if (target.bootable === false) {
      found.push(
        finding({
          code: 'target-not-bootable',
          severity: spec.skipBootabilityCheck ? WARNING : ERROR,
          message: spec.skipBootabilityCheck
            ? `the firmware cannot boot from ${name} (bootinfo -B prints 0); skip_bootability_check (-g) lets the clone go ahead anyway`
            : `the firmware cannot boot from ${name} (bootinfo -B prints 0), so a clone on it could not be booted`,
          remedy: spec.skipBootabilityCheck
            ? 'make sure the clone is meant for a system that can boot this disk'
            : 'name a bootable disk, or set skip_bootability_check (-g) if you know the disk will boot where it is used',
          source: flag('-g'),
          field,
        }),
      );
    }
    if (target.sizeMb === null || (target.bootable === null && !spec.skipBootabilityCheck)) {
      const unread = [
        target.sizeMb === null ? 'size (bootinfo -s)' : '',
        target.bootable === null ? 'bootability (bootinfo -B)' : '',
      ].filter((s) => s !== '');
      found.push(
        finding({
          code: 'target-unreadable',
          severity: WARNING,
          message: `the ${listOf(unread)} of ${name} could not be read, so it is not checked`,
          remedy: `check the disk on the host (lsdev -l ${name}, bootinfo -s ${name})`,
          source: flag('-d'),
          field,
        }),
      );
    }
  });
  return found;
}

const CLAIM_CODES: Record<string, string> = {
  DISK_CLAIM_KIND_MULTIPATH_PATH: 'target-is-multipath-path',
  DISK_CLAIM_KIND_GPFS_NSD: 'target-is-gpfs-nsd',
  DISK_CLAIM_KIND_CLUSTER_VG: 'target-in-cluster-vg',
};

/**
 * A target something else owns: an error naming the owner and its own tool. It carries no field: the request named
 * a disk that exists and looks free to lspv; the host's state is at fault, so the refusal is FAILED_PRECONDITION.
 */
function claimFinding(name: string, claim: DiskClaim__Output): Finding__Output {
  const what =
    claim.kind === 'DISK_CLAIM_KIND_MULTIPATH_PATH'
      ? `a path of the multipath pseudo-device ${claim.owner}`
      : claim.kind === 'DISK_CLAIM_KIND_GPFS_NSD'
        ? `the GPFS NSD ${claim.owner}`
        : `in the cluster volume group ${claim.owner}`;
  return finding({
    code: CLAIM_CODES[claim.kind] ?? 'target-claimed',
    severity: ERROR,
    message: `${name} is ${what} (${claim.evidence}); a clone would overwrite it`,
    remedy: claim.remedy,
    source: flag('-d'),
  });
}

function altinstRootvg(spec: NormalizedSpec, facts: HostFacts): Finding__Output[] {
  const disks = facts.pvs.filter((pv) => pv.vg === ALTINST_ROOTVG).map((pv) => pv.name);
  const exists = disks.length > 0 || facts.volumeGroups.includes(ALTINST_ROOTVG);
  const where = disks.length > 0 ? ` on ${listOf(disks)}` : '';
  if (includesPhase(spec, 1)) {
    if (!exists) return [];
    return [
      finding({
        code: 'altinst-rootvg-exists',
        severity: ERROR,
        message: `altinst_rootvg already exists${where}; phase 1 creates a volume group of that name, and alternate disk operations may remove or damage an existing one`,
        remedy:
          'remove it first with `altctl cleanup HOST altinst_rootvg` (alt_rootvg_op -X altinst_rootvg); if it is a clone you still need, keep it and do not clone again',
        source: note(1),
      }),
    ];
  }
  const phases = `phases ${spec.phases.split('').join(' and ')}`;
  if (!exists) {
    return [
      finding({
        code: 'altinst-rootvg-missing',
        severity: ERROR,
        message: `${phases} continue a clone that phase 1 made, but there is no altinst_rootvg on this host`,
        remedy: 'run phase 1 first (phases PHASES_1 or PHASES_12), or run all phases',
        source: flag('-P'),
        field: 'spec.phases',
      }),
    ];
  }
  const wanted = [...spec.targetDisks].sort();
  const actual = [...disks].sort();
  if (wanted.join(' ') !== actual.join(' ')) {
    return [
      finding({
        code: 'altinst-rootvg-disks-differ',
        severity: ERROR,
        message: `altinst_rootvg is${where}, but the request names ${listOf(spec.targetDisks)}; ${phases} must run on exactly the disks phase 1 used`,
        remedy: `name ${listOf(disks)} as the target disks`,
        source: flag('-d', '-P'),
        field: 'spec.target_disks',
      }),
    ];
  }
  if (!facts.variedOn.includes(ALTINST_ROOTVG)) {
    return [
      finding({
        code: 'altinst-rootvg-not-varied-on',
        severity: ERROR,
        message: `altinst_rootvg${where} is varied off: that is a finished clone (phase 3 varies it off) or one put to sleep, while ${phases} continue a clone that phase 1 left varied on with its file systems under /alt_inst`,
        remedy:
          'to redo the clone, remove it (`altctl cleanup HOST altinst_rootvg`) and run all phases; to change a finished clone, wake it with alt_rootvg_op -W instead',
        source: flag('-P'),
        field: 'spec.phases',
      }),
    ];
  }
  return [];
}

function spaceFindings(spec: NormalizedSpec, facts: HostFacts): Finding__Output[] {
  if (!includesPhase(spec, 1)) return [];
  const found = spaceBasis(spec, facts);
  const { requiredMb, targetMb, complete } = spaceFacts(spec, facts);
  if (!complete || facts.targets.some((t) => !t.known)) return found;
  const disks = listOf(spec.targetDisks);
  const hold = `${disks} ${spec.targetDisks.length > 1 ? 'hold' : 'holds'} ${targetMb} MB${spec.targetDisks.length > 1 ? ' together' : ''}`;
  if (targetMb < requiredMb) {
    return [
      finding({
        code: 'target-too-small',
        severity: spec.skipSpaceCheck ? WARNING : ERROR,
        message: `${hold} and the clone needs ${requiredMb} MB${spec.skipSpaceCheck ? "; skip_space_check (-S) turns off alt_disk_copy's own check, so the copy would fail when the disks fill up" : ''}`,
        remedy: 'name a larger disk, or several: -d takes a list, such as hdisk1 hdisk2',
        source: flag('-d', '-S'),
        field: 'spec.target_disks',
      }),
      ...found,
    ];
  }
  // LVM keeps part of every disk for its own metadata (a 20480 MB disk gives 639 PPs of 32 MB: 20448 MB).
  const margin = facts.rootvg.ppSizeMb * spec.targetDisks.length;
  if (targetMb - requiredMb < margin) {
    return [
      finding({
        code: 'target-space-tight',
        severity: WARNING,
        message: `${hold}, only ${targetMb - requiredMb} MB more than the ${requiredMb} MB the clone needs; LVM keeps about one ${facts.rootvg.ppSizeMb} MB partition of each disk for itself`,
        remedy: 'name a slightly larger disk, or add one',
        source: flag('-d'),
        field: 'spec.target_disks',
      }),
      ...found,
    ];
  }
  return found;
}

/**
 * What the space check counted, said whenever it is not plain: rootvg is mirrored (the
 * clone still holds one copy), or an image.data given with -i decides.
 */
function spaceBasis(spec: NormalizedSpec, facts: HostFacts): Finding__Output[] {
  const s = spaceFacts(spec, facts);
  const mirrored =
    s.rootvgCopies > 1 ? `rootvg is mirrored (${s.rootvgCopies} copies: ${s.rootvgUsedMb} MB in use, lsvg rootvg)` : '';
  if (s.basis === 'image-data') {
    return [
      finding({
        code: 'clone-space-basis',
        severity: INFO,
        message: `${mirrored ? `${mirrored}; ` : ''}the clone is built from the image.data given (-i), whose logical volumes need ${s.requiredMb} MB with up to ${s.cloneCopies} ${s.cloneCopies > 1 ? 'copies' : 'copy'} each (LPs x COPIES of its lv_data stanzas)`,
        remedy:
          s.cloneCopies > 1
            ? `name at least ${s.cloneCopies} target disks: LVM puts each copy on its own disk`
            : 'nothing to do; set COPIES in the image.data to keep mirrors',
        source: flag('-i'),
        field: 'spec.image_data',
      }),
    ];
  }
  if (!mirrored && !s.imageDataUnread) return [];
  const unread = s.imageDataUnread
    ? 'the image.data given (-i) decides how many copies the clone holds, but it was not read here (send its content, or a caller with permission execute can have the host file read), so '
    : '';
  return [
    finding({
      code: 'clone-space-basis',
      severity: INFO,
      message: `${mirrored ? `${mirrored}; ` : ''}${unread}the clone is taken to hold one copy of each logical volume, as alt_disk_copy makes it unless an image.data (-i) says otherwise: it needs ${s.requiredMb} MB`,
      remedy: mirrored
        ? 'after booting the clone, mirror it again (extendvg rootvg hdiskN; mirrorvg rootvg hdiskN; bosboot and bootlist for both disks), or give an image.data (-i) with COPIES 2 and two target disks'
        : 'check COPIES in the image.data',
      source: flag('-i'),
      ...(s.imageDataUnread ? { field: 'spec.image_data' } : {}),
    }),
  ];
}

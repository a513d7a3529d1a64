import type { BootEnvironment__Output } from '../../shared/generated/altdisk/v1/BootEnvironment';
import type { LspvEntry } from '../aix/parsers/lspv';
import { ALTINST_ROOTVG, OLD_ROOTVG, ROOTVG, vgRole } from './vg-role';

export interface BootFacts {
  pvs: readonly LspvEntry[];
  /** bootinfo -b; '' when it names no disk (after some migrations). */
  bootDisk: string;
  /** The disk that boots next (next-boot.ts), or '' when no disk of the normal boot list can. */
  nextBootDisk: string;
  /** oslevel -s of the running system. */
  runningLevel: string;
  /** Disks that carry a boot record (ipl_varyon -i). */
  diskWithBootRecord: ReadonlySet<string>;
}

/**
 * The root volume groups as boot environments, like beadm's list: rootvg, then
 * altinst_rootvg, then old_rootvg, each with its disks and whether it runs now or
 * boots next. Only the running rootvg's level is known without waking the others.
 */
export function describeBootEnvironments(facts: BootFacts): BootEnvironment__Output[] {
  const environments: BootEnvironment__Output[] = [];
  for (const name of [ROOTVG, ALTINST_ROOTVG, OLD_ROOTVG]) {
    const disks = facts.pvs.filter((pv) => pv.vg === name).map((pv) => pv.name);
    if (disks.length === 0) continue;
    environments.push({
      name,
      role: vgRole(name),
      disks,
      // rootvg is the running system's volume group by definition: bootinfo -b is not
      // needed to say so, and prints nothing on some hosts after a migration.
      booted: name === ROOTVG,
      nextBoot: facts.nextBootDisk !== '' && disks.includes(facts.nextBootDisk),
      oslevel: name === ROOTVG ? facts.runningLevel : '',
      bootable: disks.some((d) => facts.diskWithBootRecord.has(d)),
      hooks: '',
    });
  }
  return environments;
}

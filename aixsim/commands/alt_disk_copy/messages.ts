/**
 * Every line alt_disk_copy prints. test/fixtures/aix/alt_disk_copy.messages.md says, line by
 * line, which are real (seen in test/fixtures/aix/alt_disk_mksysb.run.01.txt, which shares
 * phase 1 and phase 3 with alt_disk_copy, or in lsnim-Z.alt_disk_install.01.txt) and which
 * are inferred; keep the two in step. Progress lines go to stdout, errors to stderr.
 */
const CMD = 'alt_disk_copy';

export const progress = {
  // real (SOURCES.md note on alt_disk_mksysb.run.01.txt)
  mkszfile: 'Calling mkszfile to create new /image.data file.',
  // real (alt_disk_mksysb.run.01.txt)
  checkingSizes: 'Checking disk sizes.',
  creatingVg: 'Creating cloned rootvg volume group and associated logical volumes.',
  creatingLv: (lv: string) => `Creating logical volume ${lv}.`,
  creatingFs: (altMountPoint: string) =>
    `Creating ${altMountPoint === '/alt_inst' ? '/alt_inst/' : altMountPoint} file system`,
  // inferred (remembered from published alt_disk_copy runs)
  generatingList: 'Generating a list of files',
  generatingList2: 'for backup and restore into the alternate file system...',
  backingUp: 'Backing-up the rootvg files and restoring them to the alternate file system...',
  verboseEntry: (size: number, rel: string) => `a ${String(size).padStart(11)} ${rel}`,
  modifyingOdm: 'Modifying ODM on cloned disk.',
  // phase 3: "Building boot image" inferred, the rest real (alt_disk_mksysb.run.01.txt)
  buildingBootImage: 'Building boot image on cloned disk.',
  changingNames: 'Changing logical volume names in volume group descriptor area.',
  fixingLvcb: 'Fixing LV control blocks...',
  forcedUnmount: (altMountPoint: string) => `forced unmount of ${altMountPoint}`,
  fixingSuperblocks: 'Fixing file system superblocks...',
  bootlistSet: (disk: string, blv: string) => `Bootlist is set to the boot disk: ${disk} blv=${blv}`,
  // inferred
  cleaningUp: 'Cleaning up.',
};

/** installp's block for phase 2 (inferred shape, see the messages file). */
export function installpSummary(
  rows: ReadonlyArray<{ name: string; level: string; part: string; event: string }>,
): string {
  const bar = `+${'-'.repeat(77)}+`;
  let text =
    `${bar}\n${' '.repeat(20)}Installing Software into the alternate disk...\n${bar}\n\n` +
    'Installation Summary\n--------------------\n' +
    `${'Name'.padEnd(28)}${'Level'.padEnd(16)}${'Part'.padEnd(12)}${'Event'.padEnd(12)}Result\n` +
    `${'-'.repeat(79)}\n`;
  for (const r of rows)
    text += `${r.name.padEnd(28)}${r.level.padEnd(16)}${r.part.padEnd(12)}${r.event.padEnd(12)}SUCCESS\n`;
  return text;
}

export const USAGE =
  `Usage: ${CMD} -d "target disks" [-i image.data] [-s script] [-b bundle] [-I installp_flags]\n` +
  '\t[-l images_location] [-f fix_bundle] [-F fixes] [-e exclude_list] [-w filesets] [-n]\n' +
  '\t[-P phase] [-c console] [-x first_boot_script] [-R resolv_conf] [-DBOVgruTS]\n';

/** Errors: 0505-126's wording is real (NIM's copy of it); the other numbers and texts are inferred. */
export const errors = {
  notADisk: (d: string) => `0505-112 ${CMD}: ${d} is not a valid disk.\n`,
  inVg: (d: string) => `0505-126 ${CMD}: target disk ${d} has\n\ta volume group assigned to it.\n`,
  vgExists: (vg: string) => `0505-138 ${CMD}: The ${vg} volume group already exists.\n`,
  noSpace: (needMb: number) =>
    `0505-117 ${CMD}: Not enough disk space on target disk(s).\n\tThe target disk(s) need at least ${needMb} megabytes.\n`,
  notBootable: (d: string) => `0505-137 ${CMD}: ${d} is not a bootable disk.\n`,
  lvNameTooLong: (lv: string) =>
    `0505-177 ${CMD}: The logical volume name ${lv} is longer than 11 characters.\n\tUse a customized image.data file (-i flag) to shorten it.\n`,
  needsImages: () => `0505-143 ${CMD}: The -l flag must be used with the -b, -f, -F, -I and -w flags.\n`,
  consoleNeedsO: () => `0505-144 ${CMD}: The -c flag is only valid with the -O flag.\n`,
  rebootVsB: () => `0505-145 ${CMD}: The -r flag cannot be used with the -B flag.\n`,
  notFullPath: (what: string) => `0505-146 ${CMD}: ${what} must be a full path name.\n`,
  cannotAccess: (p: string) => `0505-147 ${CMD}: Cannot access ${p}.\n`,
  notExecutable: (p: string) => `0505-148 ${CMD}: ${p} is not executable.\n`,
  badPhase: (p: string) => `0505-149 ${CMD}: Invalid phase option ${p}.\n`,
  notPostPhase1: (disks: string) =>
    `0505-150 ${CMD}: altinst_rootvg on ${disks} is not in the post phase 1 state.\n\tRun phase 1 first.\n`,
  altInstBusy: (vg: string) =>
    `0505-139 ${CMD}: /alt_inst is in use by ${vg}; put it to sleep first (alt_rootvg_op -S).\n`,
  busy: (pid: number) => `0505-151 ${CMD}: Another alternate disk operation is in progress (pid ${pid}).\n`,
  allocp: () =>
    '0516-404 allocp: This system cannot fulfill the allocation request.\n' +
    '\tThere are not enough free partitions or not enough physical volumes \n' +
    '\tto keep strictness and satisfy allocation requests.  The command\n' +
    '\tshould be retried with different allocation characteristics.\n',
  mklvFailed: (lv: string) => `0505-118 ${CMD}: Unable to create logical volume ${lv}.\n`,
  bosbootFailed: (d: string) => `0505-152 ${CMD}: bosboot failed on the cloned disk ${d}.\n`,
  installpFailed: () => `0505-153 ${CMD}: installp failed in the alternate disk.\n`,
  missingImage: (name: string) => `installp: 0503-432 Missing fileset or fix: ${name}\n`,
  scriptFailed: (script: string, status: number | null) =>
    `0505-154 ${CMD}: The customization script ${script} failed (return code ${status ?? 'signal'}).\n`,
  restoreError: (rel: string) => `restore: 0511-160 Cannot write ${rel}: There is an input or output error.\n`,
};

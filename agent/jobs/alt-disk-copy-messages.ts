/**
 * What alt_disk_copy prints, as the agent recognises it: which lines mark a phase
 * and which are steps worth showing. Sources: test/fixtures/aix/alt_disk_mksysb.run.01.txt
 * (real), test/fixtures/aix/alt_disk_copy.messages.md (real where marked).
 * Anything not matched is passed on as plain output, so an unknown message is shown,
 * never lost.
 */
export interface StepRule {
  pattern: RegExp;
  /** The phase a line matching this belongs to. */
  phase: 1 | 2 | 3;
  /** The backup/restore step, whose progress is measured from df. */
  copy?: boolean;
}

export const STEP_RULES: readonly StepRule[] = [
  { pattern: /^Calling mkszfile to create new \/image\.data file/, phase: 1 },
  { pattern: /^Checking disk sizes/, phase: 1 },
  { pattern: /^Creating cloned rootvg volume group/, phase: 1 },
  { pattern: /^Creating logical volume alt_/, phase: 1 },
  { pattern: /^Creating \/alt_inst\S* file system/, phase: 1 },
  { pattern: /^Generating a list of files/, phase: 1 },
  { pattern: /^Backing-up the rootvg files and restoring them/, phase: 1, copy: true },
  { pattern: /^Modifying ODM on cloned disk/, phase: 1 },
  // Phase 2 prints only when it has work: installp's banner, or the -s script's own output.
  { pattern: /^Installing Software into the alternate disk/i, phase: 2 },
  { pattern: /^Building boot image on cloned disk/, phase: 3 },
  { pattern: /^Resetting all device attributes/, phase: 3 },
  { pattern: /^forced unmount of \/alt_inst/, phase: 3 },
  { pattern: /^Changing logical volume names in volume group descriptor area/, phase: 3 },
  { pattern: /^Fixing LV control blocks/, phase: 3 },
  { pattern: /^Fixing file system superblocks/, phase: 3 },
  { pattern: /^Bootlist is set to the boot disk/, phase: 3 },
];

/**
 * Lines that report a problem the command carries on from: AIX message numbers
 * (0505-123), and backup/restore errors (manual note 8).
 */
export const WARNING_PATTERN =
  /^\s*(\d{4}-\d{3,4}\b|(WARNING|ERROR|Error|error)\b)|^\S+:\s+\d{4}-\d{3,4}\b|\bbackup\b.*\berror|\brestore\b.*\berror/;

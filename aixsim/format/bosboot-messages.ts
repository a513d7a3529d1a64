/**
 * bosboot's messages that both bosboot and alt_disk_copy's phase 3 (which runs bosboot on
 * the clone) print. 0301-150 follows AIX's bosboot script; the 0301-165 wording is as
 * remembered (inferred, test/fixtures/aix/alt_disk_copy.messages.md).
 */
export const BOSBOOT_MSG = {
  // No newline of its own: bosboot's usage, which follows it there, starts with one.
  invalidDevice: '\n0301-150 bosboot: Invalid or no boot device specified!',
  failed: '\n0301-165 bosboot: WARNING! bosboot failed - do not attempt to boot device.\n',
} as const;

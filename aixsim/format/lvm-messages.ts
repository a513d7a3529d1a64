/**
 * LVM error messages (0516-xxx), worded and wrapped as AIX prints them. The message
 * number, text and the tab-indented continuation line follow AIX's cmdlvm message
 * catalog; "0516-1396 : The physical volume ..." is verbatim from
 * test/fixtures/aix/lspv-disk.error-not-found.01.txt. AIX 7 prints several of these
 * with an empty command name ("0516-010 : ..."), as that sample shows.
 *
 * 0516-320 names getlvodm by path and the disk by name, as quoted in IBM's
 * ansible-power-aix sources ("0516-320 /usr/sbin/getlvodm: Physical volume hdisk1 is not
 * assigned to / a volume group."); 0516-010 with an empty command name is how lsvg
 * prints it (see test/fixtures/aix/SOURCES.md).
 * 0516-1201 (a locked VG) is worded and wrapped as test/fixtures/aix/lvm-lock.lsvg-l.01.txt shows;
 * the capture indents its continuation lines with 8 blanks, printed here as the tab the
 * catalogue's other continuation lines use (inferred).
 * Inferred (no captured sample yet): the double blank in the lslv form of 0516-306, which
 * comes from the catalog's "Unable to find %2$s %3$s" with an empty object type, and
 * getlvodm as the command named in 0516-306.
 */
export const lvmMessages = {
  pvNotFound: (disk: string) => `0516-1396 : The physical volume ${disk}, was not found in the\nsystem database.\n`,
  pvNotInVg: (disk: string) =>
    `0516-320 /usr/sbin/getlvodm: Physical volume ${disk} is not assigned to\n\ta volume group.\n`,
  vgNotFound: (vg: string) =>
    `0516-306 getlvodm: Unable to find volume group ${vg} in the Device\n\tConfiguration Database.\n`,
  lvNotFound: (lv: string) => `0516-306 getlvodm: Unable to find  ${lv} in the Device\n\tConfiguration Database.\n`,
  vgNotVariedOn: () => '0516-010 : Volume group must be varied on; use varyonvg command.\n',
  vgLocked: (command: string, vg: string) =>
    `0516-1201 ${command}: Warning: Volume group ${vg} is locked. This command\n\twill continue retries until lock is free.  If lock is inadvertent\n\tand needs to be removed, execute 'chvg -u ${vg}'.\n`,
} as const;

/**
 * alt_disk_copy's three phases (manual, "Phases"), named for what they leave behind. One
 * table for the agent's phase events and altctl's display, so both say the same.
 */
export const PHASE_NAMES: Readonly<Record<number, string>> = {
  1: 'copy rootvg',
  2: 'update and customize',
  3: 'make bootable',
};

import * as path from 'node:path';

/**
 * The commands an emulated host has: one executable each in DIR/bin. Data only, and
 * requiring no command module: init writes the stubs from the names, and the dispatcher
 * loads the one module it runs, to keep start-up small (the agent runs thousands).
 */
export const COMMAND_NAMES = [
  'alt_disk_copy',
  'alt_rootvg_op',
  'bootinfo',
  'bootlist',
  'bosboot',
  'chvg',
  'df',
  'getconf',
  'hostname',
  'ipl_varyon',
  'lquerypv',
  'lsdev',
  'lslpp',
  'lslv',
  'lspath',
  'lspv',
  'lsvg',
  'mmlsnsd',
  'odmget',
  'oslevel',
  'powermt',
  'shutdown',
  'uname',
  'who',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

/** Commands that exist only while a fileset is installed (an AIX without it has no such file). */
export const COMMAND_FILESET: Partial<Record<CommandName, string>> = {
  alt_disk_copy: 'bos.alt_disk_install.rte',
  alt_rootvg_op: 'bos.alt_disk_install.rte',
  mmlsnsd: 'gpfs.base',
  powermt: 'EMCpower.base',
};

/**
 * Where a command's module is: commands/<name>.js, or commands/<name>/index.js for one
 * split into several files. Only the dispatcher requires it, one module per process.
 */
export function commandModulePath(name: CommandName): string {
  return path.join(__dirname, name);
}

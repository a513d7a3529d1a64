import type { CommandModule } from './context';

/**
 * The commands an emulated host has: one executable each in DIR/bin. Modules are
 * required lazily, one per process, to keep start-up small (the agent runs thousands).
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

export function loadCommand(name: CommandName): CommandModule {
  // A switch of literal require() calls, so each process loads exactly one module.
  switch (name) {
    case 'alt_disk_copy':
      return require('./alt_disk_copy') as CommandModule;
    case 'alt_rootvg_op':
      return require('./alt_rootvg_op') as CommandModule;
    case 'bootinfo':
      return require('./bootinfo') as CommandModule;
    case 'bootlist':
      return require('./bootlist') as CommandModule;
    case 'bosboot':
      return require('./bosboot') as CommandModule;
    case 'chvg':
      return require('./chvg') as CommandModule;
    case 'df':
      return require('./df') as CommandModule;
    case 'getconf':
      return require('./getconf') as CommandModule;
    case 'hostname':
      return require('./hostname') as CommandModule;
    case 'ipl_varyon':
      return require('./ipl_varyon') as CommandModule;
    case 'lquerypv':
      return require('./lquerypv') as CommandModule;
    case 'lsdev':
      return require('./lsdev') as CommandModule;
    case 'lslpp':
      return require('./lslpp') as CommandModule;
    case 'lslv':
      return require('./lslv') as CommandModule;
    case 'lspath':
      return require('./lspath') as CommandModule;
    case 'lspv':
      return require('./lspv') as CommandModule;
    case 'lsvg':
      return require('./lsvg') as CommandModule;
    case 'mmlsnsd':
      return require('./mmlsnsd') as CommandModule;
    case 'odmget':
      return require('./odmget') as CommandModule;
    case 'oslevel':
      return require('./oslevel') as CommandModule;
    case 'powermt':
      return require('./powermt') as CommandModule;
    case 'shutdown':
      return require('./shutdown') as CommandModule;
    case 'uname':
      return require('./uname') as CommandModule;
    case 'who':
      return require('./who') as CommandModule;
  }
}

import type { CommandMain } from './context';

/**
 * The commands an emulated host has: one executable each in DIR/bin. Modules are
 * required lazily, one per process, to keep start-up small (the agent runs thousands).
 */
export const COMMAND_NAMES = [
  'bootinfo',
  'bootlist',
  'bosboot',
  'getconf',
  'hostname',
  'ipl_varyon',
  'lslpp',
  'lslv',
  'lspv',
  'lsvg',
  'oslevel',
  'uname',
  'who',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

export function loadCommand(name: CommandName): CommandMain {
  // A switch of literal require() calls, so each process loads exactly one module.
  switch (name) {
    case 'bootinfo':
      return (require('./bootinfo') as { main: CommandMain }).main;
    case 'bootlist':
      return (require('./bootlist') as { main: CommandMain }).main;
    case 'bosboot':
      return (require('./bosboot') as { main: CommandMain }).main;
    case 'getconf':
      return (require('./getconf') as { main: CommandMain }).main;
    case 'hostname':
      return (require('./hostname') as { main: CommandMain }).main;
    case 'ipl_varyon':
      return (require('./ipl_varyon') as { main: CommandMain }).main;
    case 'lslpp':
      return (require('./lslpp') as { main: CommandMain }).main;
    case 'lslv':
      return (require('./lslv') as { main: CommandMain }).main;
    case 'lspv':
      return (require('./lspv') as { main: CommandMain }).main;
    case 'lsvg':
      return (require('./lsvg') as { main: CommandMain }).main;
    case 'oslevel':
      return (require('./oslevel') as { main: CommandMain }).main;
    case 'uname':
      return (require('./uname') as { main: CommandMain }).main;
    case 'who':
      return (require('./who') as { main: CommandMain }).main;
  }
}

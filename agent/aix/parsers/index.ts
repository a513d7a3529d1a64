// Pure parsers for the AIX commands altdiskd runs. No I/O here: callers pass the command's stdout.
export { ParseError } from './errors';
export * from './lspv';
export * from './lsvg';
export * from './lslv';
export * from './bootinfo';
export * from './bootlist';
export * from './bosboot';
export * from './oslevel';
export * from './lslpp';
export * from './who';
export * from './ipl-varyon';

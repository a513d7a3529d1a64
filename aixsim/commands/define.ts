import { flagSet, getopt, getoptMessage, type FlagSet } from '../cli/getopt';
import type { CommandContext, CommandMain, StreamingMain } from './context';

/**
 * The opening every getopt-style command shares: parse the arguments with getopt(3)'s
 * rules; on an unknown flag or a flag missing its argument print libc's message and the
 * command's usage to stderr and exit 1, as AIX commands do; otherwise hand the flags and
 * the operands to the command.
 *
 * Commands that take no flags (getconf, hostname, ipl_varyon, powermt) check their words
 * themselves: on AIX they print no getopt message.
 */
interface Opening {
  /** getopt's optstring: letters, a colon after those that take an argument. */
  readonly optstring: string;
  /** Printed, after getopt's message, when getopt fails. */
  readonly usage: string;
}

export interface CommandDefinition extends Opening {
  run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number;
}

/** A long-running command (alt_disk_copy), whose body is asynchronous: see StreamingMain. */
export interface StreamingDefinition extends Opening {
  stream(flags: FlagSet, operands: readonly string[], ctx: CommandContext): Promise<number>;
}

export function defineCommand(def: CommandDefinition): CommandMain;
export function defineCommand(def: StreamingDefinition): StreamingMain;
export function defineCommand(def: CommandDefinition | StreamingDefinition): CommandMain | StreamingMain {
  if ('stream' in def) {
    return async (ctx) => {
      const parsed = open(def, ctx);
      return parsed ? def.stream(parsed.flags, parsed.operands, ctx) : 1;
    };
  }
  return (ctx) => {
    const parsed = open(def, ctx);
    return parsed ? def.run(parsed.flags, parsed.operands, ctx) : 1;
  };
}

function open(def: Opening, ctx: CommandContext): { flags: FlagSet; operands: readonly string[] } | null {
  const parsed = getopt(ctx.args, def.optstring);
  if (!parsed.ok) {
    ctx.err.write(getoptMessage(ctx.name, parsed.failure) + def.usage);
    return null;
  }
  return { flags: flagSet(parsed.args), operands: parsed.args.operands };
}

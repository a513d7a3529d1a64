import type { CommandContext } from './context';

/** hostname: prints the host name; `hostname NAME` sets it (root only on AIX; the emulator does not check). */
export function main(ctx: CommandContext): number {
  if (ctx.args.length > 1 || (ctx.args[0] ?? '').startsWith('-')) {
    ctx.err.write('Usage: hostname [-s] [HostName]\n');
    return 1;
  }
  const name = ctx.args[0];
  if (name === undefined) {
    ctx.out.write(`${ctx.state().hostname}\n`);
    return 0;
  }
  ctx.mutate((s) => {
    s.hostname = name;
  });
  return 0;
}

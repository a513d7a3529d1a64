import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { UsageError } from '../errors';
import { followForCommand, rendererFor } from '../follow/run';
import { splitHost } from './positionals';
import { numberOption } from '../number-options';

type Args = GlobalArgs & { args: string[] | undefined; from: number | undefined };

export const watchCommand: CommandModule<GlobalArgs, Args> = {
  command: 'watch [args..]',
  describe: "Follow a job's progress until it ends (again, after Ctrl-C or from another terminal): altctl watch HOST JOB",
  builder: (y) =>
    y
      .positional('args', { type: 'string', array: true, describe: 'HOST JOB' })
      .option('from', { type: 'string', requiresArg: true, coerce: numberOption('from', { min: 0, max: Number.MAX_SAFE_INTEGER, whole: true, what: 'events' }), describe: 'Show only events after this sequence number (default: all, from the start)' })
      .example('$0 watch host1 20261123-101500-clone-3f2a9c', '')
      .epilogue('Exit status 0 when the job succeeded, 1 failed, 7 cancelled, 130 after Ctrl-C (the job goes on).') as never,
  handler: (args) => {
    const { host, rest } = splitHost(args.args, ['JOB'], { example: 'altctl watch host1 20261123-101500-clone-3f2a9c' });
    const jobId = rest[0] as string;
    return withAgent(args, host, async (ctx) => {
      const from = args.from ?? 0;
      if (!Number.isSafeInteger(from) || from < 0) throw new UsageError(`--from: ${args.from} is not an event sequence number (0 or more)`, { field: '--from' });
      // GetJob first: an unknown job is a clear NOT_FOUND, and --from starts from its state
      const { job } = await call(ctx.clients.clone, 'getJob', { jobId }, ctx.timeout);
      const label = ctx.label;
      const renderer = rendererFor(args.json);
      renderer.line(`Following job ${jobId} on ${label}; Ctrl-C stops watching, the job goes on.`);
      // from the start, the replayed events rebuild the display; seeding would show it backwards
      await followForCommand({ ctx, renderer, jobId, host: label, afterSequence: from, ...(from > 0 && job ? { job } : {}) });
    });
  },
};

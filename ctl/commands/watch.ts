import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { followForCommand, rendererFor } from '../follow/run';
import { numberOption } from '../number-options';

export const watchCommand = defineCommand({
  command: 'watch',
  describe:
    "Follow a job's progress until it ends (again, after Ctrl-C or from another terminal): altctl watch HOST JOB",
  positionals: { names: ['JOB'], describe: 'HOST JOB', example: 'altctl watch host1 20261123-101500-clone-3f2a9c' },
  builder: (y) =>
    y
      .option('from', {
        type: 'string',
        requiresArg: true,
        coerce: numberOption('from', { min: 0, max: Number.MAX_SAFE_INTEGER, whole: true, what: 'events' }),
        describe: 'Show only events after this sequence number (default: all, from the start)',
      })
      .example('$0 watch host1 20261123-101500-clone-3f2a9c', '')
      .epilogue('Exit status 0 when the job succeeded, 1 failed, 7 cancelled, 130 after Ctrl-C (the job goes on).'),
  run: async (ctx) => {
    const {
      args,
      words: { JOB: jobId },
    } = ctx;
    const from = args.from ?? 0;
    if (!Number.isSafeInteger(from) || from < 0)
      throw new UsageError(`--from: ${args.from} is not an event sequence number (0 or more)`, { field: '--from' });
    // GetJob first: an unknown job is a clear NOT_FOUND, and --from starts from its state
    const {
      response: { job },
    } = await ctx.query('clone', 'getJob', { jobId });
    const label = ctx.label;
    const renderer = rendererFor(args.json);
    renderer.line(`Following job ${jobId} on ${label}; Ctrl-C stops watching, the job goes on.`);
    // from the start, the replayed events rebuild the display; seeding would show it backwards
    const seed = from > 0 && job ? { job } : {};
    return followForCommand({ ctx, renderer, jobId, host: label, afterSequence: from, ...seed });
  },
});

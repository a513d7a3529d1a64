import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';
import { followForCommand, rendererFor } from '../follow/run';
import { shortEnum } from '../output/enums';
import { isFinished } from '../output/job';
import { splitHost } from './positionals';

type Args = GlobalArgs & { args: string[] | undefined; 'no-wait': boolean };

export const cancelCommand: CommandModule<GlobalArgs, Args> = {
  command: 'cancel [args..]',
  describe: 'Stop a running job and remove what it left (a half-made altinst_rootvg), following it to its end: altctl cancel HOST JOB',
  builder: (y) =>
    y
      // --no-wait is a flag of its own, not the negation of a --wait
      .parserConfiguration({ 'boolean-negation': false })
      .positional('args', { type: 'string', array: true, describe: 'HOST JOB' })
      .option('no-wait', { type: 'boolean', default: false, describe: 'Ask for the cancel and return at once, without following the job to its end' })
      .example('$0 cancel host1 20261123-101500-clone-3f2a9c', '')
      .epilogue('Exit status as for watch: 7 once the job is cancelled; 0 or 1 when it had finished otherwise (succeeded, failed) and nothing was cancelled.') as never,
  handler: (args) => {
    const { host, rest } = splitHost(args.args, ['JOB'], { example: 'altctl cancel host1 20261123-101500-clone-3f2a9c' });
    const jobId = rest[0] as string;
    return withAgent(args, host, async (ctx) => {
      const label = ctx.label;
      const response = await call(ctx.clients.clone, 'cancelJob', { jobId }, ctx.timeout);
      const job = response.job;
      if (!job) throw new CliError(`the agent answered CancelJob for ${jobId} without a job`, EXIT.FAILED, 'INTERNAL');
      if (args['no-wait']) {
        ctx.out.message('CancelJobResponse', response);
        ctx.out.text(
          isFinished(job.state)
            ? `Job ${jobId} had already finished (${shortEnum('JobState', job.state)}); nothing changed.\n`
            : `Cancel requested for job ${jobId} (now ${shortEnum('JobState', job.state)}); follow it with: altctl watch ${label} ${jobId}\n`,
        );
        return;
      }
      const renderer = rendererFor(args.json);
      renderer.line(
        job.state === 'JOB_STATE_CANCELLED'
          ? `Job ${jobId} was already cancelled.`
          : isFinished(job.state)
            ? `Job ${jobId} had already finished (${shortEnum('JobState', job.state)}); nothing was cancelled.`
            : `Cancel requested for job ${jobId} on ${label}; following it until it stops.`,
      );
      // the same follower and exit statuses as watch: 7 once cancelled, 0/1 if it ended otherwise
      await followForCommand({ ctx, renderer, jobId, host: label, afterSequence: job.lastSequence, job });
    });
  },
};


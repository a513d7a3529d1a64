import { defineCommand } from '../command';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';
import { followForCommand, rendererFor } from '../follow/run';
import { shortEnum } from '../output/enums';
import { isFinished } from '../output/job';

export const cancelCommand = defineCommand({
  command: 'cancel',
  describe:
    'Stop a running job and remove what it left (a half-made altinst_rootvg), following it to its end: altctl cancel HOST JOB',
  positionals: { names: ['JOB'], describe: 'HOST JOB', example: 'altctl cancel host1 20261123-101500-clone-3f2a9c' },
  builder: (y) =>
    y
      // --no-wait is a flag of its own, not the negation of a --wait
      .parserConfiguration({ 'boolean-negation': false })
      .option('no-wait', {
        type: 'boolean',
        default: false,
        describe: 'Ask for the cancel and return at once, without following the job to its end',
      })
      .example('$0 cancel host1 20261123-101500-clone-3f2a9c', '')
      .epilogue(
        'Exit status as for watch: 7 once the job is cancelled; 0 or 1 when it had finished otherwise (succeeded, failed) and nothing was cancelled.',
      ),
  run: async (ctx) => {
    const {
      args,
      words: { JOB: jobId },
      label,
    } = ctx;
    const { response, type } = await ctx.query('clone', 'cancelJob', { jobId });
    const job = response.job;
    if (!job) throw new CliError(`the agent answered CancelJob for ${jobId} without a job`, EXIT.FAILED, 'INTERNAL');
    if (args['no-wait']) {
      ctx.out.message(type, response);
      ctx.out.text(
        isFinished(job.state)
          ? `Job ${jobId} had already finished (${shortEnum('JobState', job.state)}); nothing changed.\n`
          : `Cancel requested for job ${jobId} (now ${shortEnum('JobState', job.state)}); follow it with: altctl watch ${label} ${jobId}\n`,
      );
      return EXIT.OK;
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
    return followForCommand({ ctx, renderer, jobId, host: label, afterSequence: job.lastSequence, job });
  },
});

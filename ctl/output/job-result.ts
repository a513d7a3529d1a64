import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import type { CommandContext } from '../context';
import { EXIT, exitCodeForJobState, type ExitCode } from '../exit-codes';
import { JsonRenderer } from '../follow/json';
import { followForCommand, rendererFor } from '../follow/run';
import { isFinished, outcomeLines } from './job';

/**
 * For the calls that answer with the job they ran (cleanup, wake, sleep): the response as
 * JSON, or what happened and what to do next; the exit status it returns follows the job
 * like a followed one. The agent answers before the call's deadline even if the job is still
 * running; then it is followed to its end, so the caller sees the same result either way.
 */
export async function reportOperationJob(
  ctx: CommandContext,
  typeName: string,
  response: { job: Job__Output | null },
): Promise<ExitCode> {
  const job = response.job;
  if (!job || isFinished(job.state)) {
    ctx.out.message(typeName, response);
    if (!job) return EXIT.OK;
    ctx.out.text(`${outcomeLines(job).join('\n')}\n`);
    return exitCodeForJobState(job.state);
  }
  // --json stays one document, {"job": ...} as the response would have been: no event lines
  const renderer = ctx.out.json
    ? new FinalDocumentRenderer(process.stdout, process.stderr, Date.now)
    : rendererFor(false);
  renderer.line(
    `Job ${job.id} (${job.command.join(' ')}) is still running on ${ctx.label}; following it. Ctrl-C stops watching; the job goes on.`,
  );
  return followForCommand({ ctx, renderer, jobId: job.id, host: ctx.label, job });
}

/** JSON output of a followed operation without its event lines: the final job only. */
class FinalDocumentRenderer extends JsonRenderer {
  override event(): void {}
}

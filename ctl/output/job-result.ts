import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import { exitCodeForJobState } from '../exit-codes';
import { outcomeLines } from './job';
import type { Output } from './writer';

/**
 * For the calls that return a finished job (cleanup, wake, sleep): the response as JSON,
 * or what happened and what to do next; the exit status follows the job like a followed one.
 */
export function reportFinishedJob(out: Output, typeName: string, response: { job: Job__Output | null }): void {
  out.message(typeName, response);
  if (!response.job) return;
  out.text(`${outcomeLines(response.job).join('\n')}\n`);
  process.exitCode = exitCodeForJobState(response.job.state);
}

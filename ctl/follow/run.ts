import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import type { JobEvent__Output } from '../../shared/generated/altdisk/v1/JobEvent';
import { call, type AgentClients } from '../client';
import type { CommandContext } from '../context';
import { CliError } from '../errors';
import { EXIT, exitCodeForJobState, type ExitCode } from '../exit-codes';
import { followJob, type EventStream, type JobSource } from './follower';
import { chooseRenderer, createRenderer, type JobRenderer } from './renderer';
import { isFinished } from '../output/job';

/** The follower's two calls over gRPC. WatchJob has no deadline: a clone takes hours. */
export function grpcJobSource(clients: AgentClients, jobId: string, timeoutSeconds: number): JobSource {
  return {
    watch(afterSequence): EventStream {
      const stream = clients.clone.watchJob({ jobId, afterSequence });
      return {
        [Symbol.asyncIterator]: () => (stream as AsyncIterable<JobEvent__Output>)[Symbol.asyncIterator](),
        cancel: () => stream.cancel(),
      };
    },
    async getJob() {
      const { job } = await call(clients.clone, 'getJob', { jobId }, timeoutSeconds);
      if (!job) throw new CliError(`the agent answered GetJob for ${jobId} without a job`, EXIT.FAILED, 'INTERNAL');
      return job;
    },
  };
}

/** The renderer for this invocation: JSON Lines, a live terminal display, or plain lines. */
export function rendererFor(json: boolean): JobRenderer {
  return createRenderer(chooseRenderer(json, { stdout: process.stdout, stderr: process.stderr }), {
    stdout: process.stdout,
    stderr: process.stderr,
  });
}

export interface FollowCommand {
  readonly ctx: CommandContext;
  readonly renderer: JobRenderer;
  readonly jobId: string;
  /** HOST as the user gave it (for the re-attach command). */
  readonly host: string;
  readonly afterSequence?: number;
  /** The job as known before following, to start the display from. */
  readonly job?: Job__Output;
}

/**
 * Follows a job for a command (clone, watch, cancel) and returns the exit status of how it
 * ended: 0 succeeded, 1 failed, 7 cancelled, 130 when Ctrl-C stopped the watching (the job
 * itself goes on).
 */
export async function followForCommand(f: FollowCommand): Promise<ExitCode> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  // once: a second Ctrl-C, should anything hang after the first, kills altctl as usual
  process.once('SIGINT', onSigint);
  try {
    f.renderer.begin(f.job);
    if (f.job && isFinished(f.job.state) && (f.afterSequence ?? 0) >= f.job.lastSequence) {
      // already over and nothing left to show: no stream to open, no second GetJob
      f.renderer.finish(f.job);
      return exitCodeForJobState(f.job.state);
    }
    const result = await followJob({
      source: grpcJobSource(f.ctx.clients, f.jobId, f.ctx.timeout),
      renderer: f.renderer,
      jobId: f.jobId,
      host: f.host,
      afterSequence: f.afterSequence ?? 0,
      signal: controller.signal,
      tickMs: 1000,
    });
    if (result.outcome === 'interrupted') {
      f.renderer.interrupted({ jobId: f.jobId, host: f.host, lastSequence: result.lastSequence });
      return EXIT.INTERRUPTED;
    }
    f.renderer.finish(result.job);
    return exitCodeForJobState(result.state);
  } finally {
    process.removeListener('SIGINT', onSigint);
    f.renderer.close();
  }
}

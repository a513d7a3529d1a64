import { status } from '@grpc/grpc-js';
import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import type { JobEvent__Output } from '../../shared/generated/altdisk/v1/JobEvent';
import type { JobState__Output } from '../../shared/generated/altdisk/v1/JobState';
import { CliError, isServiceError } from '../errors';
import { EXIT } from '../exit-codes';
import { isFinished } from '../output/job';
import type { JobRenderer } from './renderer';

/** A WatchJob stream: the events, and a way to stop receiving them. */
export interface EventStream extends AsyncIterable<JobEvent__Output> {
  cancel(): void;
}

/** The two calls the follower needs, so tests can feed it without a network. */
export interface JobSource {
  watch(afterSequence: number): EventStream;
  getJob(): Promise<Job__Output>;
}

export interface FollowOptions {
  readonly source: JobSource;
  readonly renderer: JobRenderer;
  readonly jobId: string;
  /** HOST as the user gave it, for messages. */
  readonly host: string;
  /** Show only events after this sequence number (0: all). */
  readonly afterSequence?: number;
  /** Aborted on Ctrl-C: stop watching, leave the job alone. */
  readonly signal?: AbortSignal;
  /** How long to keep trying to get the agent back after losing it (default 60 s). */
  readonly retryWindowMs?: number;
  /** How often to call renderer.tick(); 0 never (default). */
  readonly tickMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type FollowResult =
  | {
      readonly outcome: 'finished';
      readonly job: Job__Output;
      /** The job's final state: GetJob's, or the FINISHED event's should GetJob lag behind it. */
      readonly state: JobState__Output;
      readonly lastSequence: number;
    }
  | { readonly outcome: 'interrupted'; readonly lastSequence: number };

export const DEFAULT_RETRY_WINDOW_MS = 60_000;

/**
 * Status codes after which the same WatchJob is worth asking again: the agent restarted
 * or the network blinked (UNAVAILABLE; INTERNAL or CANCELLED for a stream torn down under
 * us; UNKNOWN for a dropped connection). A refusal (NOT_FOUND, PERMISSION_DENIED, ...)
 * would only be refused again.
 */
const RETRYABLE = new Set<number>([
  status.UNAVAILABLE,
  status.INTERNAL,
  status.CANCELLED,
  status.UNKNOWN,
  status.ABORTED,
  status.DEADLINE_EXCEEDED,
  status.RESOURCE_EXHAUSTED,
]);

export function isRetryable(err: unknown): boolean {
  return isServiceError(err) && RETRYABLE.has(err.code);
}

/**
 * Follows a job to its end: WatchJob, showing each event once; if the stream breaks,
 * reconnects and resumes after the last sequence seen, for a bounded time; when the
 * FINISHED event arrives, asks GetJob for the finished job (summary, next step, leftovers).
 */
export async function followJob(options: FollowOptions): Promise<FollowResult> {
  const { source, renderer, signal } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const windowMs = options.retryWindowMs ?? DEFAULT_RETRY_WINDOW_MS;
  let last = options.afterSequence ?? 0;
  /** Set while the agent is lost: since when, and how many retries so far. */
  let outage: { since: number; attempts: number } | undefined;

  const interrupted = (): FollowResult => ({ outcome: 'interrupted', lastSequence: last });

  /** Records a failure: throws when it cannot or should not be retried, else waits a little. */
  const lost = async (err: unknown, reason: string): Promise<void> => {
    if (err !== undefined && !isRetryable(err)) throw err;
    if (!outage) {
      outage = { since: now(), attempts: 0 };
      renderer.notice(
        `lost the agent (${reason}); reconnecting for up to ${Math.round(windowMs / 1000)} s, resuming after event ${last}`,
      );
    } else if (now() - outage.since >= windowMs) {
      throw new CliError(
        `lost the agent at ${options.host} while following job ${options.jobId} and could not get it back within ${Math.round(windowMs / 1000)} s (${reason}); ` +
          `the job may still be running there: re-attach with altctl watch ${options.host} ${options.jobId}`,
        EXIT.UNREACHABLE,
        'UNAVAILABLE',
        { jobId: options.jobId, lastSequence: String(last) },
      );
    }
    await sleep(Math.min(5000, 250 * 2 ** outage.attempts), signal);
    outage.attempts += 1;
  };

  /** GetJob through the same retry budget; undefined when Ctrl-C came first. */
  const getJob = async (): Promise<Job__Output | undefined> => {
    for (;;) {
      if (signal?.aborted) return undefined;
      try {
        const job = await source.getJob();
        if (outage) {
          renderer.notice(`reconnected to the agent; resuming after event ${last}`);
          outage = undefined;
        }
        return job;
      } catch (err) {
        if (signal?.aborted) return undefined;
        await lost(err, reasonOf(err));
      }
    }
  };

  const ticker = options.tickMs ? setInterval(() => renderer.tick(), options.tickMs) : undefined;
  ticker?.unref();
  try {
    for (;;) {
      if (signal?.aborted) return interrupted();
      // after an outage, a cheap unary call proves the agent is back before streaming again
      if (outage && (await getJob()) === undefined) return interrupted();

      let finished: JobEvent__Output | undefined;
      const stream = source.watch(last);
      const onAbort = () => stream.cancel();
      signal?.addEventListener('abort', onAbort);
      try {
        for await (const event of stream) {
          if (event.sequence <= last) continue; // already shown before a reconnect
          last = event.sequence;
          renderer.event(event);
          if (event.type === 'EVENT_TYPE_FINISHED') {
            finished = event;
            break;
          }
        }
      } catch (err) {
        if (signal?.aborted) return interrupted();
        await lost(err, reasonOf(err));
        continue;
      } finally {
        signal?.removeEventListener('abort', onAbort);
        stream.cancel();
      }
      if (signal?.aborted) return interrupted();

      const job = await getJob();
      if (job === undefined) return interrupted();
      // a stream that ended without FINISHED is complete only if nothing is left to show
      // (watch --from past the end of a finished job); otherwise it was cut short
      if (finished || (isFinished(job.state) && job.lastSequence <= last)) {
        const state = isFinished(job.state) || !finished ? job.state : finished.state;
        return { outcome: 'finished', job, state, lastSequence: last };
      }
      await lost(undefined, 'the agent ended the event stream before the job finished');
    }
  } finally {
    if (ticker) clearInterval(ticker);
  }
}

function reasonOf(err: unknown): string {
  if (isServiceError(err)) return `${status[err.code] ?? err.code}: ${err.details || err.message}`;
  return err instanceof Error ? err.message : String(err);
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}

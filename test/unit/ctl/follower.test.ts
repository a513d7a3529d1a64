import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { describe, test } from 'node:test';
import { CliError } from '../../../ctl/errors';
import { EXIT } from '../../../ctl/exit-codes';
import { followJob, type EventStream, type JobSource } from '../../../ctl/follow/follower';
import type { Interruption, JobRenderer } from '../../../ctl/follow/renderer';
import type { Job__Output } from '../../../shared/generated/altdisk/v1/Job';
import type { JobEvent__Output } from '../../../shared/generated/altdisk/v1/JobEvent';
import { event, finishedJob, job, JOB_ID, serviceError, successfulClone } from './fixtures';

/** What one WatchJob call does: send these events, then end, fail, or hang until cancelled. */
interface Attempt {
  events: JobEvent__Output[];
  then: 'end' | 'hang' | Error;
}

class FakeSource implements JobSource {
  readonly watchedAfter: number[] = [];
  cancelled = 0;
  getJobCalls = 0;
  constructor(
    private readonly attempts: Attempt[],
    private readonly jobs: (Job__Output | Error)[] = [finishedJob()],
  ) {}

  watch(afterSequence: number): EventStream {
    this.watchedAfter.push(afterSequence);
    const attempt = this.attempts.shift() ?? { events: [], then: serviceError(status.UNAVAILABLE) };
    let cancel: () => void = () => {};
    const cancelled = new Promise<void>((resolve) => (cancel = resolve));
    async function* generate(): AsyncGenerator<JobEvent__Output> {
      // like the agent: replay only what lies after afterSequence... except in tests of duplicates
      for (const e of attempt.events) yield e;
      if (attempt.then === 'end') return;
      if (attempt.then === 'hang') {
        await cancelled;
        throw serviceError(status.CANCELLED, 'Cancelled on client');
      }
      throw attempt.then;
    }
    return {
      [Symbol.asyncIterator]: () => generate(),
      cancel: () => {
        this.cancelled += 1;
        cancel();
      },
    };
  }

  async getJob(): Promise<Job__Output> {
    this.getJobCalls += 1;
    const next = this.jobs.length > 1 ? this.jobs.shift() : this.jobs[0];
    if (next instanceof Error) throw next;
    return next as Job__Output;
  }
}

class RecordingRenderer implements JobRenderer {
  readonly log: string[] = [];
  begin(): void {}
  event(e: JobEvent__Output): void {
    this.log.push(`event ${e.sequence}`);
  }
  notice(message: string): void {
    this.log.push(`notice ${message}`);
  }
  line(): void {}
  tick(): void {}
  finish(j: Job__Output): void {
    this.log.push(`finish ${j.state}`);
  }
  interrupted(info: Interruption): void {
    this.log.push(`interrupted ${info.lastSequence}`);
  }
  close(): void {}
  get events(): string[] {
    return this.log.filter((l) => l.startsWith('event '));
  }
}

/** A clock that only moves when the follower sleeps, so retry windows take no real time. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

const base = { jobId: JOB_ID, host: 'host1' };

describe('following a job', () => {
  test('shows every event once, then returns the finished job from GetJob', async () => {
    const source = new FakeSource([{ events: successfulClone(), then: 'end' }]);
    const renderer = new RecordingRenderer();
    const result = await followJob({ ...base, source, renderer, ...fakeTime() });
    assert.equal(result.outcome, 'finished');
    assert.equal(result.outcome === 'finished' && result.job.summary, 'rootvg cloned to hdisk1; it boots next');
    assert.equal(result.outcome === 'finished' && result.state, 'JOB_STATE_SUCCEEDED');
    assert.equal(renderer.events.length, 11);
    assert.deepEqual(source.watchedAfter, [0]);
    assert.equal(source.getJobCalls, 1);
  });

  test('a broken stream is resumed after the last sequence seen, with a message, and no event twice', async () => {
    const all = successfulClone();
    const source = new FakeSource(
      [
        { events: all.slice(0, 4), then: serviceError(status.UNAVAILABLE, 'Connection dropped') },
        { events: [], then: serviceError(status.UNAVAILABLE, 'No connection established') },
        // an agent that replays one event too many must not make altctl show it twice
        { events: all.slice(3), then: 'end' },
      ],
      [serviceError(status.UNAVAILABLE, 'No connection established'), job({ lastSequence: 6 }), finishedJob()],
    );
    const renderer = new RecordingRenderer();
    const time = fakeTime();
    const result = await followJob({ ...base, source, renderer, ...time });
    assert.equal(result.outcome, 'finished');
    assert.deepEqual(
      renderer.events,
      all.map((e) => `event ${e.sequence}`),
    );
    assert.deepEqual(source.watchedAfter, [0, 4, 4]);
    const notices = renderer.log.filter((l) => l.startsWith('notice '));
    assert.deepEqual(notices, [
      'notice lost the agent (UNAVAILABLE: Connection dropped); reconnecting for up to 60 s, resuming after event 4',
      'notice reconnected to the agent; resuming after event 4',
      'notice lost the agent (UNAVAILABLE: No connection established); reconnecting for up to 60 s, resuming after event 4',
      'notice reconnected to the agent; resuming after event 4',
    ]);
    assert.ok(time.sleeps.every((ms) => ms > 0 && ms <= 5000));
  });

  test('gives up after the retry window with exit 4 and the re-attach command', async () => {
    const source = new FakeSource(
      [{ events: successfulClone().slice(0, 2), then: serviceError(status.UNAVAILABLE) }],
      [serviceError(status.UNAVAILABLE)],
    );
    const time = fakeTime();
    await assert.rejects(
      followJob({ ...base, source, renderer: new RecordingRenderer(), retryWindowMs: 10_000, ...time }),
      (err: unknown) => {
        assert.ok(err instanceof CliError);
        assert.equal(err.exitCode, EXIT.UNREACHABLE);
        assert.match(
          err.message,
          /could not get it back within 10 s .*re-attach with altctl watch host1 20261123-101500-clone-3f2a9c$/,
        );
        return true;
      },
    );
    assert.ok(time.now() >= 10_000 && time.now() < 20_000, `gave up after ${time.now()} ms`);
  });

  test('a refusal is not retried: an unknown job is reported at once', async () => {
    const source = new FakeSource([{ events: [], then: serviceError(status.NOT_FOUND, 'job nope: no such job') }]);
    await assert.rejects(
      followJob({ ...base, source, renderer: new RecordingRenderer(), ...fakeTime() }),
      (err: unknown) => (err as { code: number }).code === status.NOT_FOUND,
    );
    assert.deepEqual(source.watchedAfter, [0]);
  });

  test('Ctrl-C stops watching, cancels the stream and reports the last sequence seen', async () => {
    const source = new FakeSource([{ events: successfulClone().slice(0, 3), then: 'hang' }]);
    const renderer = new RecordingRenderer();
    const controller = new AbortController();
    const following = followJob({ ...base, source, renderer, signal: controller.signal, ...fakeTime() });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const result = await following;
    assert.deepEqual(result, { outcome: 'interrupted', lastSequence: 3 });
    assert.ok(source.cancelled >= 1);
    assert.equal(source.getJobCalls, 0, 'nothing more is asked of the agent');
  });

  test('watch --from past the end of a finished job ends without waiting', async () => {
    const source = new FakeSource([{ events: [], then: 'end' }]);
    const renderer = new RecordingRenderer();
    const result = await followJob({ ...base, source, renderer, afterSequence: 11, ...fakeTime() });
    assert.equal(result.outcome, 'finished');
    assert.deepEqual(renderer.log, []);
  });

  test('a stream the agent ends early is reopened after the last event', async () => {
    const all = successfulClone();
    const source = new FakeSource(
      [
        { events: all.slice(0, 5), then: 'end' },
        { events: all.slice(5), then: 'end' },
      ],
      [job({ lastSequence: 7 }), finishedJob()],
    );
    const renderer = new RecordingRenderer();
    const result = await followJob({ ...base, source, renderer, ...fakeTime() });
    assert.equal(result.outcome, 'finished');
    assert.deepEqual(source.watchedAfter, [0, 5]);
    assert.equal(renderer.events.length, 11);
  });

  test("the FINISHED event's state decides when GetJob still lags behind", async () => {
    const failed = [event(1, { type: 'EVENT_TYPE_FINISHED', state: 'JOB_STATE_FAILED', exitCode: 1 })];
    const source = new FakeSource([{ events: failed, then: 'end' }], [job({ lastSequence: 1 })]);
    const result = await followJob({ ...base, source, renderer: new RecordingRenderer(), ...fakeTime() });
    assert.equal(result.outcome === 'finished' && result.state, 'JOB_STATE_FAILED');
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { EventJournal, readJournal, type JournalEvent, type NewEvent } from '../../../agent/jobs/event-journal';
import { JobFollower } from '../../../agent/jobs/job-follower';
import { jobFiles } from '../../../agent/jobs/job-files';
import { NO_PROGRESS } from '../../../agent/jobs/job-record';
import { newInterpreterState } from '../../../agent/jobs/output-interpreter';
import { silentLogger } from '../../../agent/logger';

/** A finished job's files as the supervisor leaves them: its output, then exit.json. */
function finishedJob(output: string) {
  const files = jobFiles(fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-follower-')), 'job');
  fs.mkdirSync(files.dir);
  fs.writeFileSync(files.output, output);
  fs.writeFileSync(files.exit, JSON.stringify({ exitCode: 0, signal: null, finishedAt: new Date().toISOString() }));
  return files;
}

async function follow(files: ReturnType<typeof finishedJob>, conclude: () => Promise<NewEvent>): Promise<JournalEvent[]> {
  const journal = EventJournal.open(files.events);
  const interpreter = newInterpreterState([1, 2, 3], Date.now());
  journal.append([{ type: 'EVENT_TYPE_STARTED' }], { outputOffset: 0, interpreter, progress: NO_PROGRESS });
  const follower = new JobFollower({ files, journal, interpreter, outputOffset: 0, logger: silentLogger, copyProbe: undefined, conclude, pollMs: 10, maxReadBytes: 1024 });
  const finished = new Promise<void>((resolve) => follower.once('finished', resolve));
  follower.start();
  const timeout = new Promise<never>((_, reject) => setTimeout(() => {
      follower.stop();
      reject(new Error('the follower never finished'));
    }, 5000).unref());
  await Promise.race([finished, timeout]);
  const events: JournalEvent[] = [];
  for await (const { event } of readJournal(files.events, 0, journal.committedLength)) events.push(event);
  journal.close();
  return events;
}

const succeeded = async (): Promise<NewEvent> => ({ type: 'EVENT_TYPE_FINISHED', state: 'JOB_STATE_SUCCEEDED', exitCode: 0, text: 'done' });

test('a line longer than one read is taken in pieces; the job still reaches its end', async () => {
  const long = 'x'.repeat(2500);
  const events = await follow(finishedJob(`before\n${long}\nafter\n`), succeeded);
  const texts = events.filter((e) => e.type === 'EVENT_TYPE_OUTPUT').map((e) => e.text);
  assert.equal(texts.join(''), `before${long}after`, 'nothing lost, nothing twice');
  assert.ok(texts.length >= 4, `the long line came in pieces: ${texts.length} outputs`);
  assert.equal(events.at(-1)?.type, 'EVENT_TYPE_FINISHED');
});

test('a conclusion that fails once is tried again, without the closing events twice', async () => {
  let calls = 0;
  const events = await follow(finishedJob('Phase 1\n'), async () => {
    calls += 1;
    if (calls === 1) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    return succeeded();
  });
  assert.equal(calls, 2);
  assert.equal(events.filter((e) => e.type === 'EVENT_TYPE_FINISHED').length, 1);
  const sequences = events.map((e) => e.sequence);
  assert.deepEqual(sequences, sequences.map((_, i) => i + 1), 'dense, no duplicate');
  const closing = events.filter((e) => e.type === 'EVENT_TYPE_PHASE_FINISHED' || e.type === 'EVENT_TYPE_OUTPUT');
  assert.equal(new Set(closing.map((e) => `${e.type}:${e.phase}:${e.text}`)).size, closing.length, 'no closing event twice');
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { EventJournal, readJournal, type Cursor, type JournalEvent } from '../../../agent/jobs/event-journal';
import { JobFollower } from '../../../agent/jobs/job-follower';
import { jobFiles } from '../../../agent/jobs/job-files';
import { NO_PROGRESS, type JobConclusion, type JobEnd } from '../../../agent/jobs/job-record';
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

async function follow(
  files: ReturnType<typeof finishedJob>,
  conclude: () => Promise<JobConclusion>,
): Promise<JournalEvent[]> {
  const journal = EventJournal.open(files.events);
  const cursor = { outputOffset: 0, interpreter: newInterpreterState([1, 2, 3], Date.now()), progress: NO_PROGRESS };
  journal.append([{ type: 'EVENT_TYPE_STARTED' }], cursor);
  const follower = new JobFollower({
    files,
    journal,
    cursor,
    logger: silentLogger,
    copyProbe: undefined,
    conclude,
    pollMs: 10,
    maxReadBytes: 1024,
  });
  const finished = new Promise<void>((resolve) => follower.once('finished', resolve));
  follower.start();
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => {
      follower.stop();
      reject(new Error('the follower never finished'));
    }, 5000).unref(),
  );
  await Promise.race([finished, timeout]);
  const events: JournalEvent[] = [];
  for await (const { event } of readJournal(files.events, 0, journal.committedLength)) events.push(event);
  journal.close();
  return events;
}

const succeeded = async (): Promise<JobConclusion> => ({
  state: 'succeeded',
  summary: 'done',
  nextStep: '',
  leftover: '',
  exitCode: 0,
  finishedAt: new Date().toISOString(),
  warnings: [],
});

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
  assert.deepEqual(
    sequences,
    sequences.map((_, i) => i + 1),
    'dense, no duplicate',
  );
  const closing = events.filter((e) => e.type === 'EVENT_TYPE_PHASE_FINISHED' || e.type === 'EVENT_TYPE_OUTPUT');
  assert.equal(
    new Set(closing.map((e) => `${e.type}:${e.phase}:${e.text}`)).size,
    closing.length,
    'no closing event twice',
  );
});

/** A running job's files: output so far, a live heartbeat, no exit.json yet. */
function runningJob(output: string) {
  const files = jobFiles(fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-follower-')), 'job');
  fs.mkdirSync(files.dir);
  fs.writeFileSync(files.output, output);
  fs.writeFileSync(files.launch, '{}');
  fs.writeFileSync(files.heartbeat, '');
  return files;
}

function startFollower(
  files: ReturnType<typeof runningJob>,
  journal: EventJournal,
  cursor: Cursor,
  conclude: () => Promise<JobConclusion>,
): { follower: JobFollower; finished: Promise<JobConclusion> } {
  const follower = new JobFollower({
    files,
    journal,
    cursor,
    logger: silentLogger,
    copyProbe: undefined,
    conclude,
    pollMs: 10,
  });
  const finished = new Promise<JobConclusion>((resolve) => follower.once('finished', resolve));
  follower.start();
  return { follower, finished };
}

async function journaled(files: ReturnType<typeof runningJob>, journal: EventJournal): Promise<JournalEvent[]> {
  const events: JournalEvent[] = [];
  for await (const { event } of readJournal(files.events, 0, journal.committedLength)) events.push(event);
  return events;
}

const newCursor = (): Cursor => ({
  outputOffset: 0,
  interpreter: newInterpreterState([1, 2, 3], Date.now()),
  progress: NO_PROGRESS,
});
const exitZero = (files: ReturnType<typeof runningJob>): void =>
  fs.writeFileSync(files.exit, JSON.stringify({ exitCode: 0, signal: null, finishedAt: new Date().toISOString() }));

test('a journal that cannot be written for a while loses no line: the follower moves only past what is committed', async () => {
  const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
  const files = runningJob(`${lines.slice(0, 20).join('\n')}\n`);
  const journal = EventJournal.open(files.events);
  journal.append([{ type: 'EVENT_TYPE_STARTED' }], newCursor());
  // The disk is full for the next five writes, as a filled state directory would make it.
  const append = journal.append.bind(journal);
  let refusals = 5;
  journal.append = (events, cursor, now) => {
    if (refusals > 0) {
      refusals -= 1;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    return append(events, cursor, now);
  };
  const { finished } = startFollower(files, journal, newCursor(), succeeded);
  await new Promise((r) => setTimeout(r, 300));
  fs.appendFileSync(files.output, `${lines.slice(20).join('\n')}\n`);
  exitZero(files);
  await finished;
  assert.equal(refusals, 0, 'the writes were refused');
  const events = await journaled(files, journal);
  assert.deepEqual(
    events.filter((e) => e.type === 'EVENT_TYPE_OUTPUT').map((e) => e.text),
    lines,
    'every line became an event, once, in order',
  );
  assert.deepEqual(
    events.map((e) => e.sequence),
    events.map((_, i) => i + 1),
  );
  assert.equal(events.filter((e) => e.type === 'EVENT_TYPE_FINISHED').length, 1);
  journal.close();
});

test('a follower made from a cursor taken after the end, or after the conclusion, repeats neither', async () => {
  const files = runningJob('Calling mkszfile to create new /image.data file.\nBuilding boot image on cloned disk.\n');
  exitZero(files);
  const journal = EventJournal.open(files.events);
  journal.append([{ type: 'EVENT_TYPE_STARTED' }], newCursor());
  // Killed after the closing events were committed, before any conclusion could be journaled.
  const first = startFollower(files, journal, newCursor(), () => Promise.reject(new Error('killed here')));
  await new Promise((r) => setTimeout(r, 200));
  first.follower.stop();
  const ended = journal.lastCursor;
  assert.ok(ended?.ended, 'the end is in the cursor');
  const second = startFollower(files, journal, ended, succeeded);
  await second.finished;
  // Killed after the FINISHED event, before the record was saved: the cursor says how it ended.
  const concluded = journal.lastCursor;
  assert.equal(concluded?.concluded?.state, 'succeeded');
  const third = startFollower(files, journal, concluded, () => Promise.reject(new Error('must not conclude again')));
  assert.equal((await third.finished).summary, 'done');
  const events = await journaled(files, journal);
  const phaseEvents = events
    .filter((e) => e.type === 'EVENT_TYPE_PHASE_STARTED' || e.type === 'EVENT_TYPE_PHASE_FINISHED')
    .map((e) => `${e.type}:${e.phase}`);
  assert.equal(new Set(phaseEvents).size, phaseEvents.length, `no phase event twice: ${phaseEvents.join(' ')}`);
  assert.ok(phaseEvents.includes('EVENT_TYPE_PHASE_FINISHED:3'));
  assert.equal(events.filter((e) => e.type === 'EVENT_TYPE_FINISHED').length, 1);
  journal.close();
});

test('a descriptor shortage while concluding is waited out: the outcome is the one the host shows', async () => {
  const files = runningJob('done\n');
  exitZero(files);
  const journal = EventJournal.open(files.events);
  journal.append([{ type: 'EVENT_TYPE_STARTED' }], newCursor());
  let calls = 0;
  const { finished } = startFollower(files, journal, newCursor(), async () => {
    calls += 1;
    if (calls <= 3) throw Object.assign(new Error('spawn EMFILE'), { code: 'EMFILE' });
    return succeeded();
  });
  assert.equal((await finished).state, 'succeeded');
  assert.equal(calls, 4);
  journal.close();
});

test('a supervisor gone before it recorded its command: the end is judged from the host, never "never ran"', async () => {
  const files = runningJob('');
  const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid ?? 1 << 22; // a pid that has just ended
  fs.writeFileSync(files.supervisor, JSON.stringify({ pid: gone, commandPid: 0, startedAt: new Date().toISOString() }));
  const journal = EventJournal.open(files.events);
  journal.append([{ type: 'EVENT_TYPE_STARTED' }], newCursor());
  let seen: JobEnd | undefined;
  const follower = new JobFollower({
    files,
    journal,
    cursor: newCursor(),
    logger: silentLogger,
    copyProbe: undefined,
    pollMs: 10,
    conclude: async (end) => {
      seen = end;
      return succeeded();
    },
  });
  const finished = new Promise((resolve) => follower.once('finished', resolve));
  follower.start();
  await finished;
  assert.equal(seen?.unobserved, true);
  assert.match(seen?.lost ?? '', /stopped before it could record its command/);
  journal.close();
});

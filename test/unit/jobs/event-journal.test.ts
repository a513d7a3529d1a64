import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { EventJournal, readJournal, type Cursor } from '../../../agent/jobs/event-journal';
import { NO_PROGRESS } from '../../../agent/jobs/job-record';

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-journal-')), 'events.jsonl');
}
const cursor = (outputOffset: number): Cursor => ({
  outputOffset,
  interpreter: { n: outputOffset },
  progress: NO_PROGRESS,
});

async function all(file: string, from = 0, to = fs.statSync(file).size): Promise<number[]> {
  const out: number[] = [];
  for await (const { event } of readJournal(file, from, to)) out.push(event.sequence);
  return out;
}

test('sequences are dense from 1, batches commit with their cursor, and survive reopening', async () => {
  const file = tempFile();
  const j = EventJournal.open(file);
  j.append([{ type: 'EVENT_TYPE_STARTED' }], cursor(0));
  j.append(
    [
      { type: 'EVENT_TYPE_OUTPUT', text: 'a' },
      { type: 'EVENT_TYPE_OUTPUT', text: 'b' },
    ],
    cursor(4),
  );
  j.close();
  const again = EventJournal.open(file);
  assert.equal(again.lastSequence, 3);
  assert.deepEqual(again.lastCursor, cursor(4));
  again.append([{ type: 'EVENT_TYPE_OUTPUT', text: 'c' }], cursor(6));
  again.close();
  assert.deepEqual(await all(file), [1, 2, 3, 4]);
});

test('a torn last line, or a batch cut before its cursor, is dropped: no gap and no duplicate after recovery', async () => {
  const file = tempFile();
  const j = EventJournal.open(file);
  j.append([{ type: 'EVENT_TYPE_STARTED' }], cursor(0));
  j.append([{ type: 'EVENT_TYPE_OUTPUT', text: 'one' }], cursor(10));
  j.close();
  const committed = fs.statSync(file).size;
  // A crash mid-batch: a complete line without a cursor, then half a line.
  fs.appendFileSync(
    file,
    `${JSON.stringify({ e: { sequence: 3, type: 'EVENT_TYPE_OUTPUT', text: 'two' } })}\n{"e":{"sequence":4,"ty`,
  );
  const recovered = EventJournal.open(file);
  assert.equal(recovered.lastSequence, 2);
  assert.equal(recovered.committedLength, committed);
  assert.equal(fs.statSync(file).size, committed, 'the uncommitted tail is truncated');
  assert.deepEqual(recovered.lastCursor, cursor(10));
  recovered.append([{ type: 'EVENT_TYPE_OUTPUT', text: 'two again' }], cursor(20));
  recovered.close();
  assert.deepEqual(await all(file), [1, 2, 3]);
});

test('reading a range yields events in order with their end offsets, across chunk boundaries', async () => {
  const file = tempFile();
  const j = EventJournal.open(file);
  const long = 'x'.repeat(1000);
  for (let batch = 0; batch < 400; batch++) {
    j.append(
      Array.from({ length: 5 }, () => ({ type: 'EVENT_TYPE_OUTPUT' as const, text: long })),
      cursor(batch),
    );
  }
  const middle = j.committedLength;
  j.close();
  const seqs = await all(file);
  assert.equal(seqs.length, 2000);
  assert.ok(seqs.every((s, i) => s === i + 1));
  let lastEnd = 0;
  for await (const { event, end } of readJournal(file, 0, middle)) {
    assert.ok(end > lastEnd);
    lastEnd = end;
    assert.equal(event.text, long);
  }
  assert.equal(lastEnd, middle);
});

test('appends notify listeners with the new committed length', () => {
  const j = EventJournal.open(tempFile());
  const seen: number[] = [];
  j.on('append', (length: number) => seen.push(length));
  j.append([{ type: 'EVENT_TYPE_STARTED' }], cursor(0));
  assert.deepEqual(seen, [j.committedLength]);
  j.close();
});

test('damage before committed events: the file is copied aside, then cut back to the last good batch', async () => {
  const file = tempFile();
  const j = EventJournal.open(file);
  j.append([{ type: 'EVENT_TYPE_STARTED' }], cursor(0));
  j.close();
  const good = fs.statSync(file).size;
  fs.appendFileSync(file, 'not json at all\n');
  fs.appendFileSync(file, `${JSON.stringify({ e: { sequence: 2, type: 'EVENT_TYPE_OUTPUT' }, c: cursor(5) })}\n`);
  const damagedSize = fs.statSync(file).size;
  const recovered = EventJournal.open(file);
  assert.ok(recovered.setAside, 'a copy was set aside');
  assert.equal(fs.statSync(recovered.setAside).size, damagedSize, 'the copy is the whole damaged file');
  assert.equal(recovered.committedLength, good);
  assert.equal(recovered.lastSequence, 1);
  recovered.close();
  const torn = tempFile();
  const t = EventJournal.open(torn);
  t.append([{ type: 'EVENT_TYPE_STARTED' }], cursor(0));
  t.close();
  fs.appendFileSync(torn, '{"e":{"seq');
  assert.equal(EventJournal.open(torn).setAside, undefined, 'a torn last line is ordinary, not damage');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunSlots } from '../../../agent/exec/run-slots';

test('a waiter whose caller stops waiting leaves the queue without running; the others keep their order', async () => {
  const slots = new RunSlots(1);
  let release!: () => void;
  const first = slots.run(() => new Promise<string>((resolve) => (release = () => resolve('first'))));
  const gone = new AbortController();
  const ran: string[] = [];
  const abandoned = slots.run(
    async () => void ran.push('abandoned'),
    gone.signal,
    () => new Error('caller left'),
  );
  const last = slots.run(async () => ran.push('last'));
  assert.equal(slots.queued, 2);
  gone.abort();
  await assert.rejects(abandoned, /caller left/);
  assert.equal(slots.queued, 1, 'the abandoned task no longer holds a place');
  release();
  assert.equal(await first, 'first');
  await last;
  assert.deepEqual(ran, ['last']);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpretExit, interpretLine, newInterpreterState } from '../../../agent/jobs/output-interpreter';
import { readFixture } from '../../support/fixtures';

function run(phases: number[], text: string) {
  const state = newInterpreterState(phases, 0);
  const events = text.split('\n').flatMap((line, i) => interpretLine(state, line, i * 1000));
  return { state, events };
}

test('the real alt_disk_mksysb run becomes phase 1 then 3 steps, with no line lost', () => {
  const text = readFixture('alt_disk_mksysb.run.01.txt');
  const { events } = run([1, 2, 3], text);
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  assert.equal(
    events.filter((e) => ['EVENT_TYPE_STEP', 'EVENT_TYPE_OUTPUT', 'EVENT_TYPE_WARNING'].includes(e.type)).length,
    lines.length,
  );
  const marks = events
    .filter((e) => e.type === 'EVENT_TYPE_PHASE_STARTED' || e.type === 'EVENT_TYPE_PHASE_FINISHED')
    .map((e) => `${e.type === 'EVENT_TYPE_PHASE_STARTED' ? '+' : '-'}${e.phase}`);
  // Phase 2 printed nothing (no updates), yet it is opened and closed in its place.
  assert.deepEqual(marks, ['+1', '-1', '+2', '-2', '+3']);
  assert.ok(events.some((e) => e.type === 'EVENT_TYPE_STEP' && e.step === 'Creating logical volume alt_hd5.'));
  assert.ok(
    events.some((e) => e.type === 'EVENT_TYPE_STEP' && /^Bootlist is set to the boot disk: hdisk2/.test(e.step ?? '')),
  );
});

test('percent never goes down and stays within the phases asked for', () => {
  const text = readFixture('alt_disk_mksysb.run.01.txt');
  const state = newInterpreterState([1], 0);
  const percents: number[] = [];
  const events = text.split('\n').flatMap((line, i) => {
    const out = interpretLine(state, line, i * 1000);
    percents.push(state.progress.percent);
    return out;
  });
  assert.ok(
    percents.every((p, i) => i === 0 || p >= percents[i - 1]!),
    `monotonic: ${percents.join(',')}`,
  );
  assert.ok(percents.at(-1)! > 0 && percents.at(-1)! < 100, 'short of 100 until the command ends');
  assert.ok(
    events.every((e) => e.type !== 'EVENT_TYPE_PHASE_STARTED' || e.phase === 1),
    'phase 3 lines are output when only phase 1 runs',
  );
  assert.equal(
    interpretExit(state, 0)
      .map((e) => e.phase)
      .join(),
    '1',
  );
  assert.equal(state.progress.percent, 100);
});

test('message numbers and backup errors are warnings, kept for the record; blank lines are nothing', () => {
  const { events, state } = run([1, 2, 3], '0505-113 alt_disk_copy: Restore error on ./usr/lib/x.\n\n   \nplain line');
  assert.deepEqual(
    events.map((e) => e.type),
    ['EVENT_TYPE_WARNING', 'EVENT_TYPE_OUTPUT'],
  );
  assert.deepEqual(state.warnings, ['0505-113 alt_disk_copy: Restore error on ./usr/lib/x.']);
});

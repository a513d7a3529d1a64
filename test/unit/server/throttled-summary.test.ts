import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SUMMARY_TIMING } from '../../../agent/server/connection-log';
import { ThrottledSummary, type Tallies } from '../../../agent/server/throttled-summary';

function collector(): { lines: Tallies[]; summary: ThrottledSummary } {
  const lines: Tallies[] = [];
  return {
    lines,
    summary: new ThrottledSummary({ settleMs: 20, intervalMs: 200, write: (tallies) => lines.push(tallies) }),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test('a burst of events makes one line, after the settle time', async () => {
  const { lines, summary } = collector();
  for (let i = 0; i < 1000; i++) {
    summary.note('peers', '10.0.0.9');
    summary.note('reasons', i % 2 ? 'ERR_TLS_HANDSHAKE_TIMEOUT' : 'ECONNRESET');
  }
  assert.equal(lines.length, 0);
  await sleep(60);
  assert.deepEqual(lines, [
    { peers: { '10.0.0.9': 1000 }, reasons: { ERR_TLS_HANDSHAKE_TIMEOUT: 500, ECONNRESET: 500 } },
  ]);
});

test('events after a line wait for the interval, then make one more line', async () => {
  const { lines, summary } = collector();
  summary.note('peers', 'a');
  await sleep(60);
  summary.note('peers', 'b');
  summary.note('peers', 'b');
  await sleep(60);
  assert.equal(lines.length, 1, 'not before the interval');
  await sleep(400);
  assert.deepEqual(lines, [{ peers: { a: 1 } }, { peers: { b: 2 } }]);
});

test("the agent's timing: the first line a second after a quiet spell, then at most one per half minute", () => {
  assert.deepEqual(SUMMARY_TIMING, { settleMs: 1000, intervalMs: 30_000 });
});

test('ten values are shown, the rest summed as others; close() writes what is pending', () => {
  const { lines, summary } = collector();
  for (let peer = 0; peer < 25; peer++) for (let n = 0; n <= peer; n++) summary.note('peers', `10.0.0.${peer}`);
  summary.close();
  const [line] = lines;
  assert.ok(line);
  const peers = line['peers']!;
  assert.equal(Object.keys(peers).length, 11);
  assert.equal(peers['10.0.0.24'], 25);
  assert.equal(peers['others'], (15 * 16) / 2);
  summary.close();
  assert.equal(lines.length, 1, 'nothing pending, nothing written');
});

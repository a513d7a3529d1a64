import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { parseLspath, pathCounts } from '../../../agent/aix/parsers/lspath';
import { listFixtures, readFixture } from '../../support/fixtures';

test('lspath: every fixture; paths counted per disk', () => {
  const expected: Record<string, Record<string, number>> = {
    // Two VIOS: hdisk0 and hdisk1 have a path through each vscsi adapter, hdisk2 one.
    'lspath.vscsi.01.txt': { hdisk0: 2, hdisk1: 2, hdisk2: 1 },
  };
  const fixtures = listFixtures('lspath.');
  assert.deepEqual(fixtures, Object.keys(expected));
  for (const name of fixtures) {
    const entries = parseLspath(readFixture(name));
    assert.ok(
      entries.every((e) => e.status === 'Enabled' && /^vscsi\d$/.test(e.parent)),
      name,
    );
    assert.deepEqual(Object.fromEntries(pathCounts(entries)), expected[name], name);
  }
});

test('lspath: a connection column is kept; garbage is a ParseError', () => {
  assert.deepEqual(
    parseLspath('Enabled hdisk4 fscsi0 500507680140b855,1000000000000\n')[0]?.connection,
    '500507680140b855,1000000000000',
  );
  assert.throws(() => parseLspath('Enabled\n'), ParseError);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBosboot } from '../../../agent/aix/parsers/bosboot';
import { listFixtures, readFixture } from '../../support/fixtures';

test('bosboot -ad: every fixture gives the block count', () => {
  const expected: Record<string, number> = {
    'bosboot.success.01.txt': 53276,
    'bosboot.success.02.txt': 49180,
    'bosboot.success.03.txt': 69660,
  };
  const fixtures = listFixtures('bosboot.');
  assert.equal(fixtures.length, 3);
  for (const name of fixtures) {
    const result = parseBosboot(readFixture(name));
    assert.equal(result.blocks, expected[name], name);
    assert.deepEqual(result.lines, [`bosboot: Boot image is ${expected[name]} 512 byte blocks.`], name);
  }
});

test('bosboot: surrounding lines kept, CRLF, no count when it failed', () => {
  const emgr =
    '    Rebuilding boot image ...\r\n    bosboot: Boot image is 49180 512 byte blocks.\r\n    Successfully rebuilt boot image.\r\n';
  assert.deepEqual(parseBosboot(emgr), {
    blocks: 49180,
    lines: [
      'Rebuilding boot image ...',
      'bosboot: Boot image is 49180 512 byte blocks.',
      'Successfully rebuilt boot image.',
    ],
  });
  // Synthetic failure text: no published 0301-xxx capture was found (see SOURCES.md).
  const failed = parseBosboot(
    '0301-168 bosboot: The current boot logical volume, /dev/hd5,\n\tdoes not exist on /dev/hdisk1.\n',
  );
  assert.equal(failed.blocks, null);
  assert.equal(failed.lines.length, 2);
  assert.deepEqual(parseBosboot(''), { blocks: null, lines: [] });
});

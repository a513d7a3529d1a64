import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseImageData } from '../../../agent/aix/parsers/image-data';
import { listFixtures, readFixture } from '../../support/fixtures';

test("image.data: every capture gives the PP size and each lv_data stanza's LPs and COPIES", () => {
  const expected = {
    // mkszfile of a mirrored rootvg: hd5 is written with COPIES 1 although it has 2 PPs (PP= 2)
    'image.data.mkszfile-mirrored.01.txt': { ppSizeMb: 32, lvs: [{ name: 'hd5', lps: 1, copies: 1, ppSizeMb: 32 }] },
    'image.data.hd6-mirrored.01.txt': { ppSizeMb: null, lvs: [{ name: 'hd6', lps: 124, copies: 2, ppSizeMb: 128 }] },
  };
  const fixtures = listFixtures('image.data.');
  assert.deepEqual(fixtures, Object.keys(expected).sort());
  for (const name of fixtures)
    assert.deepEqual(parseImageData(readFixture(name)), expected[name as keyof typeof expected], name);
});

test('image.data: a stanza without LOGICAL_VOLUME or LPs is left out; no COPIES means one; CRLF and blanks are fine', () => {
  const text =
    'vg_data:\r\nPPSIZE= 64\r\n\r\nlv_data:\r\nLOGICAL_VOLUME= hd4\r\nLPs= 3\r\n\r\nlv_data:\r\nLPs= 9\r\n\r\nlv_data:\r\nLOGICAL_VOLUME= hd2\r\nLPs= x\r\n';
  assert.deepEqual(parseImageData(text), { ppSizeMb: 64, lvs: [{ name: 'hd4', lps: 3, copies: 1, ppSizeMb: null }] });
  assert.deepEqual(parseImageData(''), { ppSizeMb: null, lvs: [] });
});

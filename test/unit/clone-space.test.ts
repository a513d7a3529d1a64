import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseImageData } from '../../agent/aix/parsers/image-data';
import { parseLsvgLvs } from '../../agent/aix/parsers/lsvg';
import { cloneSpace } from '../../agent/inventory/clone-space';
import { readFixture } from '../support/fixtures';

function rootvgLvs(fixture: string) {
  return parseLsvgLvs(readFixture(fixture))[0]?.lvs ?? [];
}

test("a mirrored rootvg (real lsvg -l): the clone needs one copy of each LV, not rootvg's used partitions", () => {
  const lvs = rootvgLvs('lsvg-l.rootvg-mirrored.01.txt');
  const lps = lvs.reduce((n, lv) => n + lv.lps, 0);
  const pps = lvs.reduce((n, lv) => n + lv.pps, 0);
  assert.deepEqual([lps, pps], [109, 202], 'PPs = 2 x LPs but for lv_dump');
  assert.deepEqual(cloneSpace({ ppSizeMb: 64, usedMb: pps * 64 }, lvs), {
    requiredMb: lps * 64,
    rootvgUsedMb: pps * 64,
    rootvgCopies: 2,
    cloneCopies: 1,
    basis: 'one-copy',
  });
});

test('an unmirrored rootvg (real lsvg -l): one copy is what it uses', () => {
  const lvs = rootvgLvs('lsvg-l.rootvg.01.txt');
  const used = lvs.reduce((n, lv) => n + lv.pps, 0) * 32;
  assert.deepEqual(cloneSpace({ ppSizeMb: 32, usedMb: used }, lvs), {
    requiredMb: used,
    rootvgUsedMb: used,
    rootvgCopies: 1,
    cloneCopies: 1,
    basis: 'one-copy',
  });
});

test('an image.data given with -i decides: LPs x COPIES of its stanzas at its PP size; unread or empty, one copy', () => {
  const lvs = rootvgLvs('lsvg-l.rootvg-mirrored.01.txt');
  const rootvg = { ppSizeMb: 64, usedMb: 202 * 64 };
  const given = parseImageData(readFixture('image.data.hd6-mirrored.01.txt'));
  assert.deepEqual(cloneSpace(rootvg, lvs, given), {
    requiredMb: 124 * 2 * 128,
    rootvgUsedMb: 202 * 64,
    rootvgCopies: 2,
    cloneCopies: 2,
    basis: 'image-data',
  });
  assert.equal(cloneSpace(rootvg, lvs, null).basis, 'one-copy');
  assert.equal(cloneSpace(rootvg, lvs, parseImageData('')).requiredMb, 109 * 64);
});

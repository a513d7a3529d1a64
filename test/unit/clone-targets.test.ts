import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Disk__Output } from '../../shared/generated/altdisk/v1/Disk';
import { rankCloneTargets } from '../../agent/inventory/clone-targets';

function disk(name: string, sizeMb: number, vg = 'None', extra: Partial<Disk__Output> = {}): Disk__Output {
  return { name, pvid: 'none', vg, state: 'PV_STATE_INACTIVE', sizeMb, bootCapable: true, isBootDisk: false, vgRole: 'VG_ROLE_NONE', ...extra };
}

test('the smallest disk that fits ranks first; equal sizes keep lspv order', () => {
  const ranked = rankCloneTargets([disk('hdisk4', 51200), disk('hdisk1', 20480), disk('hdisk6', 20480), disk('hdisk7', 8192)], 5184);
  assert.deepEqual(ranked.filter((t) => t.eligible).map((t) => [t.disk?.name, t.rank]), [['hdisk7', 1], ['hdisk1', 2], ['hdisk6', 3], ['hdisk4', 4]]);
});

test('every reason against a disk is given', () => {
  const ranked = rankCloneTargets([
    disk('hdisk0', 20480, 'rootvg', { isBootDisk: true }),
    disk('hdisk2', 30720, 'datavg'),
    disk('hdisk5', 4096),
    disk('hdisk8', 40960, 'None', { bootCapable: false }),
  ], 5184);
  assert.equal(ranked.every((t) => !t.eligible && t.rank === 0), true);
  const why = Object.fromEntries(ranked.map((t) => [t.disk?.name, t.reasons.join(' | ')]));
  assert.match(why['hdisk0']!, /booted from/);
  assert.match(why['hdisk0']!, /belongs to volume group rootvg/);
  assert.match(why['hdisk2']!, /belongs to volume group datavg/);
  assert.match(why['hdisk5']!, /holds 4096 MB and a clone of rootvg needs 5184 MB/);
  assert.match(why['hdisk8']!, /bootinfo -B/);
});

test('a disk exactly the size needed is eligible', () => {
  assert.equal(rankCloneTargets([disk('hdisk1', 5184)], 5184)[0]?.eligible, true);
});

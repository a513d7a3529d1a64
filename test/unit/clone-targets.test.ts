import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Disk__Output } from '../../shared/generated/altdisk/v1/Disk';
import { rankCloneTargets } from '../../agent/inventory/clone-targets';

function disk(name: string, sizeMb: number, vg = 'None', extra: Partial<Disk__Output> = {}): Disk__Output {
  return {
    name,
    pvid: 'none',
    vg,
    state: 'PV_STATE_INACTIVE',
    sizeMb,
    bootCapable: true,
    isBootDisk: false,
    vgRole: 'VG_ROLE_NONE',
    claim: null,
    unreadable: false,
    error: '',
    ...extra,
  };
}

test('the smallest disk that fits ranks first; equal sizes keep lspv order', () => {
  const ranked = rankCloneTargets(
    [disk('hdisk4', 51200), disk('hdisk1', 20480), disk('hdisk6', 20480), disk('hdisk7', 8192)],
    5184,
  );
  assert.deepEqual(
    ranked.filter((t) => t.eligible).map((t) => [t.disk?.name, t.rank]),
    [
      ['hdisk7', 1],
      ['hdisk1', 2],
      ['hdisk6', 3],
      ['hdisk4', 4],
    ],
  );
});

test('every reason against a disk is given', () => {
  const ranked = rankCloneTargets(
    [
      disk('hdisk0', 20480, 'rootvg', { isBootDisk: true }),
      disk('hdisk2', 30720, 'datavg'),
      disk('hdisk5', 4096),
      disk('hdisk8', 40960, 'None', { bootCapable: false }),
    ],
    5184,
  );
  assert.equal(
    ranked.every((t) => !t.eligible && t.rank === 0),
    true,
  );
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

test('a claimed disk is not eligible, and the reason names its owner and tool instead of reducevg', () => {
  const ranked = rankCloneTargets(
    [
      disk('hdisk6', 51200, 'None', {
        claim: {
          kind: 'DISK_CLAIM_KIND_MULTIPATH_PATH',
          owner: 'hdiskpower0',
          evidence: 'powermt lists it',
          remedy: 'clone elsewhere',
        },
      }),
      disk('hdisk9', 51200, 'gpfs1nsd', {
        claim: {
          kind: 'DISK_CLAIM_KIND_GPFS_NSD',
          owner: 'gpfs1nsd',
          evidence: 'lspv names gpfs1nsd',
          remedy: 'mmdelnsd gpfs1nsd',
        },
      }),
    ],
    5184,
  );
  assert.equal(
    ranked.every((t) => !t.eligible),
    true,
  );
  assert.match(ranked[0]!.reasons.join(' '), /pseudo-device hdiskpower0: powermt lists it; clone elsewhere/);
  assert.match(ranked[1]!.reasons.join(' '), /GPFS \(NSD gpfs1nsd\).*mmdelnsd gpfs1nsd/);
  assert.doesNotMatch(ranked[1]!.reasons.join(' '), /volume group gpfs1nsd/);
});

test('an unreadable disk is not eligible, with the error; the others are ranked', () => {
  const ranked = rankCloneTargets(
    [
      disk('hdisk1', 20480),
      disk('hdisk4', 0, 'None', { unreadable: true, error: 'bootinfo -s hdisk4 failed', bootCapable: false }),
    ],
    5184,
  );
  assert.deepEqual(
    ranked.map((t) => [t.disk?.name, t.eligible]),
    [
      ['hdisk1', true],
      ['hdisk4', false],
    ],
  );
  assert.deepEqual(ranked[1]!.reasons, [
    'its size and bootability could not be read (bootinfo -s hdisk4 failed); check the disk on the host (lsdev -l hdisk4, cfgmgr)',
  ]);
});

test('an eligible disk with warnings ranks after those without, and carries them', () => {
  const ranked = rankCloneTargets(
    [disk('hdisk7', 8192), disk('hdisk1', 20480)],
    5184,
    new Map([['hdisk7', ['its header holds a VGDA']]]),
  );
  assert.deepEqual(
    ranked.map((t) => [t.disk?.name, t.rank, t.warnings]),
    [
      ['hdisk1', 1, []],
      ['hdisk7', 2, ['its header holds a VGDA']],
    ],
  );
});

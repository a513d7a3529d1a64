import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBootlist } from '../../agent/aix/parsers/bootlist';
import { nextBootDisk } from '../../agent/inventory/next-boot';
import { newBootList, sameDevices } from '../../agent/services/bootlist-words';
import { checkOtherDevices } from '../../agent/services/boot-requests';
import { InvalidArgumentError } from '../../shared/errors';

const isDisk = (name: string) => name.startsWith('hdisk');
const list = parseBootlist(
  'fd0\ncd0\nhdisk0 blv=hd5 pathid=0\nhdisk0 blv=hd5 pathid=1\n-\nent0 bserver=10.0.0.1 client=10.0.0.7 gateway=10.0.0.254\n',
);

test('the next boot disk is the first disk with a boot record, past fd0, cd0 and disks without one', () => {
  assert.equal(nextBootDisk(list, new Set(['hdisk0'])), 'hdisk0');
  assert.equal(
    nextBootDisk(parseBootlist('cd0\nhdisk4\nhdisk1 blv=hd5\nhdisk0 blv=hd5\n'), new Set(['hdisk0', 'hdisk1'])),
    'hdisk1',
  );
  assert.equal(nextBootDisk(parseBootlist('cd0\nent0\n'), new Set(['hdisk0'])), '');
  assert.equal(nextBootDisk([], new Set(['hdisk0'])), '');
});

test('"-" (a device gone, as the man page says -o shows it) parses as a device named -', () => {
  assert.deepEqual(
    list.map((d) => d.device),
    ['fd0', 'cd0', 'hdisk0', 'hdisk0', '-', 'ent0'],
  );
});

test('new disks take the place of the old ones; other devices keep their side and attributes; "-" goes', () => {
  assert.deepEqual(newBootList(list, ['hdisk1', 'hdisk0'], isDisk, 'keep'), {
    devices: ['fd0', 'cd0', 'hdisk1', 'hdisk0', 'ent0'],
    words: ['fd0', 'cd0', 'hdisk1', 'hdisk0', 'ent0', 'bserver=10.0.0.1', 'client=10.0.0.7', 'gateway=10.0.0.254'],
  });
  assert.deepEqual(newBootList(list, ['hdisk1'], isDisk, 'drop'), { devices: ['hdisk1'], words: ['hdisk1'] });
  // no disk in the list: every other device stays ahead of the new disks
  assert.deepEqual(newBootList(parseBootlist('cd0\nent0\n'), ['hdisk0'], isDisk, 'keep').devices, [
    'cd0',
    'ent0',
    'hdisk0',
  ]);
});

test('sameDevices compares distinct devices in order', () => {
  assert.equal(sameDevices(list, ['fd0', 'cd0', 'hdisk0', '-', 'ent0']), true);
  assert.equal(sameDevices(list, ['fd0', 'cd0', 'hdisk0', 'ent0']), false);
});

test('other_devices: unspecified and KEEP keep, DROP drops, unknown numbers are refused', () => {
  assert.equal(checkOtherDevices('OTHER_DEVICES_UNSPECIFIED'), 'keep');
  assert.equal(checkOtherDevices(0), 'keep');
  assert.equal(checkOtherDevices('OTHER_DEVICES_KEEP'), 'keep');
  assert.equal(checkOtherDevices('OTHER_DEVICES_DROP'), 'drop');
  assert.throws(
    () => checkOtherDevices(9 as never),
    (e: unknown) => e instanceof InvalidArgumentError && e.field === 'other_devices',
  );
});

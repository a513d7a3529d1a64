import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkBootListDisks, checkMode } from '../../agent/services/boot-requests';
import { InvalidArgumentError } from '../../shared/errors';

test('modes: names map, unspecified takes the default, unknown numbers are refused', () => {
  assert.equal(checkMode('BOOT_MODE_SERVICE', 'normal'), 'service');
  assert.equal(checkMode('BOOT_MODE_UNSPECIFIED', 'both'), 'both');
  assert.equal(checkMode(0, 'normal'), 'normal');
  assert.throws(
    () => checkMode(7 as never, 'normal'),
    (e: unknown) => e instanceof InvalidArgumentError && e.field === 'mode',
  );
});

test('boot list disks: at least one, at most five, valid names, no repeats', () => {
  assert.deepEqual(checkBootListDisks(['hdisk1', 'hdisk0']), ['hdisk1', 'hdisk0']);
  const field = (disks: string[]) => {
    try {
      checkBootListDisks(disks);
    } catch (e) {
      assert.ok(e instanceof InvalidArgumentError);
      return e.field;
    }
    return 'accepted';
  };
  assert.equal(field([]), 'disks');
  assert.equal(field(['hdisk0', 'hdisk1', 'hdisk2', 'hdisk3', 'hdisk4', 'hdisk5']), 'disks');
  assert.equal(field(['hdisk0', 'hdisk0;reboot']), 'disks[1]');
  assert.equal(field(['$(touch /tmp/x)']), 'disks[0]');
  assert.equal(field(['../../etc']), 'disks[0]');
  assert.equal(field(['hdisk1', 'hdisk1']), 'disks[1]');
});

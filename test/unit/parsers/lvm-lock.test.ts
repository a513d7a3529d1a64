import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseVgLockWarning } from '../../../agent/aix/parsers/lvm-lock';
import { lvmMessages } from '../../../aixsim/format/lvm-messages';
import { listFixtures, readFixture } from '../../support/fixtures';

const TEXT =
  "0516-1201 lsvg: Warning: Volume group rootvg is locked. This command will continue retries until lock is free. If lock is inadvertent and needs to be removed, execute 'chvg -u rootvg'.";

test('0516-1201: every capture names the command, the locked VG and the whole warning', () => {
  const fixtures = listFixtures('lvm-lock.');
  assert.deepEqual(fixtures, ['lvm-lock.lsvg-l.01.txt']);
  assert.deepEqual(parseVgLockWarning(readFixture('lvm-lock.lsvg-l.01.txt')), {
    command: 'lsvg',
    vg: 'rootvg',
    text: TEXT,
  });
});

test('0516-1201: read while the command still runs, from any chunk boundary on', () => {
  const full = readFixture('lvm-lock.lsvg-l.01.txt');
  // the first line is incomplete: not yet a warning
  assert.equal(parseVgLockWarning(full.slice(0, 40)), null);
  // the first line is enough to know the VG; the text grows as the rest arrives
  const firstLine = full.slice(0, full.indexOf('\n') + 1);
  assert.equal(parseVgLockWarning(firstLine)?.vg, 'rootvg');
  // other output before it, CRLF, and aixsim's tab-indented form
  assert.equal(parseVgLockWarning(`some other line\r\n${full.replace(/\n/g, '\r\n')}`)?.text, TEXT);
  assert.deepEqual(parseVgLockWarning(lvmMessages.vgLocked('lslv', 'datavg')), {
    command: 'lslv',
    vg: 'datavg',
    text: TEXT.replace('lsvg', 'lslv').replace(/rootvg/g, 'datavg'),
  });
});

test('0516-1201: other LVM messages are not a lock', () => {
  assert.equal(parseVgLockWarning(''), null);
  assert.equal(parseVgLockWarning(lvmMessages.vgNotVariedOn()), null);
  assert.equal(parseVgLockWarning(lvmMessages.vgNotFound('rootvg')), null);
});

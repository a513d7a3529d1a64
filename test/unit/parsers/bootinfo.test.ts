import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { parseBootinfoBootable, parseBootinfoDisk, parseBootinfoNumber } from '../../../agent/aix/parsers/bootinfo';
import { listFixtures, readFixture } from '../../support/fixtures';

test('bootinfo -b and getconf BOOT_DEVICE fixtures', () => {
  assert.deepEqual(listFixtures('bootinfo-b.'), ['bootinfo-b.01.txt', 'bootinfo-b.empty.01.txt']);
  assert.equal(parseBootinfoDisk(readFixture('bootinfo-b.01.txt')), 'hdisk0');
  assert.equal(parseBootinfoDisk(readFixture('getconf.BOOT_DEVICE.01.txt')), 'hdisk0');
  // After a rootvg migration bootinfo -b prints nothing (IBM developerWorks); that is '' and not an error.
  assert.equal(parseBootinfoDisk(readFixture('bootinfo-b.empty.01.txt')), '');
});

test('bootinfo -b: CRLF and blanks; two words or an error text are ParseErrors', () => {
  assert.equal(parseBootinfoDisk('  hdisk12 \r\n'), 'hdisk12');
  assert.throws(
    () => parseBootinfoDisk('hdisk0 hdisk1\n'),
    (e: unknown) => e instanceof ParseError && e.command === 'bootinfo -b',
  );
  assert.throws(() => parseBootinfoDisk('bootinfo: not found\nline two\n'), ParseError);
});

test('bootinfo -s/-K/-y/-r/-t and getconf DISK_SIZE fixtures are numbers', () => {
  const expected: Record<string, number> = {
    'bootinfo-s.hdisk0.01.txt': 140013,
    'bootinfo-s.hdisk0.02.txt': 70007,
    'bootinfo-s.hdisk1.01.txt': 34858,
    'bootinfo-s.hdisk1.02.txt': 30720,
    'bootinfo-K.01.txt': 64,
    'bootinfo-y.01.txt': 64,
    'bootinfo-r.01.txt': 4194304,
    'bootinfo-t.01.txt': 1,
    'getconf.DISK_SIZE.01.txt': 10240,
  };
  const fixtures = [
    ...listFixtures('bootinfo-s.'),
    ...listFixtures('bootinfo-K.'),
    ...listFixtures('bootinfo-y.'),
    ...listFixtures('bootinfo-r.'),
    ...listFixtures('bootinfo-t.'),
    ...listFixtures('getconf.DISK_SIZE.'),
  ];
  assert.equal(fixtures.length, Object.keys(expected).length);
  for (const name of fixtures) assert.equal(parseBootinfoNumber(readFixture(name)), expected[name], name);
});

test('bootinfo numbers: empty output, words and negative numbers are ParseErrors', () => {
  assert.throws(() => parseBootinfoNumber(''), ParseError);
  assert.throws(() => parseBootinfoNumber(readFixture('bootinfo-p.01.txt')), ParseError); // "chrp"
  assert.throws(() => parseBootinfoNumber('-1\n'), ParseError);
  assert.equal(parseBootinfoNumber('\t512\r\n'), 512);
});

test('bootinfo -B: non-zero is bootable (no published capture; behaviour from a script comment)', () => {
  assert.equal(parseBootinfoBootable('1\n'), true);
  assert.equal(parseBootinfoBootable('0\n'), false);
  assert.equal(parseBootinfoBootable('2'), true);
  assert.throws(
    () => parseBootinfoBootable(''),
    (e: unknown) => e instanceof ParseError && e.command === 'bootinfo -B',
  );
  assert.throws(() => parseBootinfoBootable('yes'), ParseError);
});

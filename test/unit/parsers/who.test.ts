import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { parseWhoBoot } from '../../../agent/aix/parsers/who';
import { listFixtures, readFixture } from '../../support/fixtures';

// Dates are built and read in local time, as who -b prints the host's local time.
function parts(date: Date | null): number[] | null {
  return date === null
    ? null
    : [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()];
}

test('who -b: every fixture, year chosen from now', () => {
  assert.deepEqual(listFixtures('who-b.'), ['who-b.01.txt', 'who-b.02.txt']);
  const now = new Date(2014, 9, 1, 12, 0); // 1 Oct 2014
  assert.deepEqual(parts(parseWhoBoot(readFixture('who-b.01.txt'), now)), [2014, 9, 24, 17, 52]);
  assert.deepEqual(parts(parseWhoBoot(readFixture('who-b.02.txt'), now)), [2014, 9, 28, 10, 55]);
});

test('who -b: a date later in the year than now belongs to last year', () => {
  const now = new Date(2015, 0, 10, 8, 0); // 10 Jan 2015
  assert.deepEqual(parts(parseWhoBoot(readFixture('who-b.01.txt'), now)), [2014, 9, 24, 17, 52]);
  // Booted a minute from now: last year. Booted exactly now: this year.
  const edge = new Date(2015, 8, 24, 17, 51);
  assert.deepEqual(parts(parseWhoBoot(readFixture('who-b.01.txt'), edge)), [2014, 9, 24, 17, 52]);
  assert.deepEqual(
    parts(parseWhoBoot(readFixture('who-b.01.txt'), new Date(2015, 8, 24, 17, 52))),
    [2015, 9, 24, 17, 52],
  );
});

test('who -b: Feb 29 goes back to the last leap year; single-digit day; CRLF', () => {
  assert.deepEqual(
    parts(parseWhoBoot('   .        system boot Feb 29 08:00\r\n', new Date(2023, 5, 1))),
    [2020, 2, 29, 8, 0],
  );
  assert.deepEqual(
    parts(parseWhoBoot('   .        system boot Mar  4 07:05\n', new Date(2024, 2, 10))),
    [2024, 3, 4, 7, 5],
  );
});

test('who -b: ISO dates (other systems) are read as printed', () => {
  assert.deepEqual(
    parts(parseWhoBoot('         system boot  2014-01-23 21:18\n', new Date(2020, 0, 1))),
    [2014, 1, 23, 21, 18],
  );
});

test('who -b: no boot line is null; a garbled date is a ParseError', () => {
  assert.equal(parseWhoBoot('', new Date()), null);
  assert.equal(parseWhoBoot('root        pts/0       Sep 24 17:55     (10.0.0.1)\n', new Date()), null);
  assert.throws(
    () => parseWhoBoot('   .        system boot Foo 24 17:52\n', new Date()),
    (e: unknown) => e instanceof ParseError && e.command === 'who -b',
  );
});

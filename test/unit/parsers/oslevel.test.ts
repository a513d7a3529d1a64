import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { parseOslevel } from '../../../agent/aix/parsers/oslevel';
import { listFixtures, readFixture } from '../../support/fixtures';

test('oslevel -s: every fixture', () => {
  const expected: Record<string, [string, number, number, string]> = {
    'oslevel-s.01.txt': ['7200', 3, 3, '1914'],
    'oslevel-s.02.txt': ['6100', 9, 4, '1441'],
    'oslevel-s.03.txt': ['7200', 5, 2, '2114'],
    'oslevel-s.04.txt': ['7200', 5, 5, '2246'],
    'oslevel-s.05.txt': ['6100', 8, 2, '1316'],
  };
  const fixtures = listFixtures('oslevel-s.');
  assert.equal(fixtures.length, 5);
  for (const name of fixtures) {
    const level = parseOslevel(readFixture(name));
    assert.deepEqual([level.version, level.technologyLevel, level.servicePack, level.buildWeek], expected[name], name);
    assert.equal(level.raw, readFixture(name).trim());
  }
});

test('oslevel -r: every fixture', () => {
  const expected: Record<string, [string, number]> = {
    'oslevel-r.01.txt': ['6100', 4],
    'oslevel-r.02.txt': ['6100', 9],
  };
  assert.deepEqual(listFixtures('oslevel-r.'), Object.keys(expected), 'every fixture has its expected level');
  for (const name of listFixtures('oslevel-r.')) {
    const level = parseOslevel(readFixture(name));
    assert.deepEqual(
      [level.version, level.technologyLevel, level.servicePack, level.buildWeek],
      [...(expected[name] ?? []), null, null],
      name,
    );
  }
});

test('oslevel: the examples of the brief, plain oslevel, CRLF', () => {
  assert.deepEqual(parseOslevel('7200-05-03-2148\r\n'), {
    raw: '7200-05-03-2148',
    version: '7200',
    technologyLevel: 5,
    servicePack: 3,
    buildWeek: '2148',
  });
  assert.deepEqual(parseOslevel('  7200-05 \n'), {
    raw: '7200-05',
    version: '7200',
    technologyLevel: 5,
    servicePack: null,
    buildWeek: null,
  });
  assert.deepEqual(parseOslevel('7.2.0.0\n'), {
    raw: '7.2.0.0',
    version: '7200',
    technologyLevel: null,
    servicePack: null,
    buildWeek: null,
  });
});

test('oslevel: empty, several lines, or garbage are ParseErrors', () => {
  assert.throws(
    () => parseOslevel(''),
    (e: unknown) => e instanceof ParseError && e.command === 'oslevel',
  );
  assert.throws(() => parseOslevel('7200-05\n7300-01\n'), ParseError);
  assert.throws(
    () => parseOslevel('oslevel: not found'),
    (e: unknown) => e instanceof ParseError && e.line === 'oslevel: not found',
  );
});

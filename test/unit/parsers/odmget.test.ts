import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { parseOdmget, tcbStateOf } from '../../../agent/aix/parsers/odmget';
import { listFixtures, readFixture } from '../../support/fixtures';

const unique = (name: string, value: string) => ({
  name,
  attribute: 'unique_id',
  value,
  type: 'R',
  generic: '',
  rep: 'nl',
  nls_index: '79',
});

test('odmget: every fixture, one record per stanza', () => {
  const expected: Record<string, { objectClass: string; fields: Record<string, string> }[]> = {
    'odmget.CuAt-unique_id.01.txt': [
      { objectClass: 'CuAt', fields: unique('hdisk0', '21080002FB130AST373455LC03IBMscsi') },
      { objectClass: 'CuAt', fields: unique('hdisk1', '21080002F94A0AST373455LC03IBMscsi') },
    ],
  };
  const fixtures = listFixtures('odmget.');
  assert.deepEqual(fixtures, Object.keys(expected));
  for (const name of fixtures) assert.deepEqual(parseOdmget(readFixture(name)), expected[name], name);
});

// No published `odmget -q attribute=TCB_STATE PdAt` stanza was found (see SOURCES.md); AIX's installp scripts read
// its `deflt` line (`fgrep deflt | cut -d\" -f2`), and the other descriptors are those of the PdAt class.
const pdat = (deflt: string) =>
  `\nPdAt:\n\tuniquetype = ""\n\tattribute = "TCB_STATE"\n\tdeflt = "${deflt}"\n\tvalues = ""\n\twidth = ""\n\ttype = ""\n\tgeneric = ""\n\trep = ""\n\tnls_index = 0\n`;

test('TCB state: enabled, disabled, corrupted or absent', () => {
  assert.deepEqual(tcbStateOf(parseOdmget(pdat('tcb_enabled'))), { state: 'enabled', value: 'tcb_enabled' });
  assert.deepEqual(tcbStateOf(parseOdmget(pdat('tcb_disabled'))), { state: 'disabled', value: 'tcb_disabled' });
  assert.deepEqual(tcbStateOf(parseOdmget(pdat('garbage'))), { state: 'unknown', value: 'garbage' });
  assert.deepEqual(tcbStateOf(parseOdmget('')), { state: 'unknown', value: null });
});

test('odmget: escaped quotes, CRLF, unquoted numbers; garbage is a ParseError', () => {
  assert.deepEqual(parseOdmget('CuAt:\r\n\tname = "a\\"b"\r\n\tnls_index = 3\r\n'), [
    { objectClass: 'CuAt', fields: { name: 'a"b', nls_index: '3' } },
  ]);
  assert.throws(() => parseOdmget('\tname = "orphan"\n'), ParseError);
  assert.throws(() => parseOdmget('CuAt:\n\tname = "unterminated\n'), ParseError);
  assert.throws(() => parseOdmget('0514-519 The following file could not be opened:\n'), ParseError);
});

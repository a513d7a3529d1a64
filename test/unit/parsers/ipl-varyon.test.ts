import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { parseIplVaryon } from '../../../agent/aix/parsers/ipl-varyon';
import { listFixtures } from '../../support/fixtures';

// No published ipl_varyon -i capture was found (SOURCES.md); these inputs follow the inferred layout.
const SAMPLE = [
  '',
  'PVNAME          BOOT DEVICE     PVID                                    VOLUME GROUP ID',
  'hdisk0          YES             00f6db0a6c7aece50000000000000000        00f6db0a00004c00',
  'hdisk1          NO              00c25ab0062fa5760000000000000000        00c25ab000004c00',
  'hdisk2          NO              00c25ab0056a002a0000000000000000        00c25ab000004c00',
].join('\n');

test('ipl_varyon -i: no fixture exists yet', () => {
  assert.deepEqual(listFixtures('ipl_varyon'), []);
});

test('ipl_varyon -i: boot devices and identifiers', () => {
  assert.deepEqual(parseIplVaryon(SAMPLE), [
    { disk: 'hdisk0', bootDevice: true, pvid: '00f6db0a6c7aece50000000000000000', vgid: '00f6db0a00004c00' },
    { disk: 'hdisk1', bootDevice: false, pvid: '00c25ab0062fa5760000000000000000', vgid: '00c25ab000004c00' },
    { disk: 'hdisk2', bootDevice: false, pvid: '00c25ab0056a002a0000000000000000', vgid: '00c25ab000004c00' },
  ]);
});

test('ipl_varyon -i: CRLF, tabs, lower-case yes, header only', () => {
  assert.equal(
    parseIplVaryon(SAMPLE.replace(/\n/g, '\r\n').replace(/ {2,}/g, '\t')).filter((e) => e.bootDevice).length,
    1,
  );
  assert.equal(parseIplVaryon('PVNAME BOOT DEVICE PVID VOLUME GROUP ID\nhdisk3 yes 00aa 00bb\n')[0]?.bootDevice, true);
  assert.deepEqual(parseIplVaryon('PVNAME          BOOT DEVICE     PVID      VOLUME GROUP ID\n'), []);
});

test('ipl_varyon -i: missing header or a bad flag is a ParseError', () => {
  assert.throws(
    () => parseIplVaryon('hdisk0 YES 00f6 00f6\n'),
    (e: unknown) => e instanceof ParseError && e.command === 'ipl_varyon -i',
  );
  assert.throws(
    () => parseIplVaryon('PVNAME BOOT DEVICE PVID VOLUME GROUP ID\nhdisk0 MAYBE 00f6 00f6\n'),
    (e: unknown) => e instanceof ParseError && e.line === 'hdisk0 MAYBE 00f6 00f6',
  );
});

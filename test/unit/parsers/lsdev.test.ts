import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { parseLsdev } from '../../../agent/aix/parsers/lsdev';
import { listFixtures, readFixture } from '../../support/fixtures';

type Row = [name: string, status: string, location: string, description: string];

const scsi = (n: number, location: string): Row => [`hdisk${n}`, 'Available', location, '16 Bit LVD SCSI Disk Drive'];

const expected: Record<string, Row[]> = {
  // A Defined disk (not configured: no I/O possible) beside an Available one; MPIO disks say so in their description.
  'lsdev.mpio-defined.01.txt': [
    scsi(0, '04-08-00-8,0'),
    ['hdisk1', 'Defined', '02-08-01', 'MPIO Other DS4K Array Disk'],
    ['hdisk2', 'Defined', '02-08-01', 'MPIO Other DS4K Array Disk'],
    ['hdisk3', 'Defined', '02-08-01', 'MPIO Other DS4K Array Disk'],
  ],
  'lsdev.scsi.01.txt': [
    scsi(0, '23-06-00-6,0'),
    scsi(1, '3p-06-00-6,0'),
    scsi(2, '4b-06-00-6,0'),
    scsi(3, '5M-06-00-6,0'),
  ],
  // No location code: the column is left blank (two blanks before the description).
  'lsdev.iscsi-no-location.01.txt': [['hdisk10', 'Available', '', 'Other iSCSI Disk Drive']],
};

test('lsdev: every fixture, name, status, location and description', () => {
  const fixtures = listFixtures('lsdev.');
  assert.deepEqual(fixtures, Object.keys(expected).sort());
  for (const name of fixtures) {
    assert.deepEqual(
      parseLsdev(readFixture(name)).map((e): Row => [e.name, e.status, e.location, e.description]),
      expected[name],
      name,
    );
  }
});

test('lsdev: pseudo-devices; a line that is no device is a ParseError', () => {
  assert.deepEqual(parseLsdev('hdiskpower0 Available 04-08-02 PowerPath Device\n')[0]?.description, 'PowerPath Device');
  assert.throws(() => parseLsdev('hdisk0 Frobbed 04-08-00 Disk\n'), ParseError);
  assert.throws(() => parseLsdev('lsdev: 0514-521 Cannot find information in the predefined\n'), ParseError);
});

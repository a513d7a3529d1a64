import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { parseMmlsnsd } from '../../../agent/aix/parsers/mmlsnsd';
import { listFixtures, readFixture } from '../../support/fixtures';

type Row = [nsd: string, device: string, devtype: string, node: string, remarks: string];

test('mmlsnsd -X / -m: every fixture, an NSD per row with its local device', () => {
  const expected: Record<string, Row[]> = {
    'mmlsnsd-X.01.txt': [
      ['test1_nsd11', '/dev/vdb', 'generic', 'gpfs1', 'server node'],
      ['test1_nsd21', '/dev/vdb', 'generic', 'gpfs2', 'server node'],
      ['test2_nsd11', '/dev/vdc', 'generic', 'gpfs1', 'server node'],
      ['test2_nsd21', '/dev/vdc', 'generic', 'gpfs2', 'server node'],
    ],
    // -m has no Devtype column.
    'mmlsnsd-m.01.txt': [
      ['gpfs1nsd', '/dev/sdb', '', 'gpfs-01', 'server node'],
      ['gpfs2nsd', '/dev/sdb', '', 'gpfs-02', 'server node'],
    ],
  };
  const fixtures = listFixtures('mmlsnsd-');
  assert.deepEqual(fixtures, Object.keys(expected));
  for (const name of fixtures) {
    assert.deepEqual(
      parseMmlsnsd(readFixture(name)).map((e): Row => [e.nsd, e.device, e.devtype, e.node, e.remarks]),
      expected[name],
      name,
    );
  }
});

test('mmlsnsd: output without the header is a ParseError', () => {
  assert.throws(() => parseMmlsnsd('mmlsnsd: This node does not belong to a GPFS cluster.\n'), ParseError);
});

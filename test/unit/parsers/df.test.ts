import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDf, type DfEntry } from '../../../agent/aix/parsers/df';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { listFixtures, readFixture } from '../../support/fixtures';

type Row = [
  filesystem: string,
  blocks: number | null,
  free: number | null,
  usedPercent: number | null,
  mountedOn: string,
];
const rows = (entries: DfEntry[]): Row[] =>
  entries.map((e) => [e.filesystem, e.blocks, e.free, e.usedPercent, e.mountedOn]);

const expected: Record<string, Row[]> = {
  'df-g.01.txt': [
    ['/dev/hd4', 0.09, 0.06, 41, '/'],
    ['/dev/hd2', 2.16, 0.26, 89, '/usr'],
    ['/dev/hd9var', 0.19, 0.16, 17, '/var'],
    ['/dev/hd3', 0.22, 0.22, 1, '/tmp'],
    ['/dev/hd1', 0.03, 0.03, 2, '/home'],
    ['/dev/hd11admin', 0.12, 0.12, 1, '/admin'],
    ['/proc', null, null, null, '/proc'],
    ['/dev/hd10opt', 0.44, 0.05, 90, '/opt'],
    ['/dev/||vedump', 0.25, 0.25, 1, '/var/admin/ras/||vedump'],
  ],
  'df-g.02.txt': [
    ['/dev/hd4', 0.09, 0.06, 41, '/'],
    ['/dev/hd2', 6.12, 4.25, 31, '/usr'],
    ['/dev/hd9var', 5.19, 4.75, 9, '/var'],
    ['/dev/hd3', 4.22, 4.21, 1, '/tmp'],
    ['/dev/hd1', 20.03, 17.73, 12, '/home'],
    ['/dev/hd11admin', 0.12, 0.12, 1, '/admin'],
    ['/proc', null, null, null, '/proc'],
    ['/dev/hd10opt', 10.41, 8.77, 16, '/opt'],
    ['/dev/livedump', 0.25, 0.25, 1, '/var/adm/ras/livedump'],
    ['/dev/repo00', 8.41, 0.01, 100, '/usr/sys/inst.images'],
  ],
  'df-k.01.txt': [
    ['/dev/hd4', 229376, 138436, 40, '/'],
    ['/dev/hd2', 8028160, 962692, 89, '/usr'],
    ['/dev/hd9var', 1835008, 366400, 81, '/var'],
    ['/dev/hd3', 524288, 523564, 1, '/tmp'],
    ['/dev/hd1', 32768, 32416, 2, '/home'],
  ],
  'df-k.02.txt': [
    ['/dev/hd4', 65536, 38940, 41, '/'],
    ['/dev/hd2', 1572864, 412172, 74, '/usr'],
    ['/dev/hd9var', 65536, 57084, 13, '/var'],
    ['/dev/hd3', 131072, 125688, 5, '/tmp'],
    ['/dev/hd1', 2097152, 1161064, 45, '/home'],
    ['/proc', null, null, null, '/proc'],
    ['/dev/hd10opt', 524288, 249408, 53, '/opt'],
  ],
  'df-k.03.txt': [['/dev/lv03', 114688, 10116, 92, '/amb']],
  'df.512-blocks.01.txt': [
    ['/dev/hd4', 1966080, 559552, 72, '/'],
    ['/dev/hd2', 27394048, 13732104, 50, '/usr'],
    ['/dev/hd9var', 3145728, 2580088, 18, '/var'],
    ['/dev/hd3', 655360, 557760, 15, '/tmp'],
    ['/dev/hd1', 131072, 130312, 1, '/home'],
    ['/dev/hd11admin', 262144, 261416, 1, '/admin'],
    ['/proc', null, null, null, '/proc'],
    ['/dev/hd10opt', 2621440, 1050416, 60, '/opt'],
    ['/dev/livedump', 524288, 523552, 1, '/var/adm/ras/livedump'],
    ['/ahafs', null, null, null, '/aha'],
    ['/dev/testlv', 163840, 163152, 1, '/tmp/testfs'],
  ],
};

test('df: every df fixture, with `-` columns (/proc, /ahafs) as null', () => {
  const fixtures = [...listFixtures('df-'), ...listFixtures('df.')];
  assert.deepEqual(fixtures.sort(), Object.keys(expected).sort(), 'every df fixture has an expectation');
  for (const name of fixtures) assert.deepEqual(rows(parseDf(readFixture(name))), expected[name], name);
});

test('df: CRLF and tabs, a mount point with a blank, an NFS mount, a wrapped long name', () => {
  const text =
    'Filesystem    1024-blocks      Free %Used    Iused %Iused Mounted on\r\n' +
    '/dev/hd4\t65536\t38940\t41%\t1658\t6%\t/\r\n' +
    'nfssrv:/export/images   1048576    524288   50%      10     1% /mnt/aix images\r\n' +
    '/dev/a_very_long_logical_volume_name\n' +
    '                   32768     32416    2%        5     1% /long\n';
  assert.deepEqual(rows(parseDf(text)), [
    ['/dev/hd4', 65536, 38940, 41, '/'],
    ['nfssrv:/export/images', 1048576, 524288, 50, '/mnt/aix images'],
    ['/dev/a_very_long_logical_volume_name', 32768, 32416, 2, '/long'],
  ]);
});

test('df -P: Used Available Capacity columns', () => {
  const text =
    'Filesystem    512-blocks      Used Available Capacity Mounted on\n/dev/fslv03    314572800  27560520 287012280       9% /ic\n';
  assert.deepEqual(rows(parseDf(text)), [['/dev/fslv03', 314572800, 287012280, 9, '/ic']]);
});

test('df: no header, a short row, a garbled number are ParseErrors; header only is empty', () => {
  assert.deepEqual(parseDf('Filesystem    1024-blocks      Free %Used    Iused %Iused Mounted on\n'), []);
  assert.throws(() => parseDf('df: /nosuch: A file or directory in the path name does not exist.\n'), ParseError);
  assert.throws(
    () => parseDf('Filesystem 1024-blocks Free %Used Iused %Iused Mounted on\n/dev/hd4 65536 38940 41%\n'),
    ParseError,
  );
  assert.throws(
    () => parseDf('Filesystem 1024-blocks Free %Used Iused %Iused Mounted on\n/dev/hd4 65536 lots 41% 1658 6% /\n'),
    ParseError,
  );
  assert.throws(
    () => parseDf('Filesystem 1024-blocks Free %Used Iused %Iused Mounted on\n/dev/hd4 65536 38940 41 1658 6% /\n'),
    ParseError,
  );
  assert.throws(() => parseDf('Filesystem 1024-blocks Free %Used Iused %Iused Mounted on\n/dev/orphan\n'), ParseError);
});

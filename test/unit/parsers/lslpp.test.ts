import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import {
  compareLevels,
  parseLslppColon,
  parseLslppList,
  parseLslppNotInstalled,
} from '../../../agent/aix/parsers/lslpp';
import { listFixtures, readFixture } from '../../support/fixtures';

test('lslpp -Lc: every fixture parses; the state letter comes from the Fix State column', () => {
  const counts: Record<string, number> = {
    'lslpp-Lc.01.txt': 6,
    'lslpp-Lc.no-header.01.txt': 21,
    'lslpp-Lc.old-format.01.txt': 3,
    'lslpp-Lc.rpm.01.txt': 1,
  };
  const fixtures = listFixtures('lslpp-Lc.');
  assert.equal(fixtures.length, 4);
  for (const name of fixtures) {
    const entries = parseLslppColon(readFixture(name));
    assert.equal(entries.length, counts[name], name);
    for (const entry of entries) {
      assert.equal(entry.state, 'C', `${name} ${entry.fileset}`);
      assert.match(entry.level, /^\d/, name);
      assert.equal(entry.description, entry.description.trim());
    }
  }
});

test('lslpp -Lc: concrete entries', () => {
  const checkmk = parseLslppColon(readFixture('lslpp-Lc.01.txt'));
  assert.deepEqual(checkmk[0], {
    package: 'EMC',
    fileset: 'EMC.CLARiiON.aix.rte',
    level: '6.0.0.3',
    state: 'C',
    description: 'EMC CLARiiON AIX Support Software',
    type: '',
  });
  assert.deepEqual(checkmk[2], {
    package: 'ICU4C.rte',
    fileset: 'ICU4C.rte',
    level: '7.1.2.0',
    state: 'C',
    description: 'International Components for Unicode',
    type: '',
  });
  assert.equal(checkmk[3]?.type, 'F');

  const [sudo] = parseLslppColon(readFixture('lslpp-Lc.rpm.01.txt'));
  assert.deepEqual(sudo, {
    package: 'sudo',
    fileset: 'sudo-1.6.7p5-2',
    level: '1.6.7p5-2',
    state: 'C',
    description: 'Allows restricted root access for specified users.',
    type: 'R',
  });

  const old = parseLslppColon(readFixture('lslpp-Lc.old-format.01.txt'));
  assert.deepEqual(
    old.map((e) => [e.fileset, e.level, e.description]),
    [
      ['Java.adt.docs', '1.1.4.0', 'Java Documentation'],
      ['Java.adt.includes', '1.1.2.0', 'Java Application Development Toolkit Inc..'],
      ['Java.adt.src', '1.1.4.0', 'Java Class Source Code'],
    ],
  );

  const altDisk = parseLslppColon(readFixture('lslpp-Lc.no-header.01.txt')).find(
    (e) => e.fileset === 'bos.alt_disk_install.rte',
  );
  assert.deepEqual(altDisk, {
    package: 'bos.alt_disk_install',
    fileset: 'bos.alt_disk_install.rte',
    level: '6.1.9.100',
    state: 'C',
    description: 'Alternate Disk Installation Runtime',
    type: '',
  });
});

test('lslpp -Lc: a filled State column wins; colons inside a description; CRLF; empty', () => {
  const text =
    '#Package Name:Fileset:Level:State:PTF Id:Fix State:Type:Description:Destination Dir.:Uninstaller:Message Catalog:Message Set:Message Number:Parent:Automatic:EFIX Locked:Install Path:Build Date\r\n' +
    'bos.rte:bos.rte.install:7.2.5.100:A: : :F:LPP Install Commands: note: applied : : : : : : :0:0:/:2045\r\n';
  assert.deepEqual(parseLslppColon(text), [
    {
      package: 'bos.rte',
      fileset: 'bos.rte.install',
      level: '7.2.5.100',
      state: 'A',
      description: 'LPP Install Commands: note: applied',
      type: 'F',
    },
  ]);
  assert.deepEqual(parseLslppColon(''), []);
  assert.deepEqual(parseLslppColon('#Package Name:Fileset:Level\n'), []);
});

test('lslpp: 0504-132 "not installed" is a ParseError for the colon parser and is recognised by parseLslppNotInstalled', () => {
  const notInstalled = readFixture('lslpp.error-not-installed.01.txt');
  assert.throws(
    () => parseLslppColon(notInstalled),
    (e: unknown) =>
      e instanceof ParseError &&
      e.command === 'lslpp -Lc' &&
      e.line === 'lslpp: 0504-132  Fileset gpfs.base not installed.',
  );
  assert.deepEqual(parseLslppNotInstalled(notInstalled), ['gpfs.base']);
  assert.deepEqual(parseLslppNotInstalled(readFixture('lslpp-L.not-installed.01.txt')), ['bos.net.sctp']);
  assert.deepEqual(parseLslppNotInstalled(readFixture('lslpp-Lc.01.txt')), []);
});

test('compareLevels: VRMF order', () => {
  assert.equal(compareLevels('7.2.5.100', '7.2.5.0'), 1);
  assert.equal(compareLevels('7.2.5.0', '7.2.5.100'), -1);
  assert.equal(compareLevels('7.2.5.100', '7.2.5.100'), 0);
  assert.equal(compareLevels('7.2.5.100', '7.2.4.9999'), 1);
  assert.equal(compareLevels('6.1.9.100', '7.1.0.0'), -1);
  assert.equal(compareLevels('7.2', '7.2.0.0'), 0);
  assert.equal(compareLevels('7.2.0.1', '7.2'), 1);
  assert.equal(compareLevels('10.1.0.0', '9.9.9.9'), 1); // numeric, not string, order
  assert.equal(compareLevels('1.6.7p5-2', '1.6.7p5-3'), -1); // RPM-style parts fall back to text order
  const levels = parseLslppColon(readFixture('lslpp-Lc.no-header.01.txt')).map((e) => e.level);
  const sorted = [...levels].sort(compareLevels);
  assert.equal(sorted[0], '3.7.1.0');
  assert.equal(sorted.at(-1), '6.3.5.0');
});

test('lslpp -l: every fixture; wrapped descriptions are joined', () => {
  assert.deepEqual(listFixtures('lslpp-l.'), ['lslpp-l.xlC.01.txt']);
  assert.deepEqual(parseLslppList(readFixture('lslpp-l.xlC.01.txt')), [
    {
      fileset: 'xlC.aix61.rte',
      level: '13.1.3.3',
      state: 'COMMITTED',
      description: 'IBM XL C++ Runtime for AIX 6.1 and later',
      path: '/usr/lib/objrepos',
    },
    {
      fileset: 'xlC.cpp',
      level: '9.0.0.0',
      state: 'COMMITTED',
      description: 'C for AIX Preprocessor',
      path: '/usr/lib/objrepos',
    },
    {
      fileset: 'xlC.rte',
      level: '13.1.3.3',
      state: 'COMMITTED',
      description: 'IBM XL C++ Runtime for AIX',
      path: '/usr/lib/objrepos',
    },
    {
      fileset: 'xlC.sup.aix50.rte',
      level: '9.0.0.1',
      state: 'COMMITTED',
      description: 'XL C/C++ Runtime for AIX 5.2',
      path: '/usr/lib/objrepos',
    },
  ]);
});

test('lslpp -l: usr and root parts, a not-installed line mixed in, missing header', () => {
  const text = [
    '  Fileset                      Level  State      Description',
    '  ----------------------------------------------------------------------------',
    'Path: /usr/lib/objrepos',
    '  bos.alt_disk_install.rte  7.2.5.100  COMMITTED  Alternate Disk Installation',
    '                                                 Runtime',
    '',
    'Path: /etc/objrepos',
    '  bos.alt_disk_install.rte  7.2.5.100  COMMITTED  Alternate Disk Installation',
    '                                                 Runtime',
    'lslpp: 0504-132  Fileset bos.alt_disk_install.boot_images not installed.',
  ].join('\r\n');
  const entries = parseLslppList(text);
  assert.deepEqual(
    entries.map((e) => [e.fileset, e.level, e.path, e.description]),
    [
      ['bos.alt_disk_install.rte', '7.2.5.100', '/usr/lib/objrepos', 'Alternate Disk Installation Runtime'],
      ['bos.alt_disk_install.rte', '7.2.5.100', '/etc/objrepos', 'Alternate Disk Installation Runtime'],
    ],
  );
  assert.deepEqual(parseLslppNotInstalled(text), ['bos.alt_disk_install.boot_images']);
  assert.deepEqual(parseLslppList(''), []);
  assert.throws(
    () => parseLslppList('  xlC.rte  13.1.3.3  COMMITTED  IBM XL C++ Runtime for AIX\n'),
    (e: unknown) => e instanceof ParseError && e.command === 'lslpp -l',
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { parseLspv, parseLspvDetail, parseLspvLvs, type PvState } from '../../../agent/aix/parsers/lspv';
import { listFixtures, readFixture } from '../../support/fixtures';

type Row = [name: string, pvid: string | null, vg: string, state: PvState];

function rows(text: string): Row[] {
  return parseLspv(text).map((e) => [e.name, e.pvid, e.vg, e.state]);
}

// Every lspv list fixture, with what AIX meant. Names are kept as published (OCR typos included).
const expected: Record<string, Row[]> = {
  'lspv.altinst.01.txt': [
    ['hdisk0', '00f6db0a6c7aece5', 'rootvg', 'active'],
    ['hdisk1', '00c25ab0056a002a', 'mksysbvg', 'active'],
    ['hdisk2', '00c25ab0062fa576', 'altinst_rootvg', ''],
  ],
  'lspv.altinst.02.txt': [
    ['hdisk0', '00fa00d66c59c9d7', 'rootvg', 'active'],
    ['hdisk1', '00c939202144313b', 'altinst_rootvg', ''],
  ],
  // Source typo: hdisko is hdisk0. The parser does not guess; the name stays as printed.
  'lspv.after-reboot.01.txt': [
    ['hdisko', '00f6db0a6c7aece5', 'old_rootvg', ''],
    ['hdisk1', '00c25ab0062fa576', 'rootvg', 'active'],
    ['hdisk2', '00c25ab0056a002a', 'mksysbvg', 'active'],
  ],
  'lspv.after-reboot.02.txt': [
    ['hdisk0', '00fa00d66c59c9d7', 'old_rootvg', ''],
    ['hdisk1', '00c939202144313b', 'rootvg', 'active'],
  ],
  'lspv.newdisk.01.txt': [
    ['hdisk0', '00f6db0a6c7aece5', 'rootvg', 'active'],
    ['hdisk1', '00c25ab0056a002a', 'mksysbvg', 'active'],
    ['hdisk2', null, 'None', ''],
  ],
  'lspv.none.01.txt': [
    ['hdisk0', '00fa00d6b552f41b', 'rootvg', 'active'],
    ['hdisk1', null, 'None', ''],
  ],
  'lspv.none-trailing-blanks.01.txt': [
    ['hdisk0', null, 'None', ''],
    ['hdisk1', '00002f8bd1e92b12', 'rootvg', 'active'],
  ],
  'lspv.trailing-blanks.01.txt': [
    ['hdisk0', '00002f8bd6dea7e0', 'rootvg', 'active'],
    ['hdisk1', '00002f8bd1e92b12', 'rootvg', 'active'],
  ],
  'lspv.trailing-blanks.02.txt': [
    ['hdisk0', '00002f8bd6dea7e0', 'rootvg', 'active'],
    ['hdisk1', '00002f8bd1e92b12', 'None', ''],
  ],
  // PowerPath: the native hdisks under hdiskpowerN show no PVID and no VG, though they are paths to the LUNs.
  'lspv.powerpath.01.txt': [
    ['hdisk0', '00f8c13c29b5f01d', 'rootvg', 'active'],
    ['hdisk2', '00f8c13c55eba068', 'rootvg', 'active'],
    ['hdisk3', null, 'None', ''],
    ['hdisk4', null, 'None', ''],
    ['hdisk5', null, 'None', ''],
    ['hdisk6', null, 'None', ''],
    ['hdisk7', null, 'None', ''],
    ['hdisk8', null, 'None', ''],
    ['hdisk9', null, 'None', ''],
    ['hdisk10', null, 'None', ''],
    ['hdisk11', null, 'None', ''],
    ['hdisk12', null, 'None', ''],
    ['hdisk13', null, 'None', ''],
    ['hdisk14', null, 'None', ''],
    ['hdisk15', null, 'None', ''],
    ['hdisk16', null, 'None', ''],
    ['hdisk17', null, 'None', ''],
    ['hdisk18', null, 'None', ''],
    ['hdisk19', null, 'None', ''],
    ['hdisk20', null, 'None', ''],
    ['hdisk21', null, 'None', ''],
    ['hdisk22', null, 'None', ''],
    ['hdisk23', null, 'None', ''],
    ['hdisk24', null, 'None', ''],
    ['hdisk25', null, 'None', ''],
    ['hdisk26', null, 'None', ''],
    ['hdisk27', null, 'None', ''],
    ['hdiskpower0', '00f8c13b330bcfbd', 'hbvg', ''],
    ['hdiskpower1', '00f8c13b3301701a', 'datavg', 'active'],
    ['hdiskpower2', '00f8c13b330502dd', 'datavg', 'active'],
    ['hdiskpower3', '00f8c13b3303bc10', 'datavg', 'active'],
  ],
  'lspv.concurrent.01.txt': [
    ['hdisk0', '00f939e23e8ab01a', 'rootvg', 'active'],
    ['hdisk1', '000baf2b911815a4', 'datavg', 'concurrent'],
    ['hdisk2', '000baf2b9118164a', 'caavg_private', 'active'],
    ['hdisk3', '000baf2b9e10273d', 'datavg', 'concurrent'],
  ],
  // OCR typos hdiskO / hdiskl kept as printed.
  'lspv.ocr-typos.01.txt': [
    ['hdiskO', '00fa00d66c59c9d7', 'rootvg', 'active'],
    ['hdiskl', null, 'None', ''],
  ],
  'lspv.single-space.01.txt': [
    ['hdisk0', '00c1d387a24464ab', 'rootvg', 'active'],
    ['hdisk1', '00c1d387515959de', 'altinst_rootvg', ''],
  ],
  'lspv.single.01.txt': [['hdisk0', '00cd94a60f01c745', 'rootvg', 'active']],
  'lspv.two-rootvg.01.txt': [
    ['hdisk0', '00c8d470fdbc3b5e', 'rootvg', 'active'],
    ['hdisk1', '00f6db0a6c7aece5', 'rootvg', 'active'],
  ],
  'lspv.many.01.txt': [
    ['hdisk0', '00f6b99fbf8ef2ec', 'rootvg', 'active'],
    ['hdisk6', '00f6b99fc40d9729', 'None', ''],
    ['hdisk1', '00f6b99f1d3d32ed', 'dbvg', 'active'],
    ['hdisk2', '00f6b99f1d3d339a', 'dbvg', 'active'],
    ['hdisk3', '00f6b99f1d3d342a', 'dbvg', 'active'],
    ['hdisk4', '00f6b99f0f601875', 'workvg', 'active'],
    ['hdisk5', '00f6b99f0f5fb36c', 'cachevg', 'active'],
  ],
  'lspv.many-none.01.txt': [
    ['hdisk5', '00f6b99f0f5d21c9', 'rootvg', 'active'],
    ['hdisk6', '00f6b99f1d3d32ed', 'None', ''],
    ['hdisk7', '00f6b99f1d3d339a', 'None', ''],
    ['hdisk8', '00f6b99f1d3d342a', 'None', ''],
    ['hdisk9', '00f6b99f0f601875', 'None', ''],
    ['hdisk10', '00f6b99f0f5fb36c', 'None', ''],
  ],
};

test('every lspv list fixture parses to the expected disks', () => {
  const fixtures = listFixtures('lspv.');
  assert.ok(fixtures.length >= 15, `found ${fixtures.length} lspv fixtures`);
  for (const name of fixtures) {
    const want = expected[name];
    assert.ok(want, `no expectation written for ${name}`);
    assert.deepEqual(rows(readFixture(name)), want, name);
  }
});

test('lspv: pvid is null for "none" and lower-case hex otherwise; extra is empty for plain lspv', () => {
  for (const name of listFixtures('lspv.')) {
    for (const entry of parseLspv(readFixture(name))) {
      assert.ok(entry.pvid === null || /^[0-9a-f]{16}$/.test(entry.pvid), `${name}: ${entry.pvid}`);
      assert.deepEqual(entry.extra, [], name);
    }
  }
});

test('lspv: tabs, CRLF, blank lines and odd spacing', () => {
  const text =
    '\r\nhdisk0\t00f6db0a6c7aece5\trootvg\tactive\r\n\r\n  hdisk1   NONE  None   \r\nhdisk2 00C25AB0062FA576 altinst_rootvg\r\n';
  assert.deepEqual(rows(text), [
    ['hdisk0', '00f6db0a6c7aece5', 'rootvg', 'active'],
    ['hdisk1', null, 'None', ''],
    ['hdisk2', '00c25ab0062fa576', 'altinst_rootvg', ''],
  ]);
});

test('lspv: empty output is no disks', () => {
  assert.deepEqual(parseLspv(''), []);
  assert.deepEqual(parseLspv('\n  \n'), []);
});

test('lspv: locked disks and a line with no VG column', () => {
  assert.deepEqual(rows('hdisk4 00c25ab0062fa576 lkdevvg locked\nhdisk5 00c25ab0062fa577\n'), [
    ['hdisk4', '00c25ab0062fa576', 'lkdevvg', 'locked'],
    ['hdisk5', '00c25ab0062fa577', 'None', ''],
  ]);
});

test('lspv: unknown extra columns (lspv -u) are kept in extra and do not become the state', () => {
  const text =
    'hdisk0 00f6db0a6c7aece5 rootvg active 332136005076300810105780000000000001604214503IBMfcp 8f1d0d8a-3c0b-4e8a\n' +
    'hdisk2 00c25ab0062fa576 altinst_rootvg 33213600507630081010578000000000000FFFF04214503IBMfcp\n';
  const [first, second] = parseLspv(text);
  assert.equal(first?.state, 'active');
  assert.deepEqual(first?.extra, ['332136005076300810105780000000000001604214503IBMfcp', '8f1d0d8a-3c0b-4e8a']);
  assert.equal(second?.vg, 'altinst_rootvg');
  assert.equal(second?.state, '');
  assert.deepEqual(second?.extra, ['33213600507630081010578000000000000FFFF04214503IBMfcp']);
});

test('lspv: 1,000 disks', () => {
  const lines: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const pvid = (0x00f6db0a00000000n + BigInt(i)).toString(16).padStart(16, '0');
    lines.push(
      i % 3 === 0
        ? `hdisk${i}  none  None`
        : `hdisk${i}          ${pvid}                    datavg${i % 7}      active`,
    );
  }
  const entries = parseLspv(lines.join('\n'));
  assert.equal(entries.length, 1000);
  assert.deepEqual(entries[999], { name: 'hdisk999', pvid: null, vg: 'None', state: '', extra: [] });
  assert.deepEqual(entries[998], {
    name: 'hdisk998',
    pvid: '00f6db0a000003e6',
    vg: 'datavg4',
    state: 'active',
    extra: [],
  });
  assert.equal(entries[1]?.vg, 'datavg1');
  assert.equal(entries.filter((e) => e.pvid === null).length, 334);
});

test('lspv: an error message instead of a list is a ParseError naming the line', () => {
  const error = readFixture('lspv-disk.error-not-found.01.txt');
  assert.throws(
    () => parseLspv(error),
    (e: unknown) => e instanceof ParseError && e.command === 'lspv' && e.line?.startsWith('0516-1396') === true,
  );
  assert.throws(() => parseLspv('hdisk0 notapvid rootvg active'), ParseError);
  assert.throws(() => parseLspv('hdisk0'), ParseError);
});

test('lspv hdiskN: the detail page of lspv-disk.hdisk0.01.txt', () => {
  const detail = parseLspvDetail(readFixture('lspv-disk.hdisk0.01.txt'));
  assert.equal(detail.name, 'hdisk0');
  assert.equal(detail.pvid, '00fa00d6b552f41b');
  assert.equal(detail.vgid, '00fa00d600004c000000017d43623707');
  assert.equal(detail.vg, 'rootvg');
  assert.equal(detail.state, 'active');
  assert.equal(detail.ppSizeMb, 32);
  assert.equal(detail.totalPps, 639);
  assert.equal(detail.freePps, 4);
  assert.equal(detail.usedPps, 635);
  assert.equal(detail.totalMb, 20448);
  assert.equal(detail.freeMb, 128);
  assert.equal(detail.usedMb, 20320);
  assert.equal(detail.lvCount, 13);
  assert.equal(detail.fields['STALE PARTITIONS'], '0');
  assert.equal(detail.fields['ALLOCATABLE'], 'yes');
  assert.equal(detail.fields['VG DESCRIPTORS'], '2');
  assert.equal(detail.fields['HOT SPARE'], 'no');
  assert.equal(detail.fields['MAX REQUEST'], '512 kilobytes');
  assert.equal(detail.fields['FREE DISTRIBUTION'], '00..00..00..00..04');
  assert.equal(detail.fields['USED DISTRIBUTION'], '128..128..127..128..124');
  assert.equal(detail.fields['MIRROR POOL'], 'None');
  assert.equal(detail.fields['PV IDENTIFIER'], '00fa00d6b552f41b');
});

test('lspv hdiskN: every lspv-disk fixture either parses or is the 0516-1396 error', () => {
  assert.deepEqual(
    listFixtures('lspv-disk.'),
    ['lspv-disk.error-not-found.01.txt', 'lspv-disk.hdisk0.01.txt'],
    'both branches are exercised',
  );
  for (const name of listFixtures('lspv-disk.')) {
    const text = readFixture(name);
    if (name.includes('error')) {
      assert.throws(
        () => parseLspvDetail(text),
        (e: unknown) =>
          e instanceof ParseError && e.line === '0516-1396 : The physical volume hdisk1, was not found in the',
        name,
      );
    } else {
      assert.match(parseLspvDetail(text).name, /^hdisk\d+$/, name);
    }
  }
});

test('lspv hdiskN: ??????? values of a varied-off VG become null; CRLF is fine', () => {
  const text = [
    'PHYSICAL VOLUME:    hdisk2                   VOLUME GROUP:     altinst_rootvg',
    'PV IDENTIFIER:      00c25ab0062fa576 VG IDENTIFIER     00c25ab000004c000000017e0dd1b2c5',
    'PV STATE:           ???????',
    'STALE PARTITIONS:   ???????                  ALLOCATABLE:      ???????',
    'PP SIZE:            ???????                  LOGICAL VOLUMES:  ???????',
    'TOTAL PPs:          ???????                  VG DESCRIPTORS:   ???????',
  ].join('\r\n');
  const detail = parseLspvDetail(text);
  assert.equal(detail.name, 'hdisk2');
  assert.equal(detail.vg, 'altinst_rootvg');
  assert.equal(detail.pvid, '00c25ab0062fa576');
  assert.equal(detail.state, '???????');
  assert.equal(detail.ppSizeMb, null);
  assert.equal(detail.totalPps, null);
  assert.equal(detail.totalMb, null);
  assert.equal(detail.lvCount, null);
  assert.equal(detail.fields['ALLOCATABLE'], '???????');
});

test('lspv hdiskN: a disk with PVID none', () => {
  const detail = parseLspvDetail(
    'PHYSICAL VOLUME:    hdisk9                   VOLUME GROUP:     None\nPV IDENTIFIER:      none VG IDENTIFIER     none\n',
  );
  assert.equal(detail.pvid, null);
  assert.equal(detail.vg, 'None');
});

test('lspv -l hdisk0: LVs on the PV', () => {
  assert.ok(listFixtures('lspv-l.').length > 0);
  for (const name of listFixtures('lspv-l.')) assert.ok(parseLspvLvs(readFixture(name)).lvs.length > 0, name);
  const { pv, lvs } = parseLspvLvs(readFixture('lspv-l.hdisk0.01.txt'));
  assert.equal(pv, 'hdisk0');
  assert.equal(lvs.length, 16);
  assert.deepEqual(lvs[0], {
    name: 'hd11admin',
    lps: 1,
    pps: 1,
    distribution: '00..00..00..01..00',
    mountPoint: '/admin',
  });
  assert.deepEqual(
    lvs.find((lv) => lv.name === 'lv_dump'),
    { name: 'lv_dump', lps: 16, pps: 16, distribution: '00..00..00..16..00', mountPoint: null },
  );
  assert.equal(lvs.find((lv) => lv.name === 'livedump')?.mountPoint, '/var/adm/ras/livedump');
  assert.equal(lvs.find((lv) => lv.name === 'hd4')?.mountPoint, '/');
});

test('lspv -l: header without rows, missing header, garbled row', () => {
  assert.deepEqual(parseLspvLvs('hdisk3:\nLV NAME               LPs     PPs     DISTRIBUTION          MOUNT POINT\n'), {
    pv: 'hdisk3',
    lvs: [],
  });
  assert.throws(
    () => parseLspvLvs('hdisk3:\nhd5 1 1 01..00..00..00..00 N/A\n'),
    (e: unknown) => e instanceof ParseError && e.command === 'lspv -l',
  );
  assert.throws(
    () => parseLspvLvs('hdisk3:\nLV NAME  LPs  PPs  DISTRIBUTION  MOUNT POINT\nhd5 one 1 01..00 N/A\n'),
    ParseError,
  );
});

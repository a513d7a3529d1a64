import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import {
  parseLsvgDetail,
  parseLsvgLvs,
  parseLsvgNames,
  parseLsvgPvs,
  type LsvgDetail,
} from '../../../agent/aix/parsers/lsvg';
import { listFixtures, readFixture } from '../../support/fixtures';

const VARIED_OFF = '0516-010 : Volume group must be varied on; use varyonvg command.\n';

test('lsvg / lsvg -o: every name-list fixture', () => {
  const expected: Record<string, string[]> = {
    'lsvg-list.01.txt': ['rootvg', 'dbvg', 'cachevg', 'workvg'],
    'lsvg-list.altinst.01.txt': ['rootvg', 'altinst_rootvg', 'nfsvg01'],
    'lsvg-list.altinst.02.txt': ['rootvg', 'altinst_rootvg'],
  };
  const fixtures = listFixtures('lsvg-list.');
  assert.equal(fixtures.length, 3);
  for (const name of fixtures) assert.deepEqual(parseLsvgNames(readFixture(name)), expected[name], name);
});

test('lsvg names: CRLF, tabs, trailing blanks, empty output; an error message is a ParseError', () => {
  assert.deepEqual(parseLsvgNames('rootvg\r\n\tdatavg  \r\n\r\nold_rootvg\n'), ['rootvg', 'datavg', 'old_rootvg']);
  assert.deepEqual(parseLsvgNames(''), []);
  assert.throws(
    () => parseLsvgNames(VARIED_OFF),
    (e: unknown) => e instanceof ParseError && e.command === 'lsvg' && e.line === VARIED_OFF.trim(),
  );
});

type Numbers = Omit<LsvgDetail, 'fields'>;

const detailExpected: Record<string, Numbers> = {
  'lsvg.rootvg.01.txt': {
    name: 'rootvg',
    identifier: '00f6db0a00004c000000016b94f02',
    state: 'active',
    permission: 'read/write',
    ppSizeMb: 32,
    totalPps: 639,
    freePps: 477,
    usedPps: 162,
    totalMb: 20448,
    freeMb: 15264,
    usedMb: 5184,
    maxLvs: 256,
    lvCount: 12,
    openLvs: 11,
    totalPvs: 1,
    activePvs: 1,
    stalePvs: 0,
    stalePps: 0,
    concurrent: null,
    autoOn: true,
    vgMode: null,
  },
  'lsvg.rootvg.02.txt': {
    name: 'rootvg',
    identifier: '00fa00d600004c000000017d43623707',
    state: 'active',
    permission: 'read/write',
    ppSizeMb: 32,
    totalPps: 639,
    freePps: 4,
    usedPps: 635,
    totalMb: 20448,
    freeMb: 128,
    usedMb: 20320,
    maxLvs: 256,
    lvCount: 13,
    openLvs: 12,
    totalPvs: 1,
    activePvs: 1,
    stalePvs: 0,
    stalePps: 0,
    concurrent: null,
    autoOn: true,
    vgMode: null,
  },
  'lsvg.testvg-scalable.01.txt': {
    name: 'testvg',
    identifier: '00f6f42a00004c000000017a0bd88942',
    state: 'active',
    permission: 'read/write',
    ppSizeMb: 16,
    totalPps: 2550,
    freePps: 2550,
    usedPps: 0,
    totalMb: 40800,
    freeMb: 40800,
    usedMb: 0,
    maxLvs: 256,
    lvCount: 0,
    openLvs: 0,
    totalPvs: 2,
    activePvs: 2,
    stalePvs: 0,
    stalePps: 0,
    concurrent: null,
    autoOn: true,
    vgMode: null,
  },
  'lsvg.concurrent.01.txt': {
    name: 'RAWVG',
    identifier: '00c25b6700004c00000001399f63219x',
    state: 'active',
    permission: 'read/write',
    ppSizeMb: 64,
    totalPps: 30,
    freePps: 6,
    usedPps: 24,
    totalMb: 1920,
    freeMb: 384,
    usedMb: 1536,
    maxLvs: 4096,
    lvCount: 3,
    openLvs: 3,
    totalPvs: 1,
    activePvs: 1,
    stalePvs: 0,
    stalePps: 0,
    concurrent: 'Enhanced-Capable',
    autoOn: false,
    vgMode: 'Concurrent',
  },
};

test('lsvg VG: every detail fixture', () => {
  const fixtures = listFixtures('lsvg.');
  assert.equal(fixtures.length, 4);
  for (const name of fixtures) {
    const { fields, ...rest } = parseLsvgDetail(readFixture(name));
    assert.deepEqual(rest, detailExpected[name], name);
    assert.equal(fields['VOLUME GROUP'], rest.name, name);
  }
});

test('lsvg VG: fields keep AIX spelling, including the typo of the reference capture', () => {
  const ref = parseLsvgDetail(readFixture('lsvg.rootvg.01.txt')).fields;
  assert.equal(ref['VG DESCRIPTIORS'], '2'); // "VG DESCRIPTORS" on AIX; the source misspells it
  assert.equal(ref['VG DESCRIPTORS'], undefined);
  assert.equal(ref['INFINITE RETRY'], 'no'); // extra blank in the source does not matter
  assert.equal(ref['LTG size(Dynamic)'], '512 kilobyte(s)');
  assert.equal(ref['MAX PPs per VG'], '32512');
  assert.equal(ref['QUORUM'], '2 (Enabled)');
  assert.equal(ref['CRITICAL PVs'], 'no');

  const clean = parseLsvgDetail(readFixture('lsvg.rootvg.02.txt')).fields;
  assert.equal(clean['VG DESCRIPTORS'], '2');
  assert.equal(clean['LTG size (Dynamic)'], '512 kilobyte(s)');
  assert.equal(clean['ENCRYPTION'], 'yes');

  const scalable = parseLsvgDetail(readFixture('lsvg.testvg-scalable.01.txt')).fields;
  assert.equal(scalable['MIRROR POOL STRICT'], 'off');
  assert.equal(scalable['BB POLICY'], 'relocatable');
  assert.equal(scalable['MAX PVs'], '1024');

  const concurrent = parseLsvgDetail(readFixture('lsvg.concurrent.01.txt')).fields;
  assert.equal(concurrent['Auto-Concurrent'], 'Disabled');
  assert.equal(concurrent['Node ID'], '1');
  assert.equal(concurrent['Active Nodes'], '2');
});

test('lsvg VG: older output without "(N megabytes)" derives sizes; CRLF and tabs', () => {
  const text = [
    'VOLUME GROUP:\trootvg                  VG IDENTIFIER:  00c4b2ac00004c00000000fb1c7a2d6d',
    'VG STATE:           active                   PP SIZE:        64 megabyte(s)',
    'VG PERMISSION:      read/write               TOTAL PPs:      542',
    'MAX LVs:            256                      FREE PPs:       100',
    'LVs:                11                       USED PPs:       442',
    'TOTAL PVs:          1                        VG DESCRIPTORS: 2',
  ].join('\r\n');
  const detail = parseLsvgDetail(text);
  assert.equal(detail.name, 'rootvg');
  assert.equal(detail.totalMb, 542 * 64);
  assert.equal(detail.freeMb, 6400);
  assert.equal(detail.usedMb, 442 * 64);
  assert.equal(detail.openLvs, null);
  assert.equal(detail.autoOn, null);
});

test('lsvg VG: varied-off error, missing header and missing required keys are ParseErrors', () => {
  assert.throws(
    () => parseLsvgDetail(VARIED_OFF),
    (e: unknown) => e instanceof ParseError && e.command === 'lsvg' && (e.line ?? '').startsWith('0516-010'),
  );
  assert.throws(() => parseLsvgDetail(''), ParseError);
  const noPps =
    'VOLUME GROUP:       rootvg                   VG IDENTIFIER:  00f6db0a00004c00\nVG STATE:           active                   PP SIZE:        32 megabyte(s)\n';
  assert.throws(
    () => parseLsvgDetail(noPps),
    (e: unknown) => e instanceof ParseError && /TOTAL PPs/.test(e.message),
  );
});

test('lsvg -l: every fixture, with concrete rows', () => {
  const counts: Record<string, [vg: string, lvs: number]> = {
    'lsvg-l.rootvg.01.txt': ['rootvg', 11],
    'lsvg-l.rootvg.02.txt': ['rootvg', 18],
    'lsvg-l.rootvg.03.txt': ['rootvg', 19],
    'lsvg-l.rootvg-stale.01.txt': ['rootvg', 14],
    'lsvg-l.rootvg-mirrored.01.txt': ['rootvg', 14],
    'lsvg-l.rootvg-multibos.01.txt': ['rootvg', 18],
    'lsvg-l.workvg.01.txt': ['workvg', 8],
    'lsvg-l.nfsvg01-mirrored.01.txt': ['nfsvg01', 16],
  };
  const fixtures = listFixtures('lsvg-l.');
  assert.equal(fixtures.length, Object.keys(counts).length);
  for (const name of fixtures) {
    const sections = parseLsvgLvs(readFixture(name));
    assert.equal(sections.length, 1, name);
    assert.equal(sections[0]?.vg, counts[name]?.[0], name);
    assert.equal(sections[0]?.lvs.length, counts[name]?.[1], name);
    for (const lv of sections[0]?.lvs ?? []) {
      assert.ok(lv.pps >= lv.lps, `${name} ${lv.name}`);
      assert.equal(lv.open, lv.state.startsWith('open'), `${name} ${lv.name}`);
    }
  }

  const rootvg = parseLsvgLvs(readFixture('lsvg-l.rootvg.01.txt'))[0]?.lvs ?? [];
  assert.deepEqual(rootvg[0], {
    name: 'hd5',
    type: 'boot',
    lps: 1,
    pps: 1,
    pvs: 1,
    state: 'closed/syncd',
    open: false,
    mountPoint: null,
  });
  assert.deepEqual(rootvg[3], {
    name: 'hd4',
    type: 'jfs2',
    lps: 106,
    pps: 106,
    pvs: 1,
    state: 'open/syncd',
    open: true,
    mountPoint: '/',
  });

  const stale = parseLsvgLvs(readFixture('lsvg-l.rootvg-stale.01.txt'))[0]?.lvs ?? [];
  assert.equal(stale.find((lv) => lv.name === 'hd6')?.state, 'open/stale');
  assert.equal(stale.find((lv) => lv.name === 'loglv00')?.state, 'closed/stale');
  assert.deepEqual(stale.at(-1), {
    name: 'lv_dump',
    type: 'sysdump',
    lps: 16,
    pps: 16,
    pvs: 1,
    state: 'open/syncd',
    open: true,
    mountPoint: null,
  });

  const mirrored = parseLsvgLvs(readFixture('lsvg-l.nfsvg01-mirrored.01.txt'))[0]?.lvs ?? [];
  assert.deepEqual(
    mirrored.find((lv) => lv.name === 'lv13'),
    {
      name: 'lv13',
      type: 'jfs2',
      lps: 1320,
      pps: 2640,
      pvs: 13,
      state: 'open/syncd',
      open: true,
      mountPoint: '/usr/sap/trans',
    },
  );

  const multibos = parseLsvgLvs(readFixture('lsvg-l.rootvg-multibos.01.txt'))[0]?.lvs ?? [];
  assert.equal(multibos.find((lv) => lv.name === 'bos_hd4')?.mountPoint, '/bos_inst');
  assert.equal(multibos.find((lv) => lv.name === 'bos_hd4')?.open, false);

  const workvg = parseLsvgLvs(readFixture('lsvg-l.workvg.01.txt'))[0]?.lvs ?? [];
  assert.equal(workvg.find((lv) => lv.name === 'bkuplv01')?.mountPoint, '/backup');
});

test('lsvg -l VG1 VG2: one section per VG, an empty VG, CRLF', () => {
  const text = [
    readFixture('lsvg-l.rootvg.01.txt'),
    readFixture('lsvg-l.workvg.01.txt'),
    'newvg:\nLV NAME             TYPE       LPs     PPs     PVs  LV STATE      MOUNT POINT\n',
  ]
    .join('')
    .replace(/\n/g, '\r\n');
  const sections = parseLsvgLvs(text);
  assert.deepEqual(
    sections.map((s) => [s.vg, s.lvs.length]),
    [
      ['rootvg', 11],
      ['workvg', 8],
      ['newvg', 0],
    ],
  );
  assert.deepEqual(parseLsvgLvs(''), []);
});

test('lsvg -l: everything after LV STATE is the mount point (blanks included), so an unknown extra column would land there', () => {
  const text =
    'datavg:\nLV NAME  TYPE  LPs  PPs  PVs  LV STATE  MOUNT POINT\ndatalv   jfs2  10   20   2    open/syncd  /data/with blank\n';
  assert.equal(parseLsvgLvs(text)[0]?.lvs[0]?.mountPoint, '/data/with blank');
});

test('lsvg -l: missing header, row before a section, garbled numbers', () => {
  assert.throws(
    () => parseLsvgLvs('rootvg:\nhd5 boot 1 1 1 closed/syncd N/A\n'),
    (e: unknown) => e instanceof ParseError && e.command === 'lsvg -l',
  );
  assert.throws(
    () => parseLsvgLvs('hd5 boot 1 1 1 closed/syncd N/A\n'),
    (e: unknown) => e instanceof ParseError && e.line === 'hd5 boot 1 1 1 closed/syncd N/A',
  );
  assert.throws(
    () => parseLsvgLvs('rootvg:\nLV NAME TYPE LPs PPs PVs LV STATE MOUNT POINT\nhd5 boot x 1 1 closed/syncd N/A\n'),
    ParseError,
  );
  assert.throws(() => parseLsvgLvs(VARIED_OFF), ParseError);
});

test('lsvg -p: every fixture', () => {
  const expected: Record<string, { vg: string; pvs: [string, string, number, number, string][] }> = {
    'lsvg-p.rootvg.01.txt': { vg: 'rootvg', pvs: [['hdisk0', 'active', 542, 100, '00..00..00..00..100']] },
    'lsvg-p.rootvg-mirrored.01.txt': {
      vg: 'rootvg',
      pvs: [
        ['hdisk1', 'active', 199, 68, '08..00..00..20..40'],
        ['hdisk0', 'active', 199, 84, '08..00..00..36..40'],
      ],
    },
    'lsvg-p.testvg.01.txt': {
      vg: 'testvg',
      pvs: ['hdisk2', 'hdisk3', 'hdisk4'].map((d) => [d, 'active', 1275, 1275, '255..255..255..255..255']),
    },
    'lsvg-p.testvg.02.txt': { vg: 'testvg', pvs: [['hdisk1', 'active', 1275, 1275, '255..255..255..255..255']] },
  };
  const fixtures = listFixtures('lsvg-p.');
  assert.equal(fixtures.length, 4);
  for (const name of fixtures) {
    const sections = parseLsvgPvs(readFixture(name));
    assert.deepEqual(
      sections.map((s) => ({
        vg: s.vg,
        pvs: s.pvs.map((p) => [p.name, p.state, p.totalPps, p.freePps, p.freeDistribution]),
      })),
      [expected[name]],
      name,
    );
  }
});

test('lsvg -p: missing PV, two VGs, missing header', () => {
  const text =
    'rootvg:\nPV_NAME           PV STATE          TOTAL PPs   FREE PPs    FREE DISTRIBUTION\nhdisk0            active            542         100         00..00..00..00..100\nhdisk1            missing           542         542         109..108..108..108..109\n' +
    'datavg:\nPV_NAME           PV STATE          TOTAL PPs   FREE PPs    FREE DISTRIBUTION\nhdisk2            removed           100         0           00..00..00..00..00\n';
  const sections = parseLsvgPvs(text);
  assert.deepEqual(
    sections.map((s) => s.vg),
    ['rootvg', 'datavg'],
  );
  assert.equal(sections[0]?.pvs[1]?.state, 'missing');
  assert.equal(sections[1]?.pvs[0]?.state, 'removed');
  // Unknown extra columns after FREE DISTRIBUTION are ignored.
  assert.deepEqual(
    parseLsvgPvs(
      'vg1:\nPV_NAME PV STATE TOTAL PPs FREE PPs FREE DISTRIBUTION MIRROR POOL\nhdisk5 active 10 5 02..01..00..01..01 mp1\n',
    )[0]?.pvs,
    [{ name: 'hdisk5', state: 'active', totalPps: 10, freePps: 5, freeDistribution: '02..01..00..01..01' }],
  );
  assert.throws(
    () => parseLsvgPvs('rootvg:\nhdisk0 active 542 100 00..00..00..00..100\n'),
    (e: unknown) => e instanceof ParseError && e.command === 'lsvg -p',
  );
});

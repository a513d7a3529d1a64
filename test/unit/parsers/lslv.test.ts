import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { parseLslv, parseLslvPvs } from '../../../agent/aix/parsers/lslv';
import { listFixtures, readFixture } from '../../support/fixtures';

test('lslv LV: every fixture', () => {
  const expected = {
    'lslv.hd1.01.txt': {
      name: 'hd1',
      vg: 'rootvg',
      type: 'jfs2',
      lps: 1,
      pps: 1,
      copies: 1,
      ppSizeMb: 32,
      mountPoint: '/home',
      state: 'opened/syncd',
    },
    'lslv.testlv-closed.01.txt': {
      name: 'testlv',
      vg: 'testvg',
      type: 'jfs2',
      lps: 10,
      pps: 10,
      copies: 1,
      ppSizeMb: 32,
      mountPoint: null,
      state: 'closed/syncd',
    },
  } as const;
  const fixtures = listFixtures('lslv.');
  assert.equal(fixtures.length, 2);
  for (const name of fixtures) {
    const { fields, ...rest } = parseLslv(readFixture(name));
    assert.deepEqual(rest, expected[name as keyof typeof expected], name);
    assert.equal(fields['LOGICAL VOLUME'], rest.name);
  }
});

test('lslv LV: the long LV IDENTIFIER value does not swallow PERMISSION; odd keys are kept', () => {
  const { fields } = parseLslv(readFixture('lslv.hd1.01.txt'));
  assert.equal(fields['LV IDENTIFIER'], '00fa00d600004c000000017d43623707.8');
  assert.equal(fields['PERMISSION'], 'read/write');
  assert.equal(fields['VG STATE'], 'active/complete');
  assert.equal(fields['MIRROR WRITE CONSISTENCY'], 'on/ACTIVE');
  assert.equal(fields['EACH LP COPY ON A SEPARATE PV ?'], 'yes');
  assert.equal(fields['Serialize IO ?'], 'NO');
  assert.equal(fields['INTRA-POLICY'], 'center');
  assert.equal(fields['UPPER BOUND'], '32');
  assert.equal(fields['LABEL'], '/home');

  const closed = parseLslv(readFixture('lslv.testlv-closed.01.txt')).fields;
  assert.equal(closed['DEVICE PERMISSIONS'], '432');
  assert.equal(closed['DEVICESUBTYPE'], 'DS_LVZ');
  assert.equal(closed['COPY 3 MIRROR POOL'], 'None');
  assert.equal(closed['LABEL'], 'None');
});

test('lslv LV: CRLF, a mirrored LV, missing keys, error text', () => {
  const text = [
    'LOGICAL VOLUME:     hd2                    VOLUME GROUP:   rootvg',
    'LV IDENTIFIER:      00f6db0a00004c000000016b94f02.5 PERMISSION:     read/write',
    'VG STATE:           active/complete        LV STATE:       opened/stale',
    'TYPE:               jfs2                   WRITE VERIFY:   off',
    'MAX LPs:            512                    PP SIZE:        1 gigabyte(s)',
    'COPIES:             2                      SCHED POLICY:   parallel',
    'LPs:                36                     PPs:            72',
    'MOUNT POINT:        /usr                   LABEL:          /usr',
  ].join('\r\n');
  const lv = parseLslv(text);
  assert.deepEqual(
    [lv.copies, lv.lps, lv.pps, lv.ppSizeMb, lv.state, lv.mountPoint],
    [2, 36, 72, 1024, 'opened/stale', '/usr'],
  );
  assert.throws(
    () => parseLslv('0516-1147 : Warning - logical volume nolv not found.\n'),
    (e: unknown) => e instanceof ParseError && e.command === 'lslv',
  );
  assert.throws(
    () => parseLslv('LOGICAL VOLUME:     hd2                    VOLUME GROUP:   rootvg\n'),
    (e: unknown) => e instanceof ParseError && /TYPE/.test(e.message),
  );
});

test('lslv -l LV: fixture without its first line, and the usual lvname:mountpoint form', () => {
  assert.ok(listFixtures('lslv-l.').length > 0);
  for (const name of listFixtures('lslv-l.')) assert.ok(parseLslvPvs(readFixture(name)).pvs.length > 0, name);
  assert.deepEqual(parseLslvPvs(readFixture('lslv-l.no-header.01.txt')), {
    lv: '',
    mountPoint: null,
    pvs: [
      { name: 'hdisk5', copies: '080:000:000', inBand: '100%', distribution: '000:000:058:022:000' },
      { name: 'hdisk1', copies: '080:000:000', inBand: '100%', distribution: '000:000:004:076:000' },
    ],
  });
  const full = parseLslvPvs(
    'hd4:/\r\nPV                COPIES        IN BAND       DISTRIBUTION\r\nhdisk0            001:000:000   100%          000:000:001:000:000\r\n',
  );
  assert.equal(full.lv, 'hd4');
  assert.equal(full.mountPoint, '/');
  assert.equal(full.pvs[0]?.name, 'hdisk0');
  assert.equal(
    parseLslvPvs('hd5:N/A\nPV COPIES IN BAND DISTRIBUTION\nhdisk0 001:000:000 100% 001:000:000:000:000\n').mountPoint,
    null,
  );
  assert.throws(
    () => parseLslvPvs('hd4:/\nhdisk0 001:000:000 100% 000:000:001:000:000\n'),
    (e: unknown) => e instanceof ParseError && e.command === 'lslv -l',
  );
  assert.throws(() => parseLslvPvs('hd4:/\nPV COPIES IN BAND DISTRIBUTION\nhdisk0 001:000:000\n'), ParseError);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLspv, type LspvEntry } from '../../agent/aix/parsers/lspv';
import { parseMmlsnsd } from '../../agent/aix/parsers/mmlsnsd';
import type { DeviceSurvey } from '../../agent/inventory/device-survey';
import { claimOf, headerWarnings } from '../../agent/inventory/disk-claims';
import { readFixture } from '../support/fixtures';

function survey(fields: Partial<DeviceSurvey> = {}): DeviceSurvey {
  return {
    devices: [],
    devicesError: null,
    families: [],
    pathOwners: new Map(),
    unmapped: [],
    mpio: null,
    nsds: null,
    nsdError: null,
    headers: new Map(),
    ...fields,
  };
}

function pv(pvs: readonly LspvEntry[], name: string): LspvEntry {
  const found = pvs.find((p) => p.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

test("a concurrent VG and the CAA repository are a cluster's (lspv.concurrent.01.txt); the remedy is the cluster's tools", () => {
  const pvs = parseLspv(readFixture('lspv.concurrent.01.txt'));
  const vgs = ['rootvg', 'datavg', 'caavg_private'];
  const data = claimOf(pv(pvs, 'hdisk1'), pvs, vgs, survey());
  assert.equal(data?.kind, 'DISK_CLAIM_KIND_CLUSTER_VG');
  assert.equal(data?.owner, 'datavg');
  assert.match(data?.remedy ?? '', /C-SPOC|clmgr/);
  assert.match(data?.remedy ?? '', /never with reducevg or exportvg/);
  assert.equal(claimOf(pv(pvs, 'hdisk2'), pvs, vgs, survey())?.owner, 'caavg_private');
  assert.equal(claimOf(pv(pvs, 'hdisk0'), pvs, vgs, survey()), null);
});

test('GPFS: a VG column naming no LVM volume group, or mmlsnsd naming the disk; the remedy is mmdelnsd', () => {
  const pvs = parseLspv(
    'hdisk0 00c0ffee00000001 rootvg active\nhdisk3 00c0ffee00000003 gpfs1nsd\nhdisk4 00c0ffee00000004 None\nhdisk5 00c0ffee00000005 None\n',
  );
  const byName = claimOf(pv(pvs, 'hdisk3'), pvs, ['rootvg'], survey());
  assert.deepEqual([byName?.kind, byName?.owner], ['DISK_CLAIM_KIND_GPFS_NSD', 'gpfs1nsd']);
  assert.match(byName?.remedy ?? '', /mmdelnsd gpfs1nsd/);
  assert.match(byName?.evidence ?? '', /no volume group lsvg knows/);
  const nsds = parseMmlsnsd(
    ' \n Disk name    NSD volume ID      Device         Devtype  Node name                Remarks\n---\n nsd_data1    C0A80DC85CA5F091   /dev/hdisk4    hdisk    aix01                    server node\n',
  );
  const byMmlsnsd = claimOf(pv(pvs, 'hdisk4'), pvs, ['rootvg'], survey({ nsds }));
  assert.deepEqual(
    [byMmlsnsd?.owner, byMmlsnsd?.evidence],
    ['nsd_data1', 'mmlsnsd -X lists GPFS NSD nsd_data1 on /dev/hdisk4'],
  );
  assert.equal(claimOf(pv(pvs, 'hdisk5'), pvs, ['rootvg'], survey({ nsds })), null);
});

test("PowerPath (lspv.powerpath.01.txt): powermt's paths, the header's PVID, or, with neither, every non-MPIO free disk", () => {
  const pvs = parseLspv(readFixture('lspv.powerpath.01.txt'));
  const vgs = ['rootvg', 'datavg', 'hbvg'];
  const families: DeviceSurvey['families'] = [
    { software: 'EMC PowerPath', pseudos: ['hdiskpower0', 'hdiskpower1', 'hdiskpower2', 'hdiskpower3'] },
  ];
  const listed = claimOf(
    pv(pvs, 'hdisk5'),
    pvs,
    vgs,
    survey({ families, pathOwners: new Map([['hdisk5', { pseudo: 'hdiskpower1', evidence: 'powermt lists it' }]]) }),
  );
  assert.deepEqual([listed?.kind, listed?.owner], ['DISK_CLAIM_KIND_MULTIPATH_PATH', 'hdiskpower1']);
  assert.match(listed?.remedy ?? '', /LUN of hdiskpower1, which holds datavg/);
  // powermt failed: the header of hdisk7 carries hdiskpower3's PVID.
  const unmapped = [{ family: families[0]!, problem: 'powermt display dev=all failed' }];
  const headers = new Map([
    ['hdisk7', { header: { pvid: '00f8c13b3303bc10', vgid: '00f8c13b00004c00000001446a0ea7e3' }, error: null }],
  ]);
  const byHeader = claimOf(pv(pvs, 'hdisk7'), pvs, vgs, survey({ families, unmapped, headers }));
  assert.equal(byHeader?.owner, 'hdiskpower3');
  assert.match(
    byHeader?.evidence ?? '',
    /header of hdisk7 holds PVID 00f8c13b3303bc10 \(lquerypv\), the PVID of hdiskpower3/,
  );
  // A free native disk nothing maps: claimed, unless AIX's MPIO lists its paths.
  const unknown = claimOf(pv(pvs, 'hdisk8'), pvs, vgs, survey({ families, unmapped, mpio: new Map([['hdisk0', 2]]) }));
  assert.equal(unknown?.kind, 'DISK_CLAIM_KIND_MULTIPATH_PATH');
  assert.match(unknown?.evidence ?? '', /powermt display dev=all failed; hdisk8 is no MPIO disk/);
  assert.equal(
    claimOf(pv(pvs, 'hdisk8'), pvs, vgs, survey({ families, unmapped, mpio: new Map([['hdisk8', 4]]) })),
    null,
  );
  // The pseudo-devices themselves are not paths.
  assert.equal(claimOf(pv(pvs, 'hdiskpower0'), pvs, vgs, survey({ families, unmapped })), null);
});

test("an MPIO disk with many paths is nobody's path when nothing else claims it", () => {
  const pvs = parseLspv('hdisk0 00c0ffee00000001 rootvg active\nhdisk1 00c0ffee00000002 None\n');
  assert.equal(claimOf(pv(pvs, 'hdisk1'), pvs, ['rootvg'], survey({ mpio: new Map([['hdisk1', 4]]) })), null);
});

test('header warnings: a VGDA no VG claims, a PVID lspv does not show, an unreadable header; none for a matching header', () => {
  const pvs = parseLspv('hdisk1 00c0ffee00000002 None\nhdisk2 none None\nhdisk3 none None\n');
  const headers = new Map([
    ['hdisk1', { header: { pvid: '00c0ffee00000002', vgid: null }, error: null }],
    ['hdisk2', { header: { pvid: '00c0ffee000000aa', vgid: '00c0ffee00004c000000017d43623707' }, error: null }],
    ['hdisk3', { header: null, error: 'lquerypv: Cannot open physical volume /dev/hdisk3.' }],
  ] as const);
  const s = survey({ headers: new Map(headers) as DeviceSurvey['headers'] });
  assert.deepEqual(headerWarnings(pv(pvs, 'hdisk1'), s), []);
  assert.deepEqual(
    headerWarnings(pv(pvs, 'hdisk2'), s).map((w) => w.code),
    ['target-holds-vgda', 'target-header-pvid'],
  );
  assert.match(headerWarnings(pv(pvs, 'hdisk2'), s)[0]?.remedy ?? '', /lqueryvg -Atp \/dev\/hdisk2/);
  assert.deepEqual(
    headerWarnings(pv(pvs, 'hdisk3'), s).map((w) => w.code),
    ['target-header-unreadable'],
  );
});

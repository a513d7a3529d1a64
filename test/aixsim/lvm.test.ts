import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHost, type TestHost } from '../support/aixsim-host';
import { fieldStarts, fixture, lines, run } from './helpers';

/**
 * lspv, lsvg, lslv against the layouts of real AIX samples in test/fixtures/aix:
 * same headers, same column starts, same trailing blanks, same messages.
 */
describe('lspv / lsvg / lslv', () => {
  let host: TestHost;
  let pvid: Record<string, string>;
  before(async () => {
    host = await createHost();
    pvid = {};
    for (const l of lines(run(host.bin, 'lspv').stdout)) {
      const [name, id] = l.split(/ +/);
      pvid[name as string] = id as string;
    }
  });
  after(() => host.cleanup());

  describe('lspv', () => {
    test('lists every disk in the real column layout, trailing blanks included', () => {
      const r = run(host.bin, 'lspv');
      assert.equal(r.status, 0);
      assert.equal(r.stderr, '');
      const out = lines(r.stdout);
      const real = fixture('lspv.trailing-blanks.02.txt'); // hdisk0 rootvg active / hdisk1 None
      assert.equal(out[0], `hdisk0          ${pvid.hdisk0}                    rootvg          active      `);
      assert.equal(out[1], `hdisk1          ${pvid.hdisk1}                    None                        `);
      assert.deepEqual(fieldStarts(out[0] ?? ''), fieldStarts(real[0] ?? ''));
      assert.equal(out[0]?.length, real[0]?.length);
      assert.equal(out[1]?.length, real[1]?.length);
      // A disk without PVID shows none / None, as in lspv.none-trailing-blanks.01.txt.
      const noPvid = fixture('lspv.none-trailing-blanks.01.txt')[0] ?? '';
      assert.equal(out[3], noPvid.replace('hdisk0', 'hdisk3'));
      assert.equal(out[2], `hdisk2          ${pvid.hdisk2}                    datavg          active      `);
      assert.deepEqual(
        out.map((l) => l.slice(0, 16).trim()),
        ['hdisk0', 'hdisk1', 'hdisk2', 'hdisk3', 'hdisk4', 'hdisk5'],
      );
      // Same padding as a 15-disk capture found for aixsim (test/fixtures/aix/aixsim/).
      const many = fixture('aixsim/lspv.mirrored-many-none.aixsim.01.txt');
      assert.equal(
        out[1],
        (many[2] ?? '').replace('hdisk2', 'hdisk1').replace('00f6d7e7d7d7d810', pvid.hdisk1 as string),
      );
      assert.equal(out[3], (many[3] ?? '').replace('hdisk4', 'hdisk3'));
    });

    test('lspv PV prints the detail page with the real key layout', () => {
      const r = run(host.bin, 'lspv', ['hdisk0']);
      assert.equal(r.status, 0);
      const out = lines(r.stdout);
      const real = fixture('lspv-disk.hdisk0.01.txt');
      assert.equal(out.length, real.length);
      for (let i = 0; i < real.length; i++) {
        const keys = (s: string) => s.match(/[A-Z][A-Z ]+[A-Z]:?(?= )/g) ?? [];
        assert.deepEqual(keys(out[i] ?? ''), keys(real[i] ?? ''), `line ${i + 1} keys`);
        const keyAt = (s: string) => keys(s).map((k) => s.indexOf(k));
        assert.deepEqual(keyAt(out[i] ?? ''), keyAt(real[i] ?? ''), `line ${i + 1} key columns`);
      }
      assert.equal(out[2], 'PV STATE:           active');
      assert.equal(out[3], 'STALE PARTITIONS:   0                        ALLOCATABLE:      yes');
      assert.equal(out[4], 'PP SIZE:            32 megabyte(s)           LOGICAL VOLUMES:  12');
      assert.equal(out[5], 'TOTAL PPs:          639 (20448 megabytes)    VG DESCRIPTORS:   2');
      assert.equal(out[6], 'FREE PPs:           477 (15264 megabytes)    HOT SPARE:        no');
      assert.equal(out[7], 'USED PPs:           162 (5184 megabytes)     MAX REQUEST:      512 kilobytes');
      assert.match(out[1] ?? '', new RegExp(`^PV IDENTIFIER:      ${pvid.hdisk0} VG IDENTIFIER     [0-9a-f]{32}$`));
    });

    test('lspv -l PV lists the LVs on the disk with the real header', () => {
      const out = lines(run(host.bin, 'lspv', ['-l', 'hdisk0']).stdout);
      const real = fixture('lspv-l.hdisk0.01.txt');
      assert.equal(out[0], 'hdisk0:');
      assert.equal(out[1], real[1]);
      assert.equal(out.length, 2 + 12);
      assert.equal(
        out.find((l) => l.startsWith('hd5 ')),
        'hd5                   1       1       01..00..00..00..00    N/A',
      );
      assert.deepEqual(
        fieldStarts(out.find((l) => l.startsWith('hd2 ')) ?? ''),
        fieldStarts(real.find((l) => l.startsWith('hd2 ')) ?? ''),
      );
    });

    test('says 0516-1396 for an unknown disk and 0516-320 for a disk in no VG', () => {
      const unknown = run(host.bin, 'lspv', ['hdisk99']);
      assert.equal(unknown.status, 1);
      assert.equal(unknown.stdout, '');
      assert.deepEqual(
        lines(unknown.stderr),
        fixture('lspv-disk.error-not-found.01.txt').map((l) => l.replace('hdisk1', 'hdisk99')),
      );
      const free = run(host.bin, 'lspv', ['-l', 'hdisk1']);
      assert.equal(free.status, 1);
      assert.equal(
        free.stderr,
        '0516-320 /usr/sbin/getlvodm: Physical volume hdisk1 is not assigned to\n\ta volume group.\n',
      );
    });

    test('rejects unknown flags with the getopt message and the usage', () => {
      const r = run(host.bin, 'lspv', ['-Z']);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /^lspv: Not a recognized flag: Z\nUsage: lspv /);
    });
  });

  describe('lsvg', () => {
    test('lists all VGs, and -o only the varied-on ones', () => {
      assert.equal(run(host.bin, 'lsvg').stdout, 'rootvg\ndatavg\n');
      assert.equal(run(host.bin, 'lsvg', ['-o']).stdout, 'datavg\nrootvg\n');
    });

    test('lsvg VG has the keys and columns of a real AIX 7 detail page', () => {
      const out = lines(run(host.bin, 'lsvg', ['rootvg']).stdout);
      const real = fixture('lsvg.rootvg.02.txt');
      assert.equal(out.length, real.length);
      for (let i = 0; i < real.length; i++) {
        const r = real[i] ?? '';
        const o = out[i] ?? '';
        const labels = (s: string) => s.split(/ {2,}|(?<=:) /).filter((x) => x.endsWith(':'));
        assert.deepEqual(labels(o), labels(r), `line ${i + 1} labels`);
        for (const label of labels(r)) assert.equal(o.indexOf(label), r.indexOf(label), `column of ${label}`);
        if (labels(r).length === 2) assert.equal(fieldStarts(o)[2], fieldStarts(r)[2], `value column on line ${i + 1}`);
      }
      assert.equal(out[0]?.slice(0, 45), 'VOLUME GROUP:       rootvg                   ');
      assert.equal(out[3], 'MAX LVs:            256                      FREE PPs:       477 (15264 megabytes)');
      assert.equal(out[4], 'LVs:                12                       USED PPs:       162 (5184 megabytes)');
      assert.equal(out[5], 'OPEN LVs:           11                       QUORUM:         2 (Enabled)');
      assert.equal(out[2], 'VG PERMISSION:      read/write               TOTAL PPs:      639 (20448 megabytes)');
      assert.equal(out[6], 'TOTAL PVs:          1                        VG DESCRIPTORS: 2');
      assert.equal(out[11], 'LTG size (Dynamic): 512 kilobyte(s)          AUTO SYNC:      no');
      assert.equal(out[16], 'ENCRYPTION:         no');
    });

    test('lsvg -l VG uses the real header and columns', () => {
      const out = lines(run(host.bin, 'lsvg', ['-l', 'rootvg']).stdout);
      const real = fixture('lsvg-l.rootvg.01.txt');
      assert.equal(out[0], 'rootvg:');
      assert.equal(out[1], real[1]);
      assert.equal(out[2], real[2], 'hd5 line is identical to the sample');
      assert.equal(out[3], 'hd6                 paging     16      16      1    open/syncd    N/A');
      assert.equal(out[4], real[4], 'hd8 line');
      assert.equal(out[9], real[9], 'hd1 line');
      assert.equal(out[13], 'livedump            jfs2       8       8       1    open/syncd    /var/adm/ras/livedump');
      assert.equal(out.length, 14);
    });

    test('lsvg -l and -p accept several VGs', () => {
      const out = lines(run(host.bin, 'lsvg', ['-p', 'rootvg', 'datavg']).stdout);
      const real = fixture('lsvg-p.testvg.02.txt');
      assert.equal(out[0], 'rootvg:');
      assert.equal(out[1], real[1]);
      assert.match(out[2] ?? '', /^hdisk0 {12}active {12}639 {9}477 {9}\d+\.\.\d+\.\.\d+\.\.\d+\.\.\d+$/);
      assert.equal(out[3], 'datavg:');
      assert.deepEqual(fieldStarts(out[5] ?? ''), fieldStarts(real[2] ?? '').slice(0, 5));
      assert.equal(
        lines(run(host.bin, 'lsvg', ['-l', 'rootvg', 'datavg']).stdout).filter((l) => l.endsWith(':')).length,
        2,
      );
    });

    test('says 0516-306 for an unknown VG and 0516-010 for a varied-off one', async () => {
      const unknown = run(host.bin, 'lsvg', ['nosuchvg']);
      assert.equal(unknown.status, 1);
      assert.equal(
        unknown.stderr,
        '0516-306 getlvodm: Unable to find volume group nosuchvg in the Device\n\tConfiguration Database.\n',
      );
      const alt = await createHost({ altinst: 'hdisk4' });
      try {
        assert.equal(run(alt.bin, 'lsvg').stdout, 'rootvg\ndatavg\naltinst_rootvg\n');
        assert.equal(run(alt.bin, 'lsvg', ['-o']).stdout, 'datavg\nrootvg\n');
        for (const args of [['altinst_rootvg'], ['-l', 'altinst_rootvg'], ['-p', 'altinst_rootvg']]) {
          const r = run(alt.bin, 'lsvg', args);
          assert.equal(r.status, 1);
          assert.equal(r.stderr, '0516-010 : Volume group must be varied on; use varyonvg command.\n');
        }
        // The clone's LVs are not in the ODM: lslv knows rootvg's own, not the clone's.
        assert.match(run(alt.bin, 'lslv', ['hd4']).stdout, /VOLUME GROUP: +rootvg\b/);
        const cloneLv = run(alt.bin, 'lslv', ['alt_hd4']);
        assert.equal(cloneLv.status, 1);
        assert.match(cloneLv.stderr, /0516-306 .*alt_hd4/);
      } finally {
        alt.cleanup();
      }
    });
  });

  describe('lslv', () => {
    test('lslv LV matches the real hd1 page but for the VG id', () => {
      const out = lines(run(host.bin, 'lslv', ['hd1']).stdout);
      const vgid = /LV IDENTIFIER: +([0-9a-f]{32})\./.exec(out[1] ?? '')?.[1] ?? 'missing';
      const real = fixture('lslv.hd1.01.txt').map((l) => l.replace('00fa00d600004c000000017d43623707', vgid));
      assert.deepEqual(out, real);
    });

    test('lslv -l LV shows where its partitions are', () => {
      assert.deepEqual(lines(run(host.bin, 'lslv', ['-l', 'hd2']).stdout), [
        'hd2:/usr',
        'PV                COPIES        IN BAND       DISTRIBUTION',
        'hdisk0            069:000:000   100%          000:000:069:000:000',
      ]);
    });

    test('says 0516-306 for an unknown LV', () => {
      const r = run(host.bin, 'lslv', ['nosuchlv']);
      assert.equal(r.status, 1);
      assert.equal(r.stderr, '0516-306 getlvodm: Unable to find  nosuchlv in the Device\n\tConfiguration Database.\n');
    });
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TestHost } from '../support/aixsim-host';
import { dataDir, fastHost, filesUnder, stateOf } from './clone-helpers';
import { fixture, lines, run } from './helpers';

/** What alt_disk_copy -d hdisk1 prints on the default host (test/fixtures/aix/alt_disk_copy.messages.md). */
const PHASE1 = [
  'Calling mkszfile to create new /image.data file.',
  'Checking disk sizes.',
  'Creating cloned rootvg volume group and associated logical volumes.',
  ...['hd5', 'hd6', 'hd8', 'hd4', 'hd2', 'hd9var', 'hd3', 'hd1', 'hd10opt', 'hd11admin', 'lg_dumplv', 'livedump'].map(
    (lv) => `Creating logical volume alt_${lv}.`,
  ),
  'Creating /alt_inst/ file system',
  'Creating /alt_inst/admin file system',
  'Creating /alt_inst/home file system',
  'Creating /alt_inst/opt file system',
  'Creating /alt_inst/tmp file system',
  'Creating /alt_inst/usr file system',
  'Creating /alt_inst/var file system',
  'Creating /alt_inst/var/adm/ras/livedump file system',
  'Generating a list of files',
  'for backup and restore into the alternate file system...',
  'Backing-up the rootvg files and restoring them to the alternate file system...',
  'Modifying ODM on cloned disk.',
];
const UNMOUNT_ORDER = [
  '/alt_inst/var/adm/ras/livedump',
  '/alt_inst/var',
  '/alt_inst/usr',
  '/alt_inst/tmp',
  '/alt_inst/opt',
  '/alt_inst/home',
  '/alt_inst/admin',
  '/alt_inst',
];
const PHASE3 = [
  'Building boot image on cloned disk.',
  'Changing logical volume names in volume group descriptor area.',
  'Fixing LV control blocks...',
  ...UNMOUNT_ORDER.flatMap((mp) => [`forced unmount of ${mp}`, `forced unmount of ${mp}`]),
  'Fixing file system superblocks...',
];

describe('alt_disk_copy: a full clone', () => {
  let host: TestHost;
  let out: ReturnType<typeof run>;
  before(async () => {
    host = await fastHost();
    // Files for the exclude list: /tmp's contents, any "scratch" directory; /var/tmp must stay.
    const home = dataDir(host, 'hdisk0', 'hd1');
    fs.mkdirSync(path.join(home, 'user1', 'scratch'), { recursive: true });
    fs.writeFileSync(path.join(home, 'user1', 'scratch', 'big.dat'), 'x'.repeat(5000));
    fs.mkdirSync(path.join(dataDir(host, 'hdisk0', 'hd10opt'), 'app', 'scratch'), { recursive: true });
    fs.writeFileSync(path.join(dataDir(host, 'hdisk0', 'hd10opt'), 'app', 'scratch', 'cache.bin'), 'cache');
    fs.writeFileSync(path.join(dataDir(host, 'hdisk0', 'hd10opt'), 'app', 'config.txt'), 'keep me');
    fs.writeFileSync(path.join(dataDir(host, 'hdisk0', 'hd4'), 'tmpfile'), 'not under /tmp');
    const exclude = path.join(host.dir, 'exclude.list');
    fs.writeFileSync(exclude, '^./tmp/\n\n/scratch/\n^./etc/motd$\n');
    out = run(host.bin, 'alt_disk_copy', ['-d', 'hdisk1', '-e', exclude]);
  });
  after(() => host.cleanup());

  test('prints the phase messages of the real runs, in order, and exits 0', () => {
    assert.equal(out.stderr, '');
    assert.equal(out.status, 0);
    assert.deepEqual(lines(out.stdout), [...PHASE1, ...PHASE3, 'Bootlist is set to the boot disk: hdisk1 blv=hd5']);
    // Same lines as the real alt_disk_mksysb capture for LV creation and phase 3 (its typos fixed).
    const real = fixture('alt_disk_mksysb.run.01.txt').map((l) =>
      l.trimEnd().replace('dumpiv', 'dumplv').replace('bl v=', 'blv=').replace('hdisk2', 'hdisk1'),
    );
    for (const l of real.filter((x) => /^(Creating logical|Changing|Fixing|forced|Bootlist)/.test(x)))
      assert.ok(lines(out.stdout).includes(l), l);
  });

  test('leaves altinst_rootvg varied off on hdisk1, with a boot record and the bootlist on it', () => {
    const pv = lines(run(host.bin, 'lspv').stdout).find((l) => l.startsWith('hdisk1')) ?? '';
    assert.match(pv, /^hdisk1 +[0-9a-f]{16} +altinst_rootvg +$/, 'no state column, as lspv.altinst.01.txt');
    assert.deepEqual(lines(run(host.bin, 'lsvg').stdout), ['rootvg', 'datavg', 'altinst_rootvg']);
    assert.ok(!run(host.bin, 'lsvg', ['-o']).stdout.includes('altinst_rootvg'));
    const lsvg = run(host.bin, 'lsvg', ['altinst_rootvg']);
    assert.equal(lsvg.status, 1);
    assert.equal(lsvg.stderr, '0516-010 : Volume group must be varied on; use varyonvg command.\n');
    assert.match(
      lines(run(host.bin, 'ipl_varyon', ['-i']).stdout).find((l) => l.startsWith('hdisk1')) ?? '',
      /^hdisk1 +YES /,
    );
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', '-o']).stdout, 'hdisk1 blv=hd5 pathid=0\n');
    assert.equal(run(host.bin, 'lslv', ['alt_hd4']).status, 1, 'the clone LVs left the ODM');
    const vg = stateOf(host).vgs.find((v) => v.name === 'altinst_rootvg');
    assert.ok(vg);
    assert.deepEqual(
      vg.lvs.map((l) => l.name).slice(0, 5),
      ['hd5', 'hd6', 'hd8', 'hd4', 'hd2'],
      'inner names in the VGDA',
    );
    assert.ok(vg.lvs.every((l) => !l.odm && !l.fs?.mounted));
    assert.equal(vg.system?.serviceLevel, '7200-05-03-2148');
    assert.ok(!run(host.bin, 'df', ['-k']).stdout.includes('/alt_inst'));
    assert.equal(stateOf(host).altDiskOp, null);
  });

  test('copies every file of the mounted file systems, except the excluded ones, under DIR/disks/hdisk1/lv/<lv>', () => {
    for (const lv of ['hd4', 'hd2', 'hd9var', 'hd3', 'hd1', 'hd10opt', 'hd11admin', 'livedump']) {
      const src = filesUnder(dataDir(host, 'hdisk0', lv));
      const dst = filesUnder(dataDir(host, 'hdisk1', lv));
      const prefix = {
        hd4: '.',
        hd2: './usr',
        hd9var: './var',
        hd3: './tmp',
        hd1: './home',
        hd10opt: './opt',
        hd11admin: './admin',
        livedump: './var/adm/ras/livedump',
      }[lv];
      const expected = src.filter((f) => {
        const rel = `${prefix}/${f}`;
        return !/^\.\/tmp\//.test(rel) && !rel.includes('/scratch/') && rel !== './etc/motd';
      });
      assert.deepEqual(dst, expected, lv);
      for (const f of dst)
        assert.equal(
          fs.readFileSync(path.join(dataDir(host, 'hdisk1', lv), f), 'utf8'),
          fs.readFileSync(path.join(dataDir(host, 'hdisk0', lv), f), 'utf8'),
        );
    }
    // ^./tmp/ drops /tmp's contents but keeps /tmp itself and /var/tmp; /scratch/ matches anywhere.
    assert.deepEqual(filesUnder(dataDir(host, 'hdisk1', 'hd3')), []);
    assert.ok(fs.existsSync(path.join(dataDir(host, 'hdisk1', 'hd4'), 'tmp')));
    assert.ok(fs.existsSync(path.join(dataDir(host, 'hdisk1', 'hd9var'), 'tmp', '.keep')));
    assert.ok(fs.existsSync(path.join(dataDir(host, 'hdisk1', 'hd4'), 'tmpfile')));
    assert.ok(!fs.existsSync(path.join(dataDir(host, 'hdisk1', 'hd1'), 'user1', 'scratch', 'big.dat')));
    assert.ok(fs.existsSync(path.join(dataDir(host, 'hdisk1', 'hd10opt'), 'app', 'config.txt')));
    assert.ok(!fs.existsSync(path.join(dataDir(host, 'hdisk1', 'hd4'), 'etc', 'motd')), '^./x$ is exact');
    assert.ok(fs.existsSync(path.join(dataDir(host, 'hdisk1', 'hd4'), 'etc', 'hosts')));
  });
});

describe('alt_disk_copy: phases, -B, -V and unmounted file systems', () => {
  let host: TestHost;
  before(async () => {
    host = await fastHost({ unmounted: ['/home'] });
  });
  after(() => host.cleanup());

  test('-P1 leaves the post phase 1 state; -P23 finishes it', () => {
    const p1 = run(host.bin, 'alt_disk_copy', ['-d', 'hdisk4', '-P1']);
    assert.equal(p1.status, 0, p1.stderr);
    assert.deepEqual(lines(p1.stdout), PHASE1);
    assert.match(lines(run(host.bin, 'lspv').stdout)[4] ?? '', /^hdisk4 +[0-9a-f]{16} +altinst_rootvg +active +$/);
    const lvs = lines(run(host.bin, 'lsvg', ['-l', 'altinst_rootvg']).stdout);
    assert.match(
      lvs.find((l) => l.startsWith('alt_hd2 ')) ?? '',
      /^alt_hd2 +jfs2 +69 +69 +1 +open\/syncd +\/alt_inst\/usr$/,
    );
    assert.match(
      lvs.find((l) => l.startsWith('alt_hd6 ')) ?? '',
      /closed\/syncd +N\/A$/,
      "the clone's paging space is not in use",
    );
    assert.ok(run(host.bin, 'lsvg', ['-o']).stdout.includes('altinst_rootvg'));
    const df = lines(run(host.bin, 'df', ['-k']).stdout);
    assert.ok(df.some((l) => /^\/dev\/alt_hd4 .* \/alt_inst$/.test(l)));
    assert.ok(df.some((l) => /^\/dev\/alt_hd2 .* \/alt_inst\/usr$/.test(l)));
    assert.equal(run(host.bin, 'lslv', ['alt_hd2']).status, 0, 'phase 1 LVs are in the ODM');
    // Note 7: the unmounted /home is created but not copied.
    assert.deepEqual(filesUnder(dataDir(host, 'hdisk4', 'hd1')), []);
    assert.ok(filesUnder(dataDir(host, 'hdisk0', 'hd1')).length > 0);
    assert.equal(
      run(host.bin, 'bootlist', ['-m', 'normal', '-o']).stdout,
      'hdisk0 blv=hd5 pathid=0\n',
      'no bootlist before phase 3',
    );

    const wrongDisk = run(host.bin, 'alt_disk_copy', ['-d', 'hdisk1', '-P23']);
    assert.equal(wrongDisk.status, 1);
    assert.match(
      wrongDisk.stderr,
      /^0505-150 alt_disk_copy: altinst_rootvg on hdisk1 is not in the post phase 1 state\./,
    );

    const p23 = run(host.bin, 'alt_disk_copy', ['-d', 'hdisk4', '-P23']);
    assert.equal(p23.status, 0, p23.stderr);
    assert.deepEqual(lines(p23.stdout), [...PHASE3, 'Bootlist is set to the boot disk: hdisk4 blv=hd5']);
    assert.match(lines(run(host.bin, 'lspv').stdout)[4] ?? '', /^hdisk4 +[0-9a-f]{16} +altinst_rootvg +$/);
    const again = run(host.bin, 'alt_disk_copy', ['-d', 'hdisk4', '-P3']);
    assert.equal(again.status, 1, 'a finished clone is no longer in the post phase 1 state');
  });

  test('-B leaves the bootlist alone; -V lists every file copied', () => {
    assert.equal(run(host.bin, 'alt_rootvg_op', ['-X']).status, 0);
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', 'hdisk0']).status, 0);
    const r = run(host.bin, 'alt_disk_copy', ['-B', '-V', '-d', 'hdisk1']);
    assert.equal(r.status, 0, r.stderr);
    const out = lines(r.stdout);
    assert.ok(!out.some((l) => l.startsWith('Bootlist is set')));
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', '-o']).stdout, 'hdisk0 blv=hd5 pathid=0\n');
    const listed = out.filter((l) => l.startsWith('a '));
    assert.ok(
      listed.includes(
        `a ${String(fs.statSync(path.join(dataDir(host, 'hdisk0', 'hd4'), 'etc', 'hosts')).size).padStart(11)} ./etc/hosts`,
      ),
    );
    assert.ok(listed.includes('a           0 ./usr/bin'));
    assert.ok(!listed.some((l) => l.includes(' ./home/')), 'unmounted /home is not backed up');
    // Listed between the backup line and "Modifying ODM".
    assert.equal(
      out.indexOf(listed[0] as string),
      out.indexOf('Backing-up the rootvg files and restoring them to the alternate file system...') + 1,
    );
    assert.equal(out[out.indexOf(listed[listed.length - 1] as string) + 1], 'Modifying ODM on cloned disk.');
  });
});

describe('alt_disk_copy: refusals (nothing changes, exit 1)', () => {
  let host: TestHost;
  let before_: string;
  before(async () => {
    host = await fastHost({ lvNames: ['averyverylongl'] });
    before_ = fs.readFileSync(path.join(host.dir, 'state.json'), 'utf8');
  });
  after(() => host.cleanup());

  const refuse = (args: string[], stderr: RegExp, stdout = '') => {
    const r = run(host.bin, 'alt_disk_copy', args);
    assert.equal(r.status, 1, args.join(' '));
    assert.match(r.stderr, stderr, args.join(' '));
    assert.equal(r.stdout, stdout, args.join(' '));
  };

  test('checks flags, paths and scripts as the manual says', () => {
    const script = path.join(host.dir, 'noexec.sh');
    fs.writeFileSync(script, '#!/bin/sh\n', { mode: 0o644 });
    refuse([], /^Usage: alt_disk_copy -d "target disks"/);
    refuse(['-d', 'hdisk1', 'hdisk4'], /^Usage: alt_disk_copy/);
    refuse(['-z', '-d', 'hdisk1'], /^alt_disk_copy: Not a recognized flag: z\nUsage: /);
    refuse(['-d'], /^alt_disk_copy: Flag requires a parameter: d\n/);
    refuse(['-d', 'hdisk1', '-P', '13'], /^0505-149 alt_disk_copy: Invalid phase option 13\.\n$/);
    refuse(['-d', 'hdisk1', '-b', 'update_all'], /^0505-143 .*-l flag must be used/);
    refuse(['-d', 'hdisk1', '-I', 'acgX'], /^0505-143 /);
    refuse(['-d', 'hdisk1', '-c', '/dev/vty0'], /^0505-144 .*-c flag is only valid with the -O flag/);
    refuse(['-d', 'hdisk1', '-r', '-B'], /^0505-145 /);
    refuse(
      ['-d', 'hdisk1', '-e', 'exclude.list'],
      /^0505-146 alt_disk_copy: exclude_list must be a full path name\.\n$/,
    );
    refuse(['-d', 'hdisk1', '-i', 'image.data'], /^0505-146 alt_disk_copy: image\.data must be a full path name/);
    refuse(
      ['-d', 'hdisk1', '-R', '/nonexistent/resolv.conf'],
      /^0505-147 alt_disk_copy: Cannot access \/nonexistent\/resolv\.conf\./,
    );
    refuse(['-d', 'hdisk1', '-s', script], /^0505-148 alt_disk_copy: .*noexec\.sh is not executable\./);
  });

  test('checks the target disks: known, free (0505-126), big enough, bootable', () => {
    refuse(['-d', 'hdisk99'], /^0505-112 alt_disk_copy: hdisk99 is not a valid disk\./);
    refuse(['-d', 'hdisk1 hdisk1'], /^0505-112 /);
    refuse(['-d', 'hdisk2'], /^0505-126 alt_disk_copy: target disk hdisk2 has\n\ta volume group assigned to it\.\n$/);
    refuse(['-d', 'hdisk0'], /^0505-126 alt_disk_copy: target disk hdisk0 has/);
    refuse(['-d', 'hdisk1', '-P2'], /^0505-150 /);
  });

  test('checks names and sizes while "Checking disk sizes."', () => {
    // Note 3: 11 characters at most for a name that gets the alt_ prefix.
    refuse(
      ['-d', 'hdisk1'],
      /^0505-177 alt_disk_copy: The logical volume name averyverylongl is longer than 11 characters\./,
      'Calling mkszfile to create new /image.data file.\nChecking disk sizes.\n',
    );
    // A customised image.data shortens it (matched by mount point), then the 4 GB hdisk5 is too small.
    const imageData = path.join(host.dir, 'image.data');
    fs.writeFileSync(
      imageData,
      'lv_data:\n\tVOLUME_GROUP= rootvg\n\tLOGICAL_VOLUME= shortlv\n\tLPs= 1\n\tMOUNT_POINT= /averyverylongl\n',
    );
    refuse(
      ['-d', 'hdisk5', '-i', imageData],
      /^0505-117 alt_disk_copy: Not enough disk space on target disk\(s\)\.\n\tThe target disk\(s\) need at least 5216 megabytes\.\n$/,
      'Checking disk sizes.\n',
    );
    const now = stateOf(host);
    const was = JSON.parse(before_) as ReturnType<typeof stateOf>;
    assert.deepEqual(
      [now.vgs, now.disks, now.bootlist, now.bootImages],
      [was.vgs, was.disks, was.bootlist, was.bootImages],
    );
  });

  test('-S skips the space check; the LVs then do not fit (0516-404), and it cleans up', () => {
    const imageData = path.join(host.dir, 'image.data');
    const r = run(host.bin, 'alt_disk_copy', ['-S', '-d', 'hdisk5', '-i', imageData]);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /^0516-404 allocp: This system cannot fulfill the allocation request\.\n[\s\S]*0505-118 alt_disk_copy: Unable to create logical volume alt_lg_dumplv\.\n$/,
    );
    assert.equal(lines(r.stdout).at(-1), 'Cleaning up.');
    assert.match(lines(run(host.bin, 'lspv').stdout)[5] ?? '', /^hdisk5 +[0-9a-f]{16} +None +$/);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestHost } from '../support/aixsim-host';
import { fastHost, stateOf } from './clone-helpers';
import { fieldStarts, fixture, lines, run } from './helpers';

describe('alt_rootvg_op', () => {
  let host: TestHost;
  before(async () => {
    host = await fastHost();
    assert.equal(run(host.bin, 'alt_disk_copy', ['-d', 'hdisk1', '-B']).status, 0);
  });
  after(() => host.cleanup());

  test('-q names the boot disk; -W wakes the clone into the post phase 1 state; -S puts it back to sleep', () => {
    assert.equal(run(host.bin, 'alt_rootvg_op', ['-q', '-d', 'hdisk1']).stdout, 'hdisk1\n');
    const w = run(host.bin, 'alt_rootvg_op', ['-W', '-d', 'hdisk1']);
    assert.equal(w.status, 0, w.stderr);
    assert.equal(w.stdout, 'Waking up altinst_rootvg volume group ...\n');
    assert.match(lines(run(host.bin, 'lspv').stdout)[1] ?? '', /altinst_rootvg +active +$/);
    assert.match(
      lines(run(host.bin, 'lsvg', ['-l', 'altinst_rootvg']).stdout).find((l) => l.startsWith('alt_hd2 ')) ?? '',
      /open\/syncd +\/alt_inst\/usr$/,
    );
    assert.ok(run(host.bin, 'df', ['-k', '/alt_inst/usr/bin']).stdout.includes('/dev/alt_hd2'));
    assert.match(
      run(host.bin, 'alt_rootvg_op', ['-W', '-d', 'hdisk1']).stderr,
      /^0505-132 alt_rootvg_op: altinst_rootvg is already awake\.\n$/,
    );
    // Woken, it is in the post phase 1 state: phase 2 may run on it, a new clone may not.
    assert.equal(run(host.bin, 'alt_disk_copy', ['-d', 'hdisk1', '-P2']).status, 0);
    const busy = run(host.bin, 'alt_disk_copy', ['-d', 'hdisk4']);
    assert.equal(busy.status, 1);
    assert.match(busy.stderr, /^0505-138 alt_disk_copy: The altinst_rootvg volume group already exists\.\n$/);
    const s = run(host.bin, 'alt_rootvg_op', ['-S', '-t']);
    assert.equal(s.status, 0, s.stderr);
    const out = lines(s.stdout);
    assert.equal(out[0], 'Putting volume group altinst_rootvg to sleep ...');
    assert.deepEqual(out.slice(1, 3), [
      'forced unmount of /alt_inst/var/adm/ras/livedump',
      'forced unmount of /alt_inst/var/adm/ras/livedump',
    ]);
    assert.deepEqual(out.slice(-2), ['Fixing LV control blocks...', 'Fixing file system superblocks...']);
    assert.match(lines(run(host.bin, 'lspv').stdout)[1] ?? '', /altinst_rootvg +$/);
    assert.equal(run(host.bin, 'alt_rootvg_op', ['-S']).stderr, '0505-133 alt_rootvg_op: No volume group is awake.\n');
  });

  test('-v renames it; -X refuses rootvg and data VGs, and removes an alternate rootvg whatever its name', () => {
    assert.equal(run(host.bin, 'alt_rootvg_op', ['-v', 'spare_rootvg', '-d', 'hdisk1']).status, 0);
    assert.deepEqual(lines(run(host.bin, 'lsvg').stdout), ['rootvg', 'datavg', 'spare_rootvg']);
    assert.equal(
      run(host.bin, 'alt_rootvg_op', ['-X', 'rootvg']).stderr,
      '0505-128 alt_rootvg_op: rootvg cannot be removed.\n',
    );
    assert.equal(
      run(host.bin, 'alt_rootvg_op', ['-X', 'datavg']).stderr,
      '0505-129 alt_rootvg_op: datavg is not an alternate rootvg volume group.\n',
    );
    assert.equal(
      run(host.bin, 'alt_rootvg_op', ['-X']).stderr,
      '0505-130 alt_rootvg_op: There is no altinst_rootvg volume group.\n',
    );
    assert.equal(
      run(host.bin, 'alt_rootvg_op', ['-W', '-d', 'hdisk2']).stderr,
      '0505-131 alt_rootvg_op: hdisk2 does not belong to an alternate rootvg volume group.\n',
    );
    const x = run(host.bin, 'alt_rootvg_op', ['-X', 'spare_rootvg', '-D']);
    assert.equal(x.status, 0, x.stderr);
    assert.equal(x.stdout, '');
    assert.match(lines(run(host.bin, 'lspv').stdout)[1] ?? '', /^hdisk1 +[0-9a-f]{16} +None +$/);
    assert.equal(stateOf(host).bootImages['hdisk1'], undefined);
  });

  test('-X of a clone the bootlist points at sets the bootlist back to the boot disk', () => {
    assert.equal(run(host.bin, 'alt_disk_copy', ['-d', 'hdisk4']).status, 0);
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', '-o']).stdout, 'hdisk4 blv=hd5 pathid=0\n');
    const x = run(host.bin, 'alt_rootvg_op', ['-X']);
    assert.equal(x.stdout, 'Bootlist is set to the boot disk: hdisk0 blv=hd5\n');
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', '-o']).stdout, 'hdisk0 blv=hd5 pathid=0\n');
    const usage = run(host.bin, 'alt_rootvg_op');
    assert.equal(usage.status, 1);
    assert.match(usage.stderr, /^Usage: alt_rootvg_op -X \[volume_group\] \[-D\]\n/);
  });
});

describe('df, odmget and the init options of the preflight', () => {
  let host: TestHost;
  before(async () => {
    host = await fastHost({ tcb: true, vgNames: ['altdata'] });
  });
  after(() => host.cleanup());

  test('df -g of a fresh host gives the numbers of the real df-g.01.txt', () => {
    const out = lines(run(host.bin, 'df', ['-g']).stdout);
    const real = fixture('df-g.01.txt');
    const norm = (l: string) => l.trim().split(/ +/);
    assert.deepEqual(norm(out[0] ?? ''), norm(real[0] ?? ''));
    for (const lv of ['hd4', 'hd2', 'hd9var', 'hd3', 'hd11admin', '/proc']) {
      const mine = norm(out.find((l) => l.startsWith(lv.startsWith('/') ? lv : `/dev/${lv} `)) ?? '');
      const theirs = norm(real.find((l) => l.startsWith(lv.startsWith('/') ? lv : `/dev/${lv} `)) ?? '');
      assert.deepEqual(mine.slice(0, 4), theirs.slice(0, 4), lv);
      // Iused within a few inodes (this host has an extra mount point directory in /).
      if (!lv.startsWith('/')) assert.ok(Math.abs(Number(mine[4]) - Number(theirs[4])) <= 3, `${lv} Iused ${mine[4]}`);
    }
    // The order of the sample, /proc after /admin; then the other VGs.
    assert.deepEqual(
      out.slice(1, 10).map((l) => norm(l)[6]),
      ['/', '/usr', '/var', '/tmp', '/home', '/admin', '/proc', '/opt', '/var/adm/ras/livedump'],
    );
    // Column layout of the clean capture df-g.02.txt.
    const layout = fixture('df-g.02.txt');
    assert.deepEqual(fieldStarts(out[0] ?? ''), fieldStarts(layout[0] ?? ''));
    assert.deepEqual(fieldStarts(out[1] ?? '').slice(1), fieldStarts(layout[1] ?? '').slice(1));
    assert.equal(out[7], layout[7], '/proc row');
  });

  test('df -k, df and df -k PATH in the layout of the real captures', () => {
    const k = lines(run(host.bin, 'df', ['-k']).stdout);
    const realK = fixture('df-k.01.txt');
    assert.equal(k[0], realK[0]);
    for (let i = 1; i < 6; i++) {
      // the device starts the line and "Mounted on" starts where the sample's does
      assert.equal(fieldStarts(k[i] ?? '')[0], 0, k[i]);
      assert.equal(fieldStarts(k[i] ?? '').at(-1), fieldStarts(realK[i] ?? '').at(-1), k[i]);
    }
    for (let i = 1; i < 6; i++) {
      // Right-aligned numbers end where the sample's do.
      const ends = (l: string) => [...l.matchAll(/\S+/g)].map((m) => (m.index ?? 0) + m[0].length).slice(1, 6);
      assert.deepEqual(ends(k[i] ?? ''), ends(realK[i] ?? ''), k[i]);
    }
    const plain = lines(run(host.bin, 'df').stdout);
    assert.equal(plain[0], fixture('df.512-blocks.01.txt')[0]);
    assert.equal(plain[7], fixture('df.512-blocks.01.txt')[7], '/proc row');
    const one = lines(run(host.bin, 'df', ['-k', '/usr/lib/boot']).stdout);
    assert.equal(one.length, 2);
    assert.match(one[1] ?? '', /^\/dev\/hd2 +2260992 /);
    assert.ok(
      k.some((l) => / \/altdata$/.test(l)),
      'the --vg-name VG is mounted',
    );
    const bad = run(host.bin, 'df', ['-k', 'relative']);
    assert.equal(bad.status, 1);
  });

  test('odmget reports TCB, --vg-name adds a VG with the alt prefix', () => {
    assert.match(
      run(host.bin, 'odmget', ['-q', 'attribute=TCB_STATE', 'PdAt']).stdout,
      /^\nPdAt:\n\tuniquetype = ""\n\tattribute = "TCB_STATE"\n\tdeflt = "tcb_enabled"\n/,
    );
    assert.equal(run(host.bin, 'odmget', ['-q', 'attribute=NOPE', 'PdAt']).stdout, '');
    assert.match(lines(run(host.bin, 'lspv').stdout)[6] ?? '', /^hdisk6 +[0-9a-f]{16} +altdata +active +$/);
  });
});

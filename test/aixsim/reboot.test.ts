import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TestHost } from '../support/aixsim-host';
import { dataDir, fastHost, stateOf, waitFor } from './clone-helpers';
import { aixsim, fixture, lines, run, runAsync } from './helpers';

/**
 * Phase 2 customisation of a clone, then booting it and booting back. Names after each
 * boot follow the real VIOS notes: old_rootvg after booting the clone, altinst_rootvg
 * again after booting back (test/fixtures/aix/lspv.single-space.01.txt).
 */
describe('a customised clone, booted and booted back', () => {
  let host: TestHost;
  let images: string;
  before(async () => {
    host = await fastHost({ bootTime: new Date(2024, 0, 2, 3, 4) });
    images = path.join(host.dir, 'images');
    fs.mkdirSync(images);
    for (const f of [
      'bos.rte.7.2.5.300.bff',
      'bos.rte.7.2.5.202.bff',
      'bos.rte.lvm.7.2.5.300.bff',
      'bos.alt_disk_install.rte.7.2.5.300.bff',
      'xlC.rte.16.1.0.0.bff',
      'newpkg.tools.1.0.0.0.bff',
      '7200-05-04-2220.level',
    ]) {
      fs.writeFileSync(path.join(images, f), '');
    }
    fs.writeFileSync(path.join(images, 'IJ40000.apar'), 'bos.rte.lvm 7.2.5.300\n');
    fs.writeFileSync(path.join(dataDir(host, 'hdisk0', 'hd4'), '.rhosts'), 'nimmaster root\n');
    fs.writeFileSync(path.join(dataDir(host, 'hdisk0', 'hd4'), 'etc', 'niminfo'), 'export NIM_NAME=aixsim01\n');
  });
  after(() => host.cleanup());

  test('phase 2 installs into the clone only, copies resolv.conf, NIM files and the scripts', () => {
    const resolv = path.join(host.dir, 'resolv.conf');
    fs.writeFileSync(resolv, 'nameserver 10.0.0.53\n');
    const custom = path.join(host.dir, 'custom.sh');
    fs.writeFileSync(
      custom,
      '#!/bin/sh\necho "custom in $PWD"\necho "$ALT_INST_MOUNTS" | grep "^/alt_inst/usr" | cut -f1\ntest "$PWD" = "$ALT_INST_ROOT" && echo marker > etc/customized\nlspv | grep -c altinst_rootvg\n',
      { mode: 0o755 },
    );
    const firstBoot = path.join(host.dir, 'firstboot.sh');
    fs.writeFileSync(
      firstBoot,
      '#!/bin/sh\necho "first boot on $(bootinfo -b), oslevel $(oslevel -s)"\ntest -f etc/customized && echo "customized: yes"\nexit 3\n',
      { mode: 0o755 },
    );
    const r = run(host.bin, 'alt_disk_copy', [
      '-d',
      'hdisk1',
      '-b',
      'update_all',
      '-F',
      'IJ40000',
      '-w',
      'newpkg.tools',
      '-l',
      images,
      '-R',
      resolv,
      '-n',
      '-s',
      custom,
      '-x',
      firstBoot,
    ]);
    assert.equal(r.status, 0, r.stderr);
    const out = lines(r.stdout);
    const summary = out.indexOf('Installation Summary');
    assert.ok(summary > out.indexOf('Modifying ODM on cloned disk.'));
    assert.ok(out.indexOf('Building boot image on cloned disk.') > summary);
    assert.ok(out.includes('bos.rte                     7.2.5.300       USR         APPLY       SUCCESS'));
    assert.ok(out.includes('newpkg.tools                1.0.0.0         ROOT        APPLY       SUCCESS'));
    assert.ok(
      out.some((l) => l.startsWith('xlC.rte ')),
      'update_all raises every fileset with a newer image',
    );
    assert.ok(out.includes(`custom in ${dataDir(host, 'hdisk1', 'hd4')}`));
    assert.ok(out.includes('/alt_inst/usr'));
    assert.ok(out.includes('1'), 'the script sees the awake clone with lspv');

    // The running system is untouched; the clone carries the new level.
    assert.equal(run(host.bin, 'oslevel', ['-s']).stdout, '7200-05-03-2148\n');
    assert.match(run(host.bin, 'lslpp', ['-Lc', 'bos.rte']).stdout, /:bos\.rte:7\.2\.5\.201:/);
    const system = stateOf(host).vgs.find((v) => v.name === 'altinst_rootvg')?.system;
    assert.equal(system?.serviceLevel, '7200-05-04-2220');
    assert.deepEqual(system?.fixes, ['IJ40000']);
    assert.equal(system?.filesets.find((f) => f.name === 'bos.rte.lvm')?.level, '7.2.5.300');
    const clone = dataDir(host, 'hdisk1', 'hd4');
    assert.equal(fs.readFileSync(path.join(clone, 'etc', 'resolv.conf'), 'utf8'), 'nameserver 10.0.0.53\n');
    assert.equal(fs.readFileSync(path.join(clone, '.rhosts'), 'utf8'), 'nimmaster root\n');
    assert.ok(fs.existsSync(path.join(clone, 'etc', 'niminfo')));
    assert.equal(fs.readFileSync(path.join(clone, 'etc', 'customized'), 'utf8'), 'marker\n');
    assert.ok(fs.existsSync(path.join(clone, 'etc', 'alt_disk_first_boot')));
    assert.ok(!fs.existsSync(path.join(dataDir(host, 'hdisk0', 'hd4'), 'etc', 'customized')));
  });

  test('shutdown -Fr boots the clone: it becomes rootvg, the original old_rootvg; the first-boot script runs once', () => {
    const bootBefore = run(host.bin, 'who', ['-b']).stdout;
    const r = run(host.bin, 'shutdown', ['-Fr']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^\nSHUTDOWN PROGRAM\n\w{3} \w{3} \d\d \d\d:\d\d:\d\d \S+ \d{4}\n\nWait for 'Rebooting\.\.\.' before stopping\.\n[\s\S]*Rebooting \. \. \.\n$/,
    );
    const pv = lines(run(host.bin, 'lspv').stdout);
    assert.match(pv[0] ?? '', /^hdisk0 +[0-9a-f]{16} +old_rootvg +$/);
    assert.match(pv[1] ?? '', /^hdisk1 +[0-9a-f]{16} +rootvg +active +$/);
    // Same shape as the real capture after booting a clone: the PVIDs differ, nothing else.
    const withoutPvid = (l: string) =>
      l
        .trim()
        .split(/ +/)
        .filter((_, i) => i !== 1);
    assert.deepEqual(pv.slice(0, 2).map(withoutPvid), fixture('lspv.after-reboot.02.txt').map(withoutPvid));
    assert.equal(run(host.bin, 'bootinfo', ['-b']).stdout, 'hdisk1\n');
    assert.equal(fs.readFileSync(path.join(host.dir, 'dev', 'ipldevice'), 'utf8'), 'hdisk1\n');
    assert.notEqual(run(host.bin, 'who', ['-b']).stdout, bootBefore);
    assert.equal(run(host.bin, 'oslevel', ['-s']).stdout, '7200-05-04-2220\n');
    assert.match(run(host.bin, 'lslpp', ['-Lc', 'newpkg.tools']).stdout, /:newpkg\.tools:1\.0\.0\.0:/);
    assert.match(
      lines(run(host.bin, 'lsvg', ['-l', 'rootvg']).stdout).find((l) => l.startsWith('hd2 ')) ?? '',
      /open\/syncd +\/usr$/,
    );
    assert.match(run(host.bin, 'lsvg', ['old_rootvg']).stderr, /^0516-010 /);
    const df = run(host.bin, 'df', ['-k', '/etc/resolv.conf']).stdout;
    assert.match(lines(df)[1] ?? '', /^\/dev\/hd4 /);
    // The -x script ran after the mounts, in the new system, once.
    const s = stateOf(host);
    assert.equal(s.firstBoot?.exitStatus, 3);
    assert.equal(s.firstBoot?.log, '/var/adm/ras/alt_disk_first_boot.log');
    const log = fs.readFileSync(
      path.join(dataDir(host, 'hdisk1', 'hd9var'), 'adm', 'ras', 'alt_disk_first_boot.log'),
      'utf8',
    );
    assert.equal(log, 'first boot on hdisk1, oslevel 7200-05-04-2220\ncustomized: yes\n');
    const ranAt = s.firstBoot?.ranAt;
    const again = aixsim(['reboot', host.dir]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(stateOf(host).firstBoot?.ranAt, ranAt, 'not on later boots');
  });

  test('booting back to hdisk0 makes it rootvg again and the clone altinst_rootvg, as on AIX', () => {
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', 'hdisk0']).status, 0);
    const r = aixsim(['reboot', host.dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'aixsim: booted from hdisk0; the previous rootvg is now altinst_rootvg\n');
    const pv = lines(run(host.bin, 'lspv').stdout);
    assert.match(pv[0] ?? '', /^hdisk0 +[0-9a-f]{16} +rootvg +active +$/);
    assert.match(pv[1] ?? '', /^hdisk1 +[0-9a-f]{16} +altinst_rootvg +$/);
    assert.equal(run(host.bin, 'oslevel', ['-s']).stdout, '7200-05-03-2148\n');
    assert.equal(run(host.bin, 'bootinfo', ['-b']).stdout, 'hdisk0\n');
    // And forth again: the clone's ODM still calls hdisk0 old_rootvg.
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', 'hdisk1']).status, 0);
    assert.equal(run(host.bin, 'shutdown', ['-r', 'now']).status, 0);
    assert.match(lines(run(host.bin, 'lspv').stdout)[0] ?? '', /^hdisk0 +[0-9a-f]{16} +old_rootvg +$/);
    assert.equal(run(host.bin, 'oslevel', ['-s']).stdout, '7200-05-04-2220\n');
  });

  test('refuses to boot a disk without a boot record, changing nothing', () => {
    const stateBefore = fs.readFileSync(path.join(host.dir, 'state.json'), 'utf8');
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', 'hdisk4']).status, 0);
    const mid = fs.readFileSync(path.join(host.dir, 'state.json'), 'utf8');
    assert.notEqual(mid, stateBefore);
    const r = run(host.bin, 'shutdown', ['-Fr']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^shutdown: aixsim: cannot reboot: nothing in the normal bootlist can boot: hdisk4 carries no boot record/,
    );
    const c = aixsim(['reboot', host.dir]);
    assert.equal(c.status, 1);
    assert.match(
      c.stderr,
      /^aixsim: cannot reboot: nothing in the normal bootlist can boot: hdisk4 carries no boot record/,
    );
    assert.equal(fs.readFileSync(path.join(host.dir, 'state.json'), 'utf8'), mid);
    assert.equal(run(host.bin, 'shutdown', ['-F']).status, 1, 'halting is not emulated');
  });
});

describe('a reboot that cannot boot, during a clone', () => {
  test('is refused before it kills anything: the running alt_disk_copy goes on', async () => {
    const host = await fastHost({}, { copyRateMbPerSec: 100 });
    try {
      const clone = runAsync(host.bin, 'alt_disk_copy', ['-d', 'hdisk1', '-B']);
      await waitFor('the clone to hold the operation slot', () => (stateOf(host).altDiskOp ?? null) !== null);
      const pid = stateOf(host).altDiskOp!.pid;
      assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', 'hdisk4']).status, 0);
      const r = aixsim(['reboot', host.dir]);
      assert.equal(r.status, 1);
      assert.match(
        r.stderr,
        /^aixsim: cannot reboot: nothing in the normal bootlist can boot: hdisk4 carries no boot record/,
      );
      // still running: it answers SIGTERM itself (exit 143), not dead from the reboot's SIGKILL
      process.kill(pid, 'SIGTERM');
      assert.equal((await clone).status, 143);
    } finally {
      host.cleanup();
    }
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { addFault, clearFaults } from '../../aixsim/admin/faults';
import type { TestHost } from '../support/aixsim-host';
import { dataDir, fastHost, filesUnder, stateOf } from './clone-helpers';
import { aixsim, lines, run } from './helpers';

/**
 * Injected failures (aixsim fault) and alt_disk_copy's answers to them, manual note 8
 * for backup/restore errors: go on and return 0; ALT_BAK_ERR_FAIL=1: clean up, return 1;
 * ALT_BAK_ERR_REPORT=1: finish, return 1, leave the bootlist alone.
 */
describe('faults', () => {
  let host: TestHost;
  before(async () => {
    host = await fastHost();
  });
  after(() => host.cleanup());
  beforeEach(() => {
    clearFaults(host.dir);
    if (stateOf(host).vgs.some((v) => v.name === 'altinst_rootvg'))
      assert.equal(run(host.bin, 'alt_rootvg_op', ['-X']).status, 0);
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', 'hdisk0']).status, 0);
  });

  const restoreLine = /^restore: 0511-160 Cannot write \.\/\S+: There is an input or output error\.$/m;

  test('disk-error: the error is printed, the clone goes on and returns 0 (one file short)', () => {
    addFault(host.dir, { kind: 'disk-error', disk: 'hdisk1', afterPercent: 50 });
    const r = run(host.bin, 'alt_disk_copy', ['-d', 'hdisk1']);
    assert.equal(r.status, 0);
    assert.match(r.stderr, restoreLine);
    assert.equal(lines(r.stdout).at(-1), 'Bootlist is set to the boot disk: hdisk1 blv=hd5');
    const missing = /Cannot write \.\/(\S+):/.exec(r.stderr)?.[1] as string;
    const all = ['hd4', 'hd2', 'hd9var', 'hd3', 'hd1', 'hd10opt', 'hd11admin', 'livedump'].reduce(
      (n, lv) => n + filesUnder(dataDir(host, 'hdisk1', lv)).length,
      0,
    );
    const src = ['hd4', 'hd2', 'hd9var', 'hd3', 'hd1', 'hd10opt', 'hd11admin', 'livedump'].reduce(
      (n, lv) => n + filesUnder(dataDir(host, 'hdisk0', lv)).length,
      0,
    );
    assert.equal(all, src - 1, `${missing} is missing from the clone`);
  });

  test('ALT_BAK_ERR_FAIL=1: cleans up and returns 1', () => {
    addFault(host.dir, { kind: 'disk-error', disk: 'hdisk1', afterPercent: 10 });
    const r = run(host.bin, 'alt_disk_copy', ['-d', 'hdisk1'], { env: { ALT_BAK_ERR_FAIL: '1' } });
    assert.equal(r.status, 1);
    assert.match(r.stderr, restoreLine);
    const out = lines(r.stdout);
    assert.equal(out.at(-1), 'Cleaning up.');
    assert.ok(!out.includes('Building boot image on cloned disk.'));
    assert.ok(!stateOf(host).vgs.some((v) => v.name === 'altinst_rootvg'));
    assert.match(lines(run(host.bin, 'lspv').stdout)[1] ?? '', /^hdisk1 +[0-9a-f]{16} +None +$/);
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', '-o']).stdout, 'hdisk0 blv=hd5 pathid=0\n');
  });

  test('ALT_BAK_ERR_REPORT=1: finishes, returns 1 and does not set the bootlist', () => {
    addFault(host.dir, { kind: 'disk-error', disk: 'hdisk0', afterPercent: 80 });
    const r = run(host.bin, 'alt_disk_copy', ['-d', 'hdisk1'], { env: { ALT_BAK_ERR_REPORT: '1' } });
    assert.equal(r.status, 1);
    assert.match(r.stderr, restoreLine);
    const out = lines(r.stdout);
    assert.equal(out.at(-1), 'Fixing file system superblocks...');
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', '-o']).stdout, 'hdisk0 blv=hd5 pathid=0\n');
    assert.match(lines(run(host.bin, 'lspv').stdout)[1] ?? '', /^hdisk1 +[0-9a-f]{16} +altinst_rootvg +$/);
  });

  test('bosboot-fail: bosboot -a fails, and alt_disk_copy stops in phase 3 leaving the clone mounted', () => {
    addFault(host.dir, { kind: 'bosboot-fail' });
    const b = run(host.bin, 'bosboot', ['-ad', '/dev/hdisk0']);
    assert.equal(b.status, 1);
    assert.equal(b.stderr, '\n0301-165 bosboot: WARNING! bosboot failed - do not attempt to boot device.\n');
    assert.equal(run(host.bin, 'bosboot', ['-vd', '/dev/hdisk0']).status, 0, 'verify still works');
    const r = run(host.bin, 'alt_disk_copy', ['-d', 'hdisk1']);
    assert.equal(r.status, 1);
    assert.equal(lines(r.stdout).at(-1), 'Building boot image on cloned disk.');
    assert.match(
      r.stderr,
      /0301-165 bosboot: WARNING![\s\S]*0505-152 alt_disk_copy: bosboot failed on the cloned disk hdisk1\.\n$/,
    );
    assert.match(lines(run(host.bin, 'lspv').stdout)[1] ?? '', /altinst_rootvg +active +$/);
    const x = run(host.bin, 'alt_rootvg_op', ['-X', 'altinst_rootvg']);
    assert.equal(x.status, 0);
    assert.match(x.stdout, /^forced unmount of \/alt_inst\/var\/adm\/ras\/livedump\n/);
    assert.match(lines(run(host.bin, 'lspv').stdout)[1] ?? '', /^hdisk1 +[0-9a-f]{16} +None +$/);
  });

  test('target-too-small: the space check fails as for a small disk', () => {
    addFault(host.dir, { kind: 'target-too-small', disk: 'hdisk4' });
    const r = run(host.bin, 'alt_disk_copy', ['-d', 'hdisk4']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^0505-117 alt_disk_copy: Not enough disk space on target disk\(s\)\./);
    assert.equal(run(host.bin, 'alt_disk_copy', ['-d', 'hdisk1', '-P1']).status, 0, 'other disks are not affected');
  });

  test('hang: the command never returns until it is killed; aixsim fault list/clear', () => {
    const added = aixsim(['fault', host.dir, 'add', 'hang', '--command', 'lspv']);
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stdout, /^f\d+\thang\tlspv\n$/);
    const t0 = Date.now();
    const r = run(host.bin, 'lspv', [], { timeoutMs: 700 });
    assert.equal(r.signal, 'SIGTERM');
    assert.ok(Date.now() - t0 >= 650);
    assert.equal(run(host.bin, 'lsvg').status, 0, 'other commands still answer');
    assert.match(aixsim(['fault', host.dir, 'list']).stdout, /\thang\tlspv\n/);
    const bad = aixsim(['fault', host.dir, 'add', 'disk-error']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /disk-error needs --disk hdiskN/);
    assert.equal(aixsim(['fault', host.dir, 'clear']).status, 0);
    assert.equal(run(host.bin, 'lspv').status, 0);
  });
});

describe('a host without /dev/ipldevice or without bos.alt_disk_install.rte', () => {
  test('bosboot in phase 3 fails as AIX does (note 4)', async () => {
    const host = await fastHost({ ipldevice: false });
    try {
      const r = run(host.bin, 'alt_disk_copy', ['-d', 'hdisk1']);
      assert.equal(r.status, 1);
      assert.equal(
        r.stderr,
        '\n0301-150 bosboot: Invalid or no boot device specified!\n0505-152 alt_disk_copy: bosboot failed on the cloned disk hdisk1.\n',
      );
    } finally {
      host.cleanup();
    }
  });

  test('has no alt_disk_copy or alt_rootvg_op at all', async () => {
    const host = await fastHost({ withoutFilesets: ['bos.alt_disk_install.rte'] });
    try {
      assert.ok(!fs.existsSync(path.join(host.bin, 'alt_disk_copy')));
      assert.ok(!fs.existsSync(path.join(host.bin, 'alt_rootvg_op')));
      assert.ok(fs.existsSync(path.join(host.bin, 'lspv')));
    } finally {
      host.cleanup();
    }
  });
});

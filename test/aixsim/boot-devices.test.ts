import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHost, type TestHost } from '../support/aixsim-host';
import { aixsim, lines, run } from './helpers';

/**
 * Boot lists that name devices other than disks (cd0, fd0, rmt0, ent0), as real normal
 * boot lists often do: bootlist takes and shows them, and a reboot skips them as the
 * firmware does when they have nothing to boot.
 */
describe('non-disk devices in the boot list', () => {
  let host: TestHost;
  before(async () => {
    host = await createHost({ devices: ['fd0', 'cd0', 'rmt0', 'ent0'] });
  });
  after(() => host.cleanup());

  test('bootlist sets and shows them in order, a network adapter with its attributes', () => {
    const set = run(host.bin, 'bootlist', [
      '-m',
      'normal',
      'fd0',
      'cd0',
      'ent0',
      'bserver=10.0.0.1',
      'client=10.0.0.7',
      'gateway=10.0.0.254',
      'hdisk0',
      'rmt0',
    ]);
    assert.equal(set.status, 0, set.stderr);
    assert.equal(set.stdout + set.stderr, '');
    assert.deepEqual(lines(run(host.bin, 'bootlist', ['-m', 'normal', '-o']).stdout), [
      'fd0',
      'cd0',
      'ent0 bserver=10.0.0.1 client=10.0.0.7 gateway=10.0.0.254',
      'hdisk0 blv=hd5 pathid=0',
      'rmt0',
    ]);
    // -o output reads back with -f, as the man page says
    const file = path.join(host.dir, 'saved.bootlist');
    fs.writeFileSync(file, run(host.bin, 'bootlist', ['-m', 'normal', '-o']).stdout.replace(/ pathid=0/, ''));
    assert.equal(run(host.bin, 'bootlist', ['-m', 'service', '-f', file]).status, 0);
    assert.deepEqual(
      lines(run(host.bin, 'bootlist', ['-m', 'service', '-o']).stdout)[2],
      'ent0 bserver=10.0.0.1 client=10.0.0.7 gateway=10.0.0.254',
    );
  });

  test('refuses attributes a device does not take, and devices the host does not have', () => {
    const cases: Array<[string[], string]> = [
      [['-m', 'normal', 'cd0', 'blv=hd5'], '0514-215 bootlist: invalid attribute (blv)\n'],
      [['-m', 'normal', 'ent0', 'pathid=0'], '0514-215 bootlist: invalid attribute (pathid)\n'],
      [['-m', 'normal', 'hdisk0', 'bserver=10.0.0.1'], '0514-215 bootlist: invalid attribute (bserver)\n'],
      [
        ['-m', 'normal', 'ent0', 'client=1.2.3.4', 'client=1.2.3.5'],
        '0514-216 bootlist: attribute specified more than once (client)\n',
      ],
      [['-m', 'normal', 'cd1'], '0514-202 bootlist: Invalid device name (cd1)\n'],
    ];
    for (const [args, message] of cases) {
      const r = run(host.bin, 'bootlist', args);
      assert.equal(r.status, 1, args.join(' '));
      assert.equal(r.stderr, message);
    }
  });

  test('a reboot skips them and disks without a boot record, and boots the first disk that has one', () => {
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', 'cd0', 'ent0', 'hdisk4', 'hdisk0']).status, 0);
    const r = aixsim(['reboot', host.dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'aixsim: booted from hdisk0\n');
    assert.equal(run(host.bin, 'bootinfo', ['-b']).stdout, 'hdisk0\n');
  });

  test('with nothing bootable in the list, the reboot is refused and says why for each device', () => {
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', 'fd0', 'hdisk4']).status, 0);
    const r = aixsim(['reboot', host.dir]);
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      'aixsim: cannot reboot: nothing in the normal bootlist can boot: fd0 has nothing to boot, hdisk4 carries no boot record (run bosboot or alt_disk_copy); nothing changed\n',
    );
  });

  test('init refuses a device name that is not a diskette, optical, tape or Ethernet device', () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(host.dir), 'aixsim-bad-'));
    try {
      const r = aixsim(['init', dir, '--device', 'hdisk9']);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /--device hdisk9: give a diskette, optical, tape or Ethernet device/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

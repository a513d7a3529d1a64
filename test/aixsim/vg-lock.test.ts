import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseVgLockWarning } from '../../agent/aix/parsers/lvm-lock';
import { readFixture } from '../support/fixtures';
import { createHost, type TestHost } from '../support/aixsim-host';
import { aixsim, run, runAsync } from './helpers';

/**
 * A held LVM lock (aixsim fault add vg-locked): the reading commands of that VG say
 * 0516-1201 as the real capture does and wait, retrying, until chvg -u frees it.
 */
describe('a locked volume group', () => {
  let host: TestHost;
  before(async () => {
    host = await createHost();
    const added = aixsim(['fault', host.dir, 'add', 'vg-locked', '--vg', 'rootvg']);
    assert.equal(added.status, 0, added.stderr);
  });
  after(() => host.cleanup());

  test('lsvg -l, lsvg VG, lslv and lspv PV of that VG print 0516-1201 and go on waiting', () => {
    const real = parseVgLockWarning(readFixture('lvm-lock.lsvg-l.01.txt'));
    for (const [command, args] of [
      ['lsvg', ['-l', 'rootvg']],
      ['lsvg', ['rootvg']],
      ['lsvg', ['-p', 'datavg', 'rootvg']],
      ['lslv', ['hd4']],
      ['lspv', ['hdisk0']],
    ] as const) {
      const r = run(host.bin, command, args, { timeoutMs: 1_000 });
      assert.equal(r.status, null, `${command} ${args.join(' ')} still waits`);
      assert.equal(r.signal, 'SIGTERM');
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr,
        `0516-1201 ${command}: Warning: Volume group rootvg is locked. This command\n\twill continue retries until lock is free.  If lock is inadvertent\n\tand needs to be removed, execute 'chvg -u rootvg'.\n`,
      );
      assert.equal(parseVgLockWarning(r.stderr)?.text, real?.text.replace('lsvg', command), "the capture's words");
    }
  });

  test('what reads only the ODM, and other VGs, do not wait', () => {
    for (const [command, args] of [
      ['lsvg', []],
      ['lsvg', ['-o']],
      ['lspv', []],
      ['lsvg', ['datavg']],
      ['lspv', ['hdisk2']],
    ] as const) {
      const r = run(host.bin, command, args, { timeoutMs: 5_000 });
      assert.equal(r.status, 0, `${command} ${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr, '');
    }
  });

  test('chvg -u frees the lock: a waiting lsvg answers, and the next does not wait', async () => {
    const waiting = runAsync(host.bin, 'lsvg', ['-l', 'rootvg']);
    await new Promise((resolve) => setTimeout(resolve, 800));
    const unlocked = run(host.bin, 'chvg', ['-u', 'rootvg']);
    assert.deepEqual([unlocked.status, unlocked.stdout, unlocked.stderr], [0, '', '']);
    const r = await waiting;
    assert.equal(r.status, 0);
    assert.match(r.stderr, /^0516-1201 lsvg: Warning: Volume group rootvg is locked\./);
    assert.match(r.stdout, /^rootvg:\nLV NAME/);
    const next = run(host.bin, 'lsvg', ['rootvg'], { timeoutMs: 5_000 });
    assert.equal(next.status, 0);
    assert.equal(next.stderr, '');
    assert.equal(aixsim(['fault', host.dir, 'list']).stdout, '');
  });

  test('chvg: only -u is emulated; an unknown VG is 0516-306', () => {
    assert.equal(
      run(host.bin, 'chvg', ['-u', 'nosuchvg']).stderr,
      '0516-306 getlvodm: Unable to find volume group nosuchvg in the Device\n\tConfiguration Database.\n',
    );
    const other = run(host.bin, 'chvg', ['-a', 'y', 'rootvg']);
    assert.equal(other.status, 1);
    assert.match(other.stderr, /^chvg: Not a recognized flag: a\n/);
    assert.equal(
      aixsim(['fault', host.dir, 'add', 'vg-locked', '--vg', 'nosuchvg']).stderr,
      'aixsim: --vg nosuchvg: no such volume group on this host\n',
    );
  });
});

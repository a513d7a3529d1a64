import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { VgLockedError, VgLockRunner } from '../../../agent/aix/vg-lock-runner';
import { runInCallScope } from '../../../agent/exec/call-scope';
import { ExecFileRunner } from '../../../agent/exec/command-runner';
import { silentLogger } from '../../../agent/logger';
import { readFixture } from '../../support/fixtures';

/**
 * A commands directory whose lsvg prints the real 0516-1201 capture and then waits for
 * DIR/unlocked to appear (as AIX's lsvg retries until the lock is free), printing "done".
 */
function lockedHost(): { dir: string; unlock(): void; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-vglock-'));
  fs.writeFileSync(path.join(dir, 'warning.txt'), readFixture('lvm-lock.lsvg-l.01.txt'));
  fs.writeFileSync(
    path.join(dir, 'lsvg'),
    `#!/bin/sh\n/bin/cat ${dir}/warning.txt >&2\nwhile [ ! -e ${dir}/unlocked ]; do /bin/sleep 0.05; done\necho done\n`,
    { mode: 0o755 },
  );
  return {
    dir,
    unlock: () => fs.writeFileSync(path.join(dir, 'unlocked'), ''),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function runnerFor(dir: string, patienceMs: number): VgLockRunner {
  return new VgLockRunner(
    new ExecFileRunner({ commandsDir: dir, searchPath: '', defaultTimeoutMs: 60_000, logger: silentLogger }),
    silentLogger,
    patienceMs,
  );
}

test('a reading command waiting on a locked VG is stopped after the patience and the answer names the VG and chvg -u', async () => {
  const host = lockedHost();
  try {
    const runner = runnerFor(host.dir, 300);
    const started = Date.now();
    await assert.rejects(runner.run('lsvg', ['-l', 'rootvg'], { readOnly: true }), (err: unknown) => {
      assert.ok(err instanceof VgLockedError, String(err));
      assert.equal(err.code, 9 /* FAILED_PRECONDITION */);
      assert.deepEqual(err.details, { state: 'vg-locked', vg: 'rootvg', command: 'lsvg' });
      assert.match(
        err.message,
        /^volume group rootvg is locked: lsvg -l rootvg said "0516-1201 lsvg: Warning: Volume group rootvg is locked\. .*execute 'chvg -u rootvg'\." and was still waiting after \d+ s, so the agent stopped it; /,
      );
      assert.match(
        err.message,
        /let it finish, then retry .*only if no LVM command is running .* remove it with chvg -u rootvg/,
      );
      return true;
    });
    assert.ok(Date.now() - started < 5_000);
  } finally {
    host.cleanup();
  }
});

test("the patience ends a second before the call's deadline", async () => {
  const host = lockedHost();
  try {
    const runner = runnerFor(host.dir, 60_000);
    const started = Date.now();
    const scope = { signal: new AbortController().signal, deadline: Date.now() + 1_500 };
    await assert.rejects(
      runInCallScope(scope, () => runner.run('lsvg', ['rootvg'], { readOnly: true })),
      VgLockedError,
    );
    const took = Date.now() - started;
    assert.ok(took < 1_400, `answered before the deadline (${took} ms)`);
  } finally {
    host.cleanup();
  }
});

test("while one command waits on a VG's lock, another reading that VG is refused at once, not started", async () => {
  const host = lockedHost();
  try {
    const runner = runnerFor(host.dir, 2_000);
    const first = runner.run('lsvg', ['rootvg'], { readOnly: true });
    first.catch(() => undefined);
    // wait until the first one has said it waits
    await new Promise((resolve) => setTimeout(resolve, 300));
    fs.rmSync(path.join(host.dir, 'lsvg')); // a second lsvg could not even start now
    const started = Date.now();
    await assert.rejects(runner.run('lsvg', ['-l', 'rootvg', 'datavg'], { readOnly: true }), (err: unknown) => {
      assert.ok(err instanceof VgLockedError, String(err));
      assert.match(
        err.message,
        /^volume group rootvg is locked: lsvg rootvg has been waiting \d+ s for its lock \(0516-1201\), and the agent starts no other command that would wait behind it; .*chvg -u rootvg/,
      );
      return true;
    });
    assert.ok(Date.now() - started < 200, 'refused without waiting');
    // a lock freed within the patience: the command's answer is used, warning and all
    host.unlock();
    const result = await first;
    assert.equal(result.stdout, 'done\n');
    assert.match(result.stderr, /^0516-1201 /);
  } finally {
    host.cleanup();
  }
});

test('commands that change the host are not watched, and are never stopped for a lock', async () => {
  const host = lockedHost();
  try {
    const runner = runnerFor(host.dir, 100);
    const run = runner.run('lsvg', ['rootvg']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    host.unlock();
    assert.equal((await run).stdout, 'done\n');
  } finally {
    host.cleanup();
  }
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LockTimeoutError } from '../../aixsim/errors';
import { acquire } from '../../aixsim/state/lock';
import type { HostState } from '../../aixsim/state/model';
import { hostPaths } from '../../aixsim/state/paths';
import { mutateState, readState } from '../../aixsim/state/store';
import { createHost, type TestHost } from '../support/aixsim-host';
import { run, runAsync } from './helpers';

describe('state.json under concurrent mutation', () => {
  let host: TestHost;
  const readRaw = () => fs.readFileSync(path.join(host.dir, 'state.json'), 'utf8');
  before(async () => {
    host = await createHost();
  });
  after(() => host.cleanup());

  test('20 parallel bootlist processes leave a valid state holding one of their lists', async () => {
    const disks = ['hdisk0', 'hdisk1', 'hdisk2', 'hdisk4', 'hdisk5'];
    const generationBefore = (JSON.parse(readRaw()) as HostState).generation;
    const runs = Array.from({ length: 20 }, (_, i) => {
      const list = [disks[i % disks.length] as string, disks[(i + 1) % disks.length] as string];
      return runAsync(host.bin, 'bootlist', ['-m', i % 2 === 0 ? 'normal' : 'both', ...list]).then((r) => ({
        r,
        list,
      }));
    });
    // Readers run at the same time and must never see a torn file.
    const readers = Array.from({ length: 10 }, () => runAsync(host.bin, 'lspv'));
    const results = await Promise.all(runs);
    for (const { r } of results) {
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
    }
    for (const r of await Promise.all(readers)) assert.equal(r.status, 0, r.stderr);
    const state = JSON.parse(readRaw()) as HostState;
    assert.equal(state.generation, generationBefore + 20, 'every mutation was applied, none lost');
    const shown = state.bootlist.normal.map((e) => e.device);
    assert.ok(
      results.some(({ list }) => list.join() === shown.join()),
      `normal list ${shown.join()} is one that was set`,
    );
    assert.ok(!fs.existsSync(path.join(host.dir, 'state.lock')), 'the lock is released');
    assert.deepEqual(
      fs.readdirSync(host.dir).filter((f) => f.endsWith('.tmp')),
      [],
      'no temp files left',
    );
  });

  test('breaks a lock left by a dead process', async () => {
    // A pid that certainly is not running: a child that has exited.
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.on('exit', () => resolve(child.pid as number));
    });
    fs.writeFileSync(path.join(host.dir, 'state.lock'), `${dead}\n`);
    const r = run(host.bin, 'bootlist', ['-m', 'normal', 'hdisk0']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!fs.existsSync(path.join(host.dir, 'state.lock')));
  });

  test('waits for a live holder, and gives up after the timeout', () => {
    const paths = hostPaths(host.dir);
    const release = acquire(paths.lock);
    try {
      assert.throws(() => mutateState(paths, () => undefined, { timeoutMs: 200 }), LockTimeoutError);
      // A command run meanwhile would wait; readers do not.
      assert.equal(run(host.bin, 'lsvg').status, 0);
    } finally {
      release();
    }
    assert.equal(
      mutateState(paths, (s) => s.hostname),
      'aixsim01',
    );
    assert.equal(readState(paths).hostname, 'aixsim01');
  });
});

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createHost } from '../support/aixsim-host';
import { runCtl, startAgentProcess } from '../support/processes';

/** A small file system of its own for the agent's state (0700, as the agent requires), where the test can fill it or make it read-only. */
function tinyFileSystem(): string | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-tinyfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', dir]);
  return mounted.status === 0 ? dir : undefined;
}

test('a full or read-only state directory: clear refusals, nothing changed, nothing corrupted', async (t) => {
  const stateDir = tinyFileSystem();
  if (!stateDir) return t.skip('this machine does not let the test mount a tmpfs (needs root)');
  const host = await createHost();
  const agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
  const local = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-hooks-'));
  const v1 = path.join(local, 'v1.sh');
  const v2 = path.join(local, 'v2.sh');
  fs.writeFileSync(v1, '#!/bin/sh\necho one\n');
  fs.writeFileSync(v2, `#!/bin/sh\n# ${'y'.repeat(20_000)}\necho two\n`);
  try {
    assert.equal((await runCtl(['firstboot', 'add', agent.address, 'keep', v1])).code, 0);
    const before = fs.readFileSync(path.join(stateDir, 'hooks', 'keep', 'script'));
    // Fill what is left of the file system.
    spawnSync('dd', ['if=/dev/zero', `of=${path.join(stateDir, 'filler')}`, 'bs=64k'], { stdio: 'ignore' });

    const replace = await runCtl(['firstboot', 'add', agent.address, 'keep', v2, '--replace', '--json']);
    assert.equal(replace.code, 3, replace.stderr);
    const { error } = JSON.parse(replace.stderr) as { error: { code: string; message: string; state: string } };
    assert.equal(error.code, 'FAILED_PRECONDITION');
    assert.equal(error.state, 'storage-full');
    assert.match(error.message, /file system is full.*nothing was changed/);
    assert.deepEqual(
      fs.readFileSync(path.join(stateDir, 'hooks', 'keep', 'script')),
      before,
      'the registered hook is intact',
    );

    const clone = await runCtl(['clone', agent.address, 'hdisk1', '--json']);
    assert.equal(clone.code, 3, clone.stderr);
    assert.match(clone.stderr, /storage-full/);
    assert.equal(
      fs.readdirSync(path.join(stateDir, 'jobs')).filter((f) => f !== 'ACTIVE').length,
      0,
      'no half-made job left behind',
    );
    assert.equal(
      host.layout.dir.length > 0 &&
        !fs.readFileSync(path.join(host.dir, 'state.json'), 'utf8').includes('altinst_rootvg'),
      true,
      'no disk was touched',
    );

    fs.rmSync(path.join(stateDir, 'filler'));
    // The agent keeps its logs open, so the whole mount cannot turn read-only; the hooks
    // directory can, through a read-only bind mount of itself.
    const hooks = path.join(stateDir, 'hooks');
    execFileSync('mount', ['--bind', hooks, hooks]);
    execFileSync('mount', ['-o', 'remount,bind,ro', hooks]);
    const readOnly = await runCtl(['firstboot', 'add', agent.address, 'other', v1, '--json']);
    assert.equal(readOnly.code, 3, readOnly.stderr);
    assert.equal((JSON.parse(readOnly.stderr) as { error: { state: string } }).error.state, 'storage-read-only');
    assert.equal((await runCtl(['disks', agent.address, '--json'])).code, 0, 'reads still work');
  } finally {
    await agent.stop();
    spawnSync('umount', [path.join(stateDir, 'hooks')]);
    spawnSync('umount', [stateDir]);
    host.cleanup();
  }
});

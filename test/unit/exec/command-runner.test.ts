import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CommandOutputTooLargeError, UntrustedCommandError } from '../../../agent/exec/command-errors';
import { ExecFileRunner } from '../../../agent/exec/command-runner';
import { silentLogger } from '../../../agent/logger';

test('a command printing more than the output limit is refused as such, not as one that could not start', async () => {
  const runner = new ExecFileRunner({ searchPath: '/usr/bin:/bin', defaultTimeoutMs: 60_000, logger: silentLogger });
  await assert.rejects(runner.run('head', ['-c', String(65 * 1024 * 1024), '/dev/zero']), (err: unknown) => {
    assert.ok(err instanceof CommandOutputTooLargeError, String(err));
    assert.match(err.message, /^head -c 68157440 \/dev\/zero printed more than 67108864 bytes and was stopped/);
    return true;
  });
  // and the runner still finds the command afterwards
  assert.equal((await runner.run('head', ['-c', '3', '/dev/zero'])).stdout.length, 3);
});

test('a command file that group or others could rewrite is never run as root', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-commands-'));
  const lspv = path.join(dir, 'lspv');
  const ran = path.join(dir, 'ran');
  fs.writeFileSync(lspv, `#!/bin/sh\n: > ${ran}\n`, { mode: 0o755 });
  fs.chmodSync(lspv, 0o777);
  const runner = new ExecFileRunner({ commandsDir: dir, searchPath: '', defaultTimeoutMs: 10_000, logger: silentLogger });
  await assert.rejects(runner.run('lspv', []), (err: unknown) => {
    assert.ok(err instanceof UntrustedCommandError, String(err));
    assert.match(err.message, /^refusing to run the host command lspv: .*\/lspv is writable by group or others \(mode 0777\); chmod go-w/);
    return true;
  });
  assert.equal(fs.existsSync(ran), false);
  fs.chmodSync(lspv, 0o755);
  assert.equal((await runner.run('lspv', [])).exitCode, 0);
  assert.equal(fs.existsSync(ran), true);
});

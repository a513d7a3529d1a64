import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommandOutputTooLargeError } from '../../../agent/exec/command-errors';
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

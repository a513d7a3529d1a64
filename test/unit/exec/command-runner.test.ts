import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  CommandOutputTooLargeError,
  CommandStoppedError,
  UntrustedCommandError,
} from '../../../agent/exec/command-errors';
import { runInCallScope } from '../../../agent/exec/call-scope';
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
  const runner = new ExecFileRunner({
    commandsDir: dir,
    searchPath: '',
    defaultTimeoutMs: 10_000,
    logger: silentLogger,
  });
  await assert.rejects(runner.run('lspv', []), (err: unknown) => {
    assert.ok(err instanceof UntrustedCommandError, String(err));
    assert.match(
      err.message,
      /^refusing to run the host command lspv: .*\/lspv is writable by group or others \(mode 0777\); chmod go-w/,
    );
    return true;
  });
  assert.equal(fs.existsSync(ran), false);
  fs.chmodSync(lspv, 0o755);
  assert.equal((await runner.run('lspv', [])).exitCode, 0);
  assert.equal(fs.existsSync(ran), true);
});

test('a command that only reads is killed when the call it runs for ends; one that changes the host runs on', async () => {
  const runner = new ExecFileRunner({ searchPath: '/usr/bin:/bin', defaultTimeoutMs: 60_000, logger: silentLogger });
  const ended = new AbortController();
  const started = Date.now();
  const [read, change] = runInCallScope({ signal: ended.signal, deadline: Infinity }, () => [
    runner.run('sleep', ['30'], { readOnly: true }),
    runner.run('sleep', ['1']),
  ]);
  setTimeout(() => ended.abort(new Error('client went away')), 200);
  await assert.rejects(read, (err: unknown) => {
    assert.ok(err instanceof CommandStoppedError, String(err));
    assert.match(err.message, /^sleep 30 was stopped: its caller no longer waits for it/);
    return true;
  });
  assert.ok(Date.now() - started < 5_000, 'killed at once, not at its end');
  assert.equal((await change).exitCode, 0, 'the command that is not read-only was left to finish');
  // and a call that ended already starts no command at all
  await assert.rejects(
    runInCallScope({ signal: ended.signal, deadline: Infinity }, () => runner.run('true', [], { readOnly: true })),
    CommandStoppedError,
  );
});

test('standard error is handed over while the command runs', async () => {
  const runner = new ExecFileRunner({ searchPath: '/usr/bin:/bin', defaultTimeoutMs: 60_000, logger: silentLogger });
  const seen: string[] = [];
  const stop = new AbortController();
  const run = runner.run('sh', ['-c', 'echo waiting >&2; sleep 30'], {
    signal: stop.signal,
    onStderr: (chunk) => {
      seen.push(chunk);
      stop.abort();
    },
  });
  const started = Date.now();
  await assert.rejects(run, (err: unknown) => err instanceof CommandStoppedError && err.stderr === 'waiting\n');
  assert.deepEqual(seen, ['waiting\n']);
  assert.ok(Date.now() - started < 5_000, 'not held up by the sleep the shell started, which keeps the pipes open');
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { distPath } from '../support/repo';
import { runNode } from '../support/processes';

const BENCH = distPath('test/bench/run.js');

test('npm run bench -- quick: a part runs in seconds and leaves nothing in TMPDIR', { timeout: 180_000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-bench-test-'));
  try {
    const result = await runNode(BENCH, ['quick', 'cli'], { env: { TMPDIR: tmp }, timeoutMs: 150_000 });
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /\(quick: fewer runs, smaller hosts; rough figures\)/);
    assert.match(result.stdout, /altctl disks, median of 5 /);
    assert.deepEqual(fs.readdirSync(tmp), []);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('the bench stopped with Ctrl-C leaves nothing in TMPDIR', { timeout: 120_000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-bench-test-'));
  try {
    // its own process group, as a terminal's foreground job
    const bench = spawn(process.execPath, [BENCH, 'quick', 'cli'], {
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    bench.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    bench.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
    const exited = new Promise<number | null>((resolve) => bench.on('exit', (code) => resolve(code)));
    // stopped once it has made its host and agent
    for (let i = 0; i < 300 && !fs.readdirSync(tmp).some((d) => fs.readdirSync(path.join(tmp, d)).length >= 2); i++)
      await new Promise((r) => setTimeout(r, 100));
    process.kill(-bench.pid!, 'SIGINT');
    assert.equal(await exited, 130, output);
    assert.deepEqual(fs.readdirSync(tmp), [], output);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/repo';
import { runNode } from '../support/processes';

/** Processes still running from under `dir` (a clone's supervisor, an agent), by their command lines. */
function processesUnder(dir: string): string[] {
  if (!fs.existsSync('/proc/self/cmdline')) return [];
  return fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .flatMap((pid) => {
      try {
        const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
        return args.includes(dir) ? [`${pid}: ${args}`] : [];
      } catch {
        return []; // gone meanwhile
      }
    });
}

/** A fresh, empty TMPDIR for one run of the demo. */
function freshTmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-demo-test-'));
}

test('npm run demo goes end to end and leaves nothing in TMPDIR', { timeout: 300_000 }, async () => {
  const tmp = freshTmp();
  try {
    const result = await runNode(path.join(repoRoot(), 'scripts', 'demo.js'), [], {
      env: { TMPDIR: tmp },
      timeoutMs: 240_000,
    });
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /Demo done/);
    assert.deepEqual(fs.readdirSync(tmp), []);
    assert.deepEqual(processesUnder(tmp), []);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test(
  'the demo stopped with Ctrl-C during the clone leaves nothing in TMPDIR either',
  { timeout: 120_000 },
  async () => {
    const tmp = freshTmp();
    try {
      // its own process group, as a terminal's foreground job: Ctrl-C reaches the demo, altctl and the agent
      const demo = spawn(process.execPath, [path.join(repoRoot(), 'scripts', 'demo.js')], {
        env: { ...process.env, TMPDIR: tmp },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let output = '';
      demo.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
      demo.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
      const exited = new Promise<number | null>((resolve) => demo.on('exit', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (/\$ altctl clone /.test(output)) {
            clearInterval(timer);
            resolve();
          } else if (demo.exitCode !== null) {
            clearInterval(timer);
            reject(new Error(`the demo ended before its clone:\n${output}`));
          }
        }, 100);
      });
      await new Promise((r) => setTimeout(r, 1500)); // into the copy
      process.kill(-demo.pid!, 'SIGINT');
      assert.equal(await exited, 130, output);
      assert.deepEqual(fs.readdirSync(tmp), [], output);
      // the clone was cancelled, not left running from a directory that is gone
      assert.deepEqual(processesUnder(tmp), []);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
);

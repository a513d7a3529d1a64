import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tuneHost } from '../../aixsim/admin/tune';
import type { TestHost } from '../support/aixsim-host';
import { fastHost, stateOf, waitFor } from './clone-helpers';
import { lines, run } from './helpers';

/**
 * A clone as the agent runs it: detached, output to a file it tails, df polled for
 * progress, SIGTERM to cancel, alt_rootvg_op -X to clean up; and a clone that must go on
 * when the agent itself is killed.
 */
function altUsedKb(host: TestHost): number {
  const r = run(host.bin, 'df', ['-k']);
  return lines(r.stdout)
    .filter((l) => l.includes(' /alt_inst'))
    .reduce((n, l) => {
      const f = l.trim().split(/ +/);
      return n + Number(f[1]) - Number(f[2]);
    }, 0);
}

describe('alt_disk_copy under signals and polling', () => {
  let host: TestHost;
  before(async () => {
    // About 2.4 GB to copy at 400 MB/s: six seconds, plenty of time to look and to cancel.
    host = await fastHost({}, { copyRateMbPerSec: 400 });
  });
  after(() => host.cleanup());

  test('df shows /alt_inst filling up; SIGTERM stops it within a second; -X leaves no trace', async () => {
    const logFile = path.join(host.dir, 'clone.log');
    const fd = fs.openSync(logFile, 'w');
    const child = spawn(path.join(host.bin, 'alt_disk_copy'), ['-d', 'hdisk1'], {
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    fs.closeSync(fd);
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      child.on('exit', (code) => resolve({ code, at: Date.now() })),
    );
    await waitFor('the copy to start', () => fs.readFileSync(logFile, 'utf8').includes('Backing-up the rootvg files'));
    const samples: number[] = [];
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 400));
      samples.push(altUsedKb(host));
    }
    assert.ok(
      samples.every((v, i) => i === 0 || v > (samples[i - 1] as number)),
      `growing: ${samples.join(' ')}`,
    );
    assert.ok((samples[3] as number) - (samples[0] as number) > 300 * 1024, `about 400 MB/s: ${samples.join(' ')}`);

    const sentAt = Date.now();
    child.kill('SIGTERM');
    const { code, at } = await exited;
    assert.equal(code, 143);
    assert.ok(at - sentAt < 1000, `stopped after ${at - sentAt} ms`);
    assert.ok(!fs.readFileSync(logFile, 'utf8').includes('Modifying ODM'));
    // The half-made VG stays, varied on and mounted, as AIX leaves it.
    assert.match(lines(run(host.bin, 'lspv').stdout)[1] ?? '', /^hdisk1 +[0-9a-f]{16} +altinst_rootvg +active +$/);
    assert.ok(run(host.bin, 'df').stdout.includes('/alt_inst/usr'));
    assert.equal(stateOf(host).altDiskOp, null);

    const x = run(host.bin, 'alt_rootvg_op', ['-X', 'altinst_rootvg']);
    assert.equal(x.status, 0, x.stderr);
    assert.match(lines(run(host.bin, 'lspv').stdout)[1] ?? '', /^hdisk1 +[0-9a-f]{16} +None +$/);
    assert.ok(!run(host.bin, 'lsvg').stdout.includes('altinst_rootvg'));
    assert.ok(!run(host.bin, 'df', ['-k']).stdout.includes('/alt_inst'));
    assert.equal(run(host.bin, 'ipl_varyon', ['-i']).stdout.match(/^hdisk1 +YES/m), null);
  });

  test('goes on when the process that started it is killed -9, even with its stdout on a pipe', async () => {
    tuneHost(host.dir, { copyRateMbPerSec: 2000 });
    // A stand-in for the agent: starts alt_disk_copy with a pipe for its output, prints the pid, waits.
    const parentJs = path.join(host.dir, 'parent.js');
    fs.writeFileSync(
      parentJs,
      `const c = require('child_process').spawn(${JSON.stringify(path.join(host.bin, 'alt_disk_copy'))}, ['-d', 'hdisk4'], { stdio: ['ignore', 'pipe', 'pipe'] });\n` +
        `c.stdout.once('data', () => process.stdout.write(String(c.pid) + '\\n'));\nsetInterval(() => {}, 1000);\n`,
    );
    const parent = spawn(process.execPath, [parentJs], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve) =>
      parent.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
    );
    parent.kill('SIGKILL');
    await new Promise((r) => parent.on('exit', r));
    assert.doesNotThrow(() => process.kill(pid, 0), 'alt_disk_copy outlives its parent');
    await waitFor('the orphaned clone to finish', () => {
      const s = stateOf(host);
      return s.altDiskOp === null && s.vgs.some((v) => v.name === 'altinst_rootvg' && v.state === 'varied-off');
    });
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', '-o']).stdout, 'hdisk4 blv=hd5 pathid=0\n');
    assert.match(
      lines(run(host.bin, 'ipl_varyon', ['-i']).stdout).find((l) => l.startsWith('hdisk4')) ?? '',
      /^hdisk4 +YES/,
    );
  });

  test('refuses a second operation while one runs (0505-151)', async () => {
    assert.equal(run(host.bin, 'alt_rootvg_op', ['-X']).status, 0);
    tuneHost(host.dir, { copyRateMbPerSec: 100 });
    const child = spawn(path.join(host.bin, 'alt_disk_copy'), ['-d', 'hdisk1'], { stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    await waitFor('the clone to start', () => stateOf(host).vgs.some((v) => v.name === 'altinst_rootvg'));
    const second = run(host.bin, 'alt_disk_copy', ['-d', 'hdisk4']);
    assert.equal(second.status, 1);
    assert.equal(
      second.stderr,
      `0505-151 alt_disk_copy: Another alternate disk operation is in progress (pid ${child.pid}).\n`,
    );
    const x = run(host.bin, 'alt_rootvg_op', ['-X']);
    assert.equal(x.status, 1);
    assert.match(x.stderr, /^0505-151 alt_rootvg_op: /);
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    assert.equal(run(host.bin, 'alt_rootvg_op', ['-X']).status, 0);
  });
});

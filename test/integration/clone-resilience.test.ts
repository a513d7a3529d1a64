import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { call, connect } from '../../ctl/client';
import { parseEndpoint } from '../../shared/endpoint';
import { agentOnFreshHost, unfinishedJobs } from '../support/agent-on-host';
import { createHost } from '../support/aixsim-host';
import { assertDense, parseEventStream, type JobJson } from '../support/ctl-json';
import { aixsim, lspv, waitFor } from '../support/host-commands';
import { distPath } from '../support/repo';
import { runCtl, startAgentProcess, testCtlEnv, type CtlResult } from '../support/processes';

/** Copies slowly enough that a test can act while the copy runs (a few seconds). */
function slowCopy(hostDir: string): void {
  // rootvg holds about 5 GB (the emulator paces by the file systems' logical size): ~25 s at 200 MB/s
  aixsim(['tune', hostDir, '--copy-rate-mb', '200']);
}

async function jobNow(address: string, id: string): Promise<JobJson> {
  const result = await runCtl(['job', address, id, '--json']);
  assert.equal(result.code, 0, result.stderr);
  return (JSON.parse(result.stdout) as { job: JobJson }).job;
}

async function startDetached(address: string, disk: string): Promise<string> {
  const result = await runCtl(['clone', address, disk, '--detach', '--json']);
  assert.equal(result.code, 0, result.stderr);
  return (JSON.parse(result.stdout) as { job: { id: string } }).job.id;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('cancelling a clone mid-copy', () => {
  const ctx = agentOnFreshHost();

  test('leaves no altinst_rootvg and says so', async () => {
    slowCopy(ctx.host.dir);
    const id = await startDetached(ctx.agent.address, 'hdisk1');
    await waitFor(
      'the copy to start',
      async () => /^Backing-up/.test((await jobNow(ctx.agent.address, id)).step) || undefined,
    );
    assert.equal(lspv(ctx.host.bin).find((pv) => pv.name === 'hdisk1')?.vg, 'altinst_rootvg', 'the clone is half made');
    const result = await runCtl(['cancel', ctx.agent.address, id, '--json'], { timeoutMs: 60_000 });
    const { events, job } = parseEventStream(result);
    assert.equal(result.code, 7, `a cancelled job exits 7: ${result.stderr}`);
    assert.equal(job.state, 'cancelled');
    assert.equal(job.leftover, '');
    assert.match(job.summary, /removed/);
    assert.equal(events.at(-1)?.type, 'finished');
    const journal = parseEventStream(await runCtl(['watch', ctx.agent.address, id, '--json'])).events;
    assertDense(journal);
    assert.ok(
      journal.some((e) => e.type === 'cancel_requested'),
      'the cancel is in the journal',
    );
    assert.equal(lspv(ctx.host.bin).find((pv) => pv.name === 'hdisk1')?.vg, 'None');
    assert.ok(!lspv(ctx.host.bin).some((pv) => pv.vg === 'altinst_rootvg'));
    const again = await runCtl(['cancel', ctx.agent.address, id, '--json', '--no-wait']);
    assert.equal(
      (JSON.parse(again.stdout) as { job: JobJson }).job.state,
      'cancelled',
      'cancelling a finished job changes nothing',
    );
  });
});

describe('20 concurrent StartClone calls on one host', () => {
  const ctx = agentOnFreshHost();

  test('start exactly one job; the others are told which job runs', async () => {
    slowCopy(ctx.host.dir);
    const clients = connect(parseEndpoint(ctx.agent.address));
    try {
      const attempts = await Promise.allSettled(
        Array.from({ length: 20 }, () => call(clients.clone, 'startClone', { spec: { targetDisks: ['hdisk1'] } }, 60)),
      );
      const started = attempts.filter((a) => a.status === 'fulfilled');
      const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      assert.equal(started.length, 1, refused.map((r) => String(r.reason)).join('\n'));
      for (const r of refused) {
        assert.equal((r.reason as { code: number }).code, status.FAILED_PRECONDITION);
        assert.match((r.reason as Error).message, /has been changing the root volume groups/);
      }
      const listed = await call(clients.clone, 'listJobs', {}, 10);
      assert.equal(listed.jobs.length, 1);
      await call(clients.clone, 'cancelJob', { jobId: listed.jobs[0]!.id }, 10);
    } finally {
      clients.close();
    }
  });

  test('a retried StartClone with the same request_id returns the same job', async () => {
    await waitFor(
      'the previous job to end',
      async () => (await unfinishedJobs(ctx.agent.address)).length === 0 || undefined,
      60_000,
    );
    const clients = connect(parseEndpoint(ctx.agent.address));
    try {
      const [a, b] = await Promise.all([
        call(clients.clone, 'startClone', { spec: { targetDisks: ['hdisk4'] }, requestId: 'puppet-run-42' }, 60),
        call(clients.clone, 'startClone', { spec: { targetDisks: ['hdisk4'] }, requestId: 'puppet-run-42' }, 60),
      ]);
      assert.equal(a.job?.id, b.job?.id);
      assert.deepEqual([a.started, b.started].sort(), [false, true]);
      const later = await call(
        clients.clone,
        'startClone',
        { spec: { targetDisks: ['hdisk4'] }, requestId: 'puppet-run-42' },
        60,
      );
      assert.equal(later.job?.id, a.job?.id);
      assert.equal(later.started, false);
      await call(clients.clone, 'cancelJob', { jobId: a.job!.id }, 10);
    } finally {
      clients.close();
    }
  });
});

describe('the agent killed with -9 mid-clone, then restarted', () => {
  test('the clone goes on, and a watcher sees every event once, in order, to the end', async () => {
    const host = await createHost();
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
    const listen = `127.0.0.1:${await freePort()}`;
    slowCopy(host.dir);
    let agent = await startAgentProcess({ commandsDir: host.bin, stateDir, listen });
    try {
      const id = await startDetached(listen, 'hdisk1');
      // A watcher follows across the restart: it must resume after the last event it printed.
      const watcher = spawn(process.execPath, [distPath('ctl/main.js'), 'watch', listen, id, '--json'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      watcher.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      watcher.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      const watcherDone = new Promise<CtlResult>((resolve) =>
        watcher.on('close', (code) => resolve({ code, stdout, stderr })),
      );

      await waitFor('the copy to start', () => (/Backing-up the rootvg files/.test(stdout) ? true : undefined));
      agent.child.kill('SIGKILL');
      await new Promise((r) => agent.child.once('exit', r));
      await new Promise((r) => setTimeout(r, 1500)); // the clone runs on with no agent at all
      agent = await startAgentProcess({ commandsDir: host.bin, stateDir, listen });
      assert.ok(agent.logs.some((l) => l['message'] === 're-attaching to a job that was running' && l['job'] === id));

      const watched = await watcherDone;
      assert.equal(watched.code, 0, watched.stderr);
      const { events, job } = parseEventStream(watched);
      assert.equal(job.id, id);
      assert.equal(job.state, 'succeeded');
      assertDense(events);
      assert.equal(events.at(-1)?.type, 'finished');
      const replay = parseEventStream(await runCtl(['watch', listen, id, '--json']));
      assert.deepEqual(replay.events, events, 'what the watcher saw is exactly the journal');
      assert.equal(lspv(host.bin).find((pv) => pv.name === 'hdisk1')?.vg, 'altinst_rootvg');
    } finally {
      await agent.stop();
      host.cleanup();
    }
  });
});

describe('reboot into the clone, then roll back', () => {
  const ctx = agentOnFreshHost();

  test('returns the host to the original disk', async () => {
    const clone = await runCtl(['clone', ctx.agent.address, 'hdisk1', '--json'], { timeoutMs: 120_000 });
    assert.equal(clone.code, 0, clone.stderr);
    const refused = await runCtl(['reboot', ctx.agent.address]);
    assert.equal(refused.code, 2, 'reboot without --yes is refused');
    assert.equal((await runCtl(['reboot', ctx.agent.address, '--yes'])).code, 0);
    const envs = async () =>
      (
        JSON.parse((await runCtl(['envs', ctx.agent.address, '--json'])).stdout) as {
          environments: { name: string; disks: string[]; booted: boolean; nextBoot: boolean }[];
          bootDisk: string;
        }
      ).environments;
    let now = await envs();
    assert.deepEqual(
      now.map((e) => [e.name, e.disks.join(), e.booted]),
      [
        ['rootvg', 'hdisk1', true],
        ['old_rootvg', 'hdisk0', false],
      ],
    );

    const back = await runCtl(['rollback', ctx.agent.address, '--json']);
    assert.equal(back.code, 0, back.stderr);
    const rolled = JSON.parse(back.stdout) as { environment: string; disk: string; changed: boolean };
    assert.deepEqual([rolled.environment, rolled.disk, rolled.changed], ['old_rootvg', 'hdisk0', true]);
    assert.equal(
      (JSON.parse((await runCtl(['rollback', ctx.agent.address, '--json'])).stdout) as { changed: boolean }).changed,
      false,
      'rollback is idempotent',
    );
    assert.equal((await runCtl(['reboot', ctx.agent.address, '--yes'])).code, 0);
    now = await envs();
    // The original disk's ODM still knows the clone by the placeholder alt_disk_copy left: altinst_rootvg.
    assert.deepEqual(
      now.map((e) => [e.name, e.disks.join(), e.booted]),
      [
        ['rootvg', 'hdisk0', true],
        ['altinst_rootvg', 'hdisk1', false],
      ],
    );
    const host = JSON.parse((await runCtl(['host', ctx.agent.address, '--json'])).stdout) as {
      host: { bootDisk: string };
    };
    assert.equal(host.host.bootDisk, 'hdisk0');
  });
});

describe('Ctrl-C while altctl follows a clone', () => {
  const ctx = agentOnFreshHost();

  test('altctl stops watching (exit 130, says how to re-attach); the job goes on to succeed', async () => {
    slowCopy(ctx.host.dir);
    const child = spawn(process.execPath, [distPath('ctl/main.js'), 'clone', ctx.agent.address, 'hdisk1'], {
      env: testCtlEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await waitFor('the copy to start', () => /Backing-up the rootvg files/.test(stdout) || undefined, 60_000);
    child.kill('SIGINT');
    assert.equal(await exited, 130, stdout);
    const jobId = /Started job (\S+) on/.exec(stdout)?.[1];
    assert.ok(jobId, stdout);
    assert.match(
      stdout,
      new RegExp(`altctl watch ${ctx.agent.address.replace(/\./g, '\\.')} ${jobId}`),
      'says how to re-attach',
    );
    assert.deepEqual(
      (await unfinishedJobs(ctx.agent.address)).map((j) => [j.id, j.state]),
      [[jobId, 'running']],
      'the job was not cancelled',
    );
    aixsim(['tune', ctx.host.dir, '--reset']);
    const watched = parseEventStream(
      await runCtl(['watch', ctx.agent.address, jobId, '--json'], { timeoutMs: 120_000 }),
    );
    assert.equal(watched.job.state, 'succeeded');
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http2 from 'node:http2';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { call, connect } from '../../ctl/client';
import { parseEndpoint } from '../../shared/endpoint';
import { loadContract } from '../../shared/proto/contract';
import { createHost } from '../support/aixsim-host';
import { runCtl, startAgentProcess } from '../support/processes';

/** The agent's resident memory in MB (Linux /proc). */
function residentMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/** A state directory holding `count` finished jobs with long records, so that ListJobs answers are large. */
function stateWithJobs(count: number): string {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
  const jobs = path.join(stateDir, 'jobs');
  fs.mkdirSync(jobs, { mode: 0o700 });
  for (let i = 0; i < count; i++) {
    const id = `20260101-0000${String(i % 60).padStart(2, '0')}-clone-${i.toString(16).padStart(6, '0')}`;
    fs.mkdirSync(path.join(jobs, id), { mode: 0o700 });
    const record = {
      schema: 1,
      id,
      kind: 'clone',
      state: 'failed',
      command: ['alt_disk_copy', '-d', 'hdisk1', '-e', `/x/${'y'.repeat(500)}`],
      environment: {},
      spec: null,
      phases: 'all',
      disks: ['hdisk1'],
      requestId: '',
      createdAt: '2026-01-01T00:00:00Z',
      startedAt: '',
      finishedAt: '',
      exitCode: 1,
      summary: 's'.repeat(300),
      nextStep: '',
      leftover: '',
      warnings: [],
      cancelRequested: false,
    };
    fs.writeFileSync(path.join(jobs, id, 'job.json'), JSON.stringify(record), { mode: 0o600 });
  }
  return stateDir;
}

test(
  'one connection that never reads 600 large answers does not cost the agent hundreds of MB',
  { skip: !fs.existsSync('/proc/self/status') && 'reads /proc' },
  async () => {
    const host = await createHost();
    const agent = await startAgentProcess({ commandsDir: host.bin, stateDir: stateWithJobs(1000) });
    // A raw HTTP/2 client that grants no flow-control credit: every answer stays with the agent.
    const session = http2.connect(`http://${agent.address}`, { settings: { initialWindowSize: 0 } });
    session.on('error', () => undefined);
    try {
      const before = residentMb(agent.child.pid!);
      const body = Buffer.from([0, 0, 0, 0, 3, 0x08, 0xe8, 0x07]); // ListJobsRequest { limit: 1000 }, framed
      for (let i = 0; i < 600; i++) {
        const stream = session.request({
          ':method': 'POST',
          ':path': '/altdisk.v1.CloneService/ListJobs',
          'content-type': 'application/grpc',
          te: 'trailers',
        });
        stream.on('error', () => undefined);
        stream.end(body);
        if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 5000));
      const grown = residentMb(agent.child.pid!) - before;
      assert.ok(grown < 120, `the agent grew by ${grown.toFixed(0)} MB holding answers one connection does not read`);
      const served = await runCtl(['jobs', agent.address, '--limit', '1', '--json']);
      assert.equal(served.code, 0, served.stderr);
    } finally {
      session.destroy();
      await agent.stop();
      host.cleanup();
    }
  },
);

test('a flood of calls that each run commands queues; it does not run the agent out of descriptors', async () => {
  const host = await createHost();
  const agent = await startAgentProcess({ commandsDir: host.bin, wrapper: ['prlimit', '--nofile=256:256', '--'] });
  // several connections of their own, as several clients would have
  const floods = Array.from(
    { length: 4 },
    () =>
      new (loadContract().grpc.altdisk.v1.CloneService)(agent.address, grpc.credentials.createInsecure(), {
        'grpc.use_local_subchannel_pool': 1,
      }),
  );
  try {
    const calls = floods.flatMap((client) =>
      Array.from(
        { length: 40 },
        () =>
          new Promise<number>((resolve) =>
            client.planClone(
              { spec: { targetDisks: ['hdisk1'] } },
              { deadline: Date.now() + 180_000 },
              (err: grpc.ServiceError | null) => resolve(err?.code ?? grpc.status.OK),
            ),
          ),
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
    const during = await runCtl(['disks', agent.address, '--json'], { timeoutMs: 120_000 });
    assert.equal(during.code, 0, during.stderr);
    const codes = await Promise.all(calls);
    const failed = codes.filter((c) => c !== grpc.status.OK);
    assert.deepEqual(
      failed.map((c) => grpc.status[c]),
      [],
      'every queued plan was answered',
    );
    const clients = connect(parseEndpoint(agent.address));
    try {
      assert.ok((await call(clients.disk, 'listDisks', {}, 30)).disks.length > 0);
    } finally {
      clients.close();
    }
  } finally {
    for (const client of floods) client.close();
    await agent.stop();
    host.cleanup();
  }
});

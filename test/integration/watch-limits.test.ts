import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { loadContract } from '../../shared/proto/contract';
import type { CloneServiceClient } from '../../shared/generated/altdisk/v1/CloneService';
import { createHost } from '../support/aixsim-host';
import { parseEventStream } from '../support/ctl-json';
import { aixsim, waitFor } from '../support/host-commands';
import { runCtl, startAgentProcess } from '../support/processes';

type Stream = grpc.ClientReadableStream<unknown>;

/** A CloneService client on a connection of its own (grpc-js otherwise shares one per target). */
function ownConnection(address: string): CloneServiceClient {
  return new (loadContract().grpc.altdisk.v1.CloneService)(address, grpc.credentials.createInsecure(), {
    'grpc.use_local_subchannel_pool': 1,
  });
}

/** A watch of the whole journal whose reader never reads: the client's flow control stops the agent. */
function pausedWatch(client: CloneServiceClient, jobId: string): Stream {
  const stream = client.watchJob({ jobId, afterSequence: 0 }) as Stream;
  stream.pause();
  stream.on('error', () => undefined); // cancelled at the end
  return stream;
}

/** What the agent answers a watch it refuses. */
function refusal(client: CloneServiceClient, jobId: string): Promise<grpc.ServiceError> {
  return new Promise((resolve, reject) => {
    const stream = client.watchJob({ jobId, afterSequence: 0 }) as Stream;
    stream.on('data', () => {
      stream.cancel();
      reject(new Error('the watch was accepted'));
    });
    stream.on('error', (err: grpc.ServiceError) => resolve(err));
  });
}

/** The agent's open descriptors (Linux /proc); undefined elsewhere. */
function descriptors(pid: number): number | undefined {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return undefined;
  }
}

test('watchers that never read: capped per connection and per identity, no descriptor each; the job ends as it really did', async () => {
  const host = await createHost();
  aixsim(['tune', host.dir, '--copy-rate-mb', '400']);
  const agent = await startAgentProcess({
    commandsDir: host.bin,
    extraArgs: ['--max-watches-per-connection', '4', '--max-watches-per-identity', '6'],
  });
  const a = ownConnection(agent.address);
  const b = ownConnection(agent.address);
  const streams: Stream[] = [];
  try {
    const started = await runCtl(['clone', agent.address, 'hdisk1', '--detach', '--json']);
    assert.equal(started.code, 0, started.stderr);
    const jobId = (JSON.parse(started.stdout) as { job: { id: string } }).job.id;
    const before = descriptors(agent.child.pid!);

    // Watches of a running job stay open, waiting for events, whether or not anyone reads them.
    for (let i = 0; i < 4; i++) streams.push(pausedWatch(a, jobId));
    const onConnection = await refusal(a, jobId);
    assert.equal(onConnection.code, grpc.status.RESOURCE_EXHAUSTED);
    assert.equal(onConnection.metadata.get('altdisk-limit')[0], 'maxWatchesPerConnection');
    assert.match(
      onConnection.details,
      /this connection already has 4 job watch streams open, the most the agent allows \(maxWatchesPerConnection 4\)/,
    );
    for (let i = 0; i < 2; i++) streams.push(pausedWatch(b, jobId));
    const ofIdentity = await refusal(b, jobId);
    assert.equal(ofIdentity.code, grpc.status.RESOURCE_EXHAUSTED);
    assert.equal(ofIdentity.metadata.get('altdisk-limit')[0], 'maxWatchesPerIdentity');
    assert.match(ofIdentity.details, /^loopback already has 6 job watch streams open/);

    // Six streams held open hold no descriptor of their own, and the agent serves everyone else.
    await new Promise((r) => setTimeout(r, 1000));
    const during = descriptors(agent.child.pid!);
    if (before !== undefined && during !== undefined)
      assert.ok(during - before < 6, `descriptors ${before} -> ${during}`);
    const disks = await runCtl(['disks', agent.address, '--json']);
    assert.equal(disks.code, 0, disks.stderr);
    const job = await waitFor(
      'the clone to end',
      async () => {
        const shown = JSON.parse((await runCtl(['job', agent.address, jobId, '--json'])).stdout) as {
          job: { state: string; summary: string };
        };
        return shown.job.state === 'running' ? undefined : shown.job;
      },
      120_000,
    );
    assert.equal(job.state, 'succeeded', job.summary);

    // Closing them frees their places.
    for (const s of streams.splice(0)) s.cancel();
    const replay = await waitFor(
      'a place to watch again',
      async () => {
        const result = await runCtl(['watch', agent.address, jobId, '--json'], { timeoutMs: 60_000 });
        return result.code === 0 ? result : undefined;
      },
      10_000,
    );
    assert.equal(parseEventStream(replay).job.state, 'succeeded');
  } finally {
    for (const s of streams) s.cancel();
    a.close();
    b.close();
    await agent.stop();
    host.cleanup();
  }
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { agentOnFreshHost } from '../support/agent-on-host';
import { aixsim, lspv } from '../support/host-commands';
import { runCtl } from '../support/processes';

/**
 * wake, sleep and cleanup answer with the job they ran. The agent answers before the
 * call's deadline even when alt_rootvg_op is still running; altctl then follows the job
 * to its end, so a slow host gives the same output and exit status as a fast one.
 */
describe('wake, sleep and cleanup outlasting the call deadline', () => {
  // a host made with a clone on hdisk1 already (aixsim init --altinst)
  const ctx = agentOnFreshHost({ altinst: 'hdisk1' });

  test('each is followed to its end: one JSON document, or the outcome in text; exit 0', async () => {
    assert.equal(lspv(ctx.host.bin).find((pv) => pv.name === 'hdisk1')?.vg, 'altinst_rootvg');

    // alt_rootvg_op -W prints one step: 4 s of it outlast a 2 s deadline
    aixsim(['tune', ctx.host.dir, '--step-delay-ms', '4000']);
    let started = Date.now();
    const wake = await runCtl(['wake', ctx.agent.address, 'hdisk1', '--json', '--timeout', '2'], { timeoutMs: 60_000 });
    assert.equal(wake.code, 0, wake.stderr);
    assert.ok(Date.now() - started >= 4000, 'altctl waited for the job, not only the call');
    const docs = wake.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { job?: { kind: string; state: string } });
    assert.equal(docs.length, 1, `one document: ${wake.stdout}`);
    assert.equal(docs[0]?.job?.kind, 'wake');
    assert.equal(docs[0]?.job?.state, 'succeeded');
    assert.equal(lspv(ctx.host.bin).find((pv) => pv.name === 'hdisk1')?.state, 'active');

    aixsim(['tune', ctx.host.dir, '--step-delay-ms', '400']);
    started = Date.now();
    const sleep = await runCtl(['sleep', ctx.agent.address, '--timeout', '2'], { timeoutMs: 60_000 });
    assert.equal(sleep.code, 0, sleep.stderr);
    assert.match(sleep.stdout, /^Job \S+ \(alt_rootvg_op -S\) is still running on \S+; following it\./);
    assert.match(sleep.stdout, /succeeded/);
    assert.ok(Date.now() - started >= 2000);
    assert.equal(lspv(ctx.host.bin).find((pv) => pv.name === 'hdisk1')?.state, '');

    aixsim(['tune', ctx.host.dir, '--reset']);
    const cleanup = await runCtl(['cleanup', ctx.agent.address, 'altinst_rootvg', '--yes', '--json']);
    assert.equal(cleanup.code, 0, cleanup.stderr);
    assert.equal((JSON.parse(cleanup.stdout) as { job: { state: string } }).job.state, 'succeeded');
    assert.equal(lspv(ctx.host.bin).find((pv) => pv.name === 'hdisk1')?.vg, 'None');
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { agentOnFreshHost } from '../support/agent-on-host';
import { parseEventStream } from '../support/ctl-json';
import { hostCommand, lspv } from '../support/host-commands';
import { runCtl } from '../support/processes';

interface JobDoc {
  job: { kind: string; state: string; summary: string; nextStep: string; leftover: string };
}

async function ok(args: string[]): Promise<string> {
  const result = await runCtl(args, { timeoutMs: 120_000 });
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/**
 * After booting a clone, the previous rootvg (old_rootvg) can be woken to read it, put
 * back to sleep under its own name, and rolled back to; rollback waits for the sleep.
 */
describe('wake and sleep of old_rootvg, end to end', () => {
  const ctx = agentOnFreshHost();
  const vgOf = (disk: string) => lspv(ctx.host.bin).find((pv) => pv.name === disk);
  const normal = () => hostCommand(ctx.host.bin, 'bootlist', ['-m', 'normal', '-o']);

  test('wake, a refused rollback, sleep (old_rootvg again), then rollback', async () => {
    const a = ctx.agent.address;
    assert.equal(
      parseEventStream(await runCtl(['clone', a, 'hdisk1', '--json'], { timeoutMs: 120_000 })).job.state,
      'succeeded',
    );
    await ok(['reboot', a, '--yes']);
    assert.equal(vgOf('hdisk0')?.vg, 'old_rootvg');

    const wake = JSON.parse(await ok(['wake', a, 'hdisk0', '--json'])) as JobDoc;
    assert.equal(wake.job.state, 'succeeded', wake.job.summary);
    assert.match(
      wake.job.summary,
      /^old_rootvg on hdisk0 is awake, mounted under \/alt_inst; AIX calls it altinst_rootvg while it is awake$/,
    );
    assert.ok(wake.job.nextStep.endsWith(`altctl sleep ${a} (it is old_rootvg again then)`), wake.job.nextStep);
    assert.deepEqual([vgOf('hdisk0')?.vg, vgOf('hdisk0')?.state], ['altinst_rootvg', 'active']);

    const before = normal();
    const refused = await runCtl(['rollback', a, '--json']);
    assert.equal(refused.code, 3, refused.stderr);
    const { error } = JSON.parse(refused.stderr) as { error: { code: string; state: string; message: string } };
    assert.deepEqual([error.code, error.state], ['FAILED_PRECONDITION', 'environment-awake']);
    assert.match(error.message, /altinst_rootvg on hdisk0 is awake .*an awake volume group cannot be booted/);
    assert.ok(error.message.includes(`put it to sleep first with \`altctl sleep ${a}\``), error.message);
    assert.equal(normal(), before, 'the awake volume group was not set to boot next');

    const sleep = JSON.parse(await ok(['sleep', a, '--json'])) as JobDoc;
    assert.equal(sleep.job.state, 'succeeded', sleep.job.summary);
    assert.equal(sleep.job.summary, 'old_rootvg on hdisk0 is asleep (unmounted, varied off) under its own name again');
    assert.deepEqual([vgOf('hdisk0')?.vg, vgOf('hdisk0')?.state], ['old_rootvg', '']);
    const envs = JSON.parse(await ok(['envs', a, '--json'])) as { environments: { name: string; disks: string[] }[] };
    assert.deepEqual(
      envs.environments.map((e) => [e.name, e.disks.join(',')]),
      [
        ['rootvg', 'hdisk1'],
        ['old_rootvg', 'hdisk0'],
      ],
    );

    const back = JSON.parse(await ok(['rollback', a, '--json'])) as {
      environment: string;
      disk: string;
      changed: boolean;
    };
    assert.deepEqual([back.environment, back.disk, back.changed], ['old_rootvg', 'hdisk0', true]);
    assert.match(normal(), /^hdisk0 blv=hd5/);
  });

  test('a nothing-awake sleep names both volume groups; old_rootvg cannot be woken while a clone is called altinst_rootvg', async () => {
    const a = ctx.agent.address;
    const nothing = await runCtl(['sleep', a, '--json']);
    assert.equal(nothing.code, 3);
    assert.match(
      (JSON.parse(nothing.stderr) as { error: { message: string } }).error.message,
      /^no altinst_rootvg or old_rootvg is awake/,
    );
    assert.equal(
      parseEventStream(await runCtl(['clone', a, 'hdisk4', '--no-bootlist', '--json'], { timeoutMs: 120_000 })).job
        .state,
      'succeeded',
    );
    const refused = await runCtl(['wake', a, 'hdisk0', '--json']);
    assert.equal(refused.code, 3, refused.stderr);
    const { error } = JSON.parse(refused.stderr) as { error: { state: string; message: string } };
    assert.equal(error.state, 'altinst-rootvg-exists');
    assert.match(error.message, /a clone already has that name on hdisk4; remove the clone first/);
    assert.equal(vgOf('hdisk0')?.vg, 'old_rootvg');
  });
});

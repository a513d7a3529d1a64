import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { agentOnFreshHost } from '../support/agent-on-host';
import { parseEventStream } from '../support/ctl-json';
import { hostCommand, lspv } from '../support/host-commands';
import { fixturePath } from '../support/fixtures';
import { runCtl } from '../support/processes';

interface TargetsJson {
  requiredMb: number;
  rootvgUsedMb: number;
  rootvgCopies: number;
  targets: { disk: { name: string; sizeMb: number }; eligible: boolean; reasons: string[] }[];
}

interface PlanJson {
  ready: boolean;
  requiredMb: number;
  targetMb: number;
  rootvgUsedMb: number;
  cloneCopies: number;
  findings: { code: string; severity: string; message: string; field: string }[];
}

/**
 * rootvg mirrored onto hdisk1 (aixsim --mirror: 2 copies of every LV but the dump device,
 * 9344 MB used, 5184 MB for one copy), hdisk4 made 8192 MB: it holds one copy, not two.
 */
describe('a mirrored rootvg', () => {
  const ctx = agentOnFreshHost({ mirror: true, diskSizes: { hdisk4: 8192 } });

  test('targets and plan count the same space, one copy of each LV, and plan says it assumed that', async () => {
    const listed = await runCtl(['targets', ctx.agent.address, '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const targets = JSON.parse(listed.stdout) as TargetsJson;
    assert.deepEqual([targets.requiredMb, targets.rootvgUsedMb, targets.rootvgCopies], [5184, 9344, 2]);
    const hdisk4 = targets.targets.find((t) => t.disk.name === 'hdisk4');
    assert.equal(hdisk4?.eligible, true, JSON.stringify(hdisk4));
    assert.deepEqual(hdisk4?.reasons, ['3008 MB left beyond the 5184 MB a clone of rootvg needs']);
    assert.equal(targets.targets.find((t) => t.disk.name === 'hdisk1')?.eligible, false, "the mirror disk is rootvg's");

    const planned = await runCtl(['plan', ctx.agent.address, 'hdisk4', '--json']);
    assert.equal(planned.code, 0, planned.stderr);
    const plan = JSON.parse(planned.stdout) as PlanJson;
    assert.equal(plan.ready, true);
    assert.deepEqual(
      [plan.requiredMb, plan.rootvgUsedMb, plan.cloneCopies, plan.targetMb],
      [targets.requiredMb, targets.rootvgUsedMb, 1, 8192],
    );
    const basis = plan.findings.filter((f) => f.code === 'clone-space-basis');
    assert.equal(basis.length, 1, JSON.stringify(plan.findings.map((f) => f.code)));
    assert.equal(basis[0]?.severity, 'info');
    assert.match(
      basis[0]?.message ?? '',
      /^rootvg is mirrored \(2 copies: 9344 MB in use, lsvg rootvg\); the clone is taken to hold one copy of each logical volume, as alt_disk_copy makes it unless an image\.data \(-i\) says otherwise: it needs 5184 MB$/,
    );

    // and for a person
    const text = await runCtl(['targets', ctx.agent.address]);
    assert.match(
      text.stdout,
      /^A clone of rootvg needs 5184 MB \(one copy of each logical volume; rootvg itself is mirrored, 2 copies in 9344 MB\)/,
    );
    const planText = await runCtl(['plan', ctx.agent.address, 'hdisk4']);
    assert.match(
      planText.stdout,
      /the clone needs 5184 MB \(one copy of each logical volume; rootvg uses 9344 MB counting its mirrors\); the target disks have 8192 MB/,
    );
  });

  test('an image.data sent with -i asking for 2 copies is what the plan counts', async () => {
    const planned = await runCtl([
      'plan',
      ctx.agent.address,
      'hdisk4',
      '--image-data',
      fixturePath('image.data.hd6-mirrored.01.txt'),
      '--json',
    ]);
    assert.equal(planned.code, 3, planned.stderr);
    const plan = JSON.parse(planned.stdout) as PlanJson;
    assert.deepEqual([plan.requiredMb, plan.cloneCopies], [124 * 2 * 128, 2]);
    assert.match(
      plan.findings.find((f) => f.code === 'target-too-small')?.message ?? '',
      /^hdisk4 holds 8192 MB and the clone needs 31744 MB$/,
    );
    assert.equal(plan.findings.find((f) => f.code === 'clone-space-basis')?.field, 'spec.image_data');
  });

  test('the clone fits the disk that holds one copy, as the plan said', async () => {
    const cloned = await runCtl(['clone', ctx.agent.address, 'hdisk4', '--json']);
    assert.equal(cloned.code, 0, cloned.stderr);
    assert.equal(parseEventStream(cloned).job.state, 'succeeded');
    assert.equal(lspv(ctx.host.bin).find((pv) => pv.name === 'hdisk4')?.vg, 'altinst_rootvg');
    assert.match(hostCommand(ctx.host.bin, 'bootlist', ['-m', 'normal', '-o']), /^hdisk4 blv=hd5/);
  });
});

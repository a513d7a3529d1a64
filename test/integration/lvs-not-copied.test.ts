import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { agentOnFreshHost } from '../support/agent-on-host';
import { runCtl } from '../support/processes';

interface PlanJson {
  ready: boolean;
  findings: { code: string; severity: string; message: string; remedy: string; source: string }[];
}

/**
 * rootvg LVs whose data a clone would not get (manual note 7): a jfs2 LV with no mount
 * point and a raw LV, each named by a warning; the LVs alt_disk_copy makes anew (boot,
 * paging, dump, log) are not.
 */
describe('rootvg LVs that alt_disk_copy would leave empty on the clone', () => {
  const ctx = agentOnFreshHost({ lvsWithoutMount: ['dump'], rawLvs: ['oraraw', 'oraidx'], unmounted: ['/home'] });

  test('plan warns for each, naming the LV, and still lets the clone start', async () => {
    const planned = await runCtl(['plan', ctx.agent.address, 'hdisk1', '--json']);
    assert.equal(planned.code, 0, planned.stderr);
    const plan = JSON.parse(planned.stdout) as PlanJson;
    assert.equal(plan.ready, true);
    const named = (code: string) =>
      plan.findings
        .filter((f) => f.code === code)
        .map((f) => [f.severity, /logical volume (\S+)/.exec(f.message)?.[1]]);
    assert.deepEqual(named('filesystem-no-mount-point'), [['warning', 'dump']]);
    assert.deepEqual(named('raw-lv-not-copied'), [
      ['warning', 'oraraw'],
      ['warning', 'oraidx'],
    ]);
    // the unmounted file system keeps its own warning
    assert.deepEqual(
      plan.findings.filter((f) => f.code === 'filesystem-not-mounted').map((f) => /^(\S+)/.exec(f.message)?.[1]),
      ['/home'],
    );
    for (const f of plan.findings.filter(
      (x) => x.code === 'filesystem-no-mount-point' || x.code === 'raw-lv-not-copied',
    )) {
      assert.equal(f.source, 'alt_disk_copy manual, note 7');
      assert.ok(f.remedy.length > 0);
    }
    const dump = plan.findings.find((f) => f.code === 'filesystem-no-mount-point');
    assert.match(dump?.message ?? '', /^logical volume dump \(jfs2, 256 MB, closed\/syncd\) has no mount point/);
  });

  test('a person sees the LV names in the findings table', async () => {
    const text = await runCtl(['plan', ctx.agent.address, 'hdisk1']);
    assert.equal(text.code, 0, text.stderr);
    for (const lv of ['dump', 'oraraw', 'oraidx']) assert.match(text.stdout, new RegExp(`logical volume ${lv} `));
  });
});

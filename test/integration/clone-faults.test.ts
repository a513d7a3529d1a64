import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { agentOnFreshHost } from '../support/agent-on-host';
import { parseEventStream } from '../support/ctl-json';
import { aixsim, lspv } from '../support/host-commands';
import { runCtl } from '../support/processes';

/**
 * The emulator's injected failures, seen through the product: each fails (or warns) the
 * job with the phase and the step it failed at and the command's own message, and says
 * what was left. After each test its fault and any clone it left are cleared.
 */
describe('clone faults are reported with the failing step', () => {
  const ctx = agentOnFreshHost();

  /** The clone with the fault in place, and the host's disks as the job left them. */
  async function cloneWith(fault: string[], extra: string[] = []) {
    aixsim(['fault', ctx.host.dir, 'add', ...fault]);
    const result = await runCtl(['clone', ctx.agent.address, 'hdisk1', ...extra, '--json'], { timeoutMs: 120_000 });
    return { result, ...parseEventStream(result), hdisk1: lspv(ctx.host.bin).find((pv) => pv.name === 'hdisk1') };
  }

  afterEach(async () => {
    aixsim(['fault', ctx.host.dir, 'clear']);
    if (lspv(ctx.host.bin).some((pv) => pv.vg === 'altinst_rootvg')) {
      const removed = await runCtl(['cleanup', ctx.agent.address, 'altinst_rootvg', '--yes', '--json']);
      assert.equal(removed.code, 0, removed.stderr);
    }
  });

  test('bosboot fails in phase 3: failed, exit 1, the step and the message of alt_disk_copy in the summary', async () => {
    const { result, job, events, hdisk1 } = await cloneWith(['bosboot-fail']);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(job.state, 'failed');
    assert.equal(job.phase, 3);
    assert.ok(
      events.some((e) => e.type === 'warning' && /0301-165/.test(e.text)),
      'the failing bosboot is an event as it happens',
    );
    assert.equal(hdisk1?.vg, 'altinst_rootvg', 'phase 3 leaves the clone for alt_rootvg_op -X');
    assert.match(
      job.summary,
      /^alt_disk_copy failed with exit status [1-9]\d* in phase 3 at step "Building boot image on cloned disk\."/,
    );
    assert.match(job.summary, /: 0505-152 alt_disk_copy: bosboot failed on the cloned disk hdisk1\.$/);
    const address = ctx.agent.address;
    assert.ok(
      job.leftover.includes(
        `altinst_rootvg is left on hdisk1; remove it with \`altctl cleanup ${address} altinst_rootvg --yes\``,
      ),
      job.leftover,
    );
    // the advice can be run as printed: the job's own id, the host as given, in JSON and for people
    assert.ok(job.nextStep.includes(`altctl watch ${address} ${job.id})`), job.nextStep);
    const shown = await runCtl(['job', address, job.id]);
    assert.match(
      shown.stdout,
      new RegExp(
        `^Next step: +look at the job output \\(altctl watch ${address.replace(/\./g, '\\.')} ${job.id}\\)`,
        'm',
      ),
    );
    assert.doesNotMatch(`${result.stdout}${shown.stdout}`, /\b(HOST|JOB)\b/);
  });

  test('the target seen too small: failed in phase 1 at the size check, 0505-117 named, nothing left', async () => {
    const { result, job, hdisk1 } = await cloneWith(['target-too-small', '--disk', 'hdisk1']);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(job.state, 'failed');
    assert.match(job.summary, /in phase 1 at step "Checking disk sizes\."/);
    assert.match(job.summary, /0505-117 alt_disk_copy: Not enough disk space on target disk\(s\)\./);
    assert.equal(job.leftover, '');
    assert.equal(hdisk1?.vg, 'None');
  });

  test('a restore error with --on-backup-error fail: failed during the copy, the restore message named', async () => {
    const { result, job, events, hdisk1 } = await cloneWith(
      ['disk-error', '--disk', 'hdisk1', '--after-percent', '30'],
      ['--on-backup-error', 'fail'],
    );
    assert.equal(result.code, 1, result.stderr);
    assert.equal(job.state, 'failed');
    assert.match(job.summary, /in phase 1 at step "Backing-up the rootvg files and restoring them/);
    assert.match(job.summary, /0511-160 Cannot write \.\/\S+: There is an input or output error\./);
    assert.ok(
      events.some((e) => e.type === 'warning' && /0511-160/.test(e.text)),
      'the error is an event as it happens',
    );
    // ALT_BAK_ERR_FAIL=1 cleans up after itself
    assert.equal(job.leftover, '');
    assert.equal(hdisk1?.vg, 'None');
  });

  test('a restore error by default (continue): succeeded, the error kept as a warning on the job', async () => {
    const { result, job } = await cloneWith(['disk-error', '--disk', 'hdisk1', '--after-percent', '30']);
    assert.equal(result.code, 0, `${result.stderr}\n${job.state}: ${job.summary}`);
    assert.equal(job.state, 'succeeded');
    assert.match(job.summary, /with 1 warning\(s\)/);
    assert.ok(
      job.warnings.some((w) => /0511-160/.test(w)),
      job.warnings.join('\n'),
    );
  });
});

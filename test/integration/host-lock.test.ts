import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHost } from '../support/aixsim-host';
import { aixsim, hostCommand } from '../support/host-commands';
import { runCtl, startAgentProcess } from '../support/processes';

/**
 * Boot-state changes (bootlist, bosboot, rollback, reboot) and jobs (clone, wake, sleep,
 * cleanup) share one host lock: neither starts while the other runs, in either order.
 */
test('a clone and a boot-state change never overlap, whichever comes first', async () => {
  const host = await createHost();
  const agent = await startAgentProcess({ commandsDir: host.bin, extraArgs: ['--command-timeout', '4'] });
  try {
    // bosboot first: it hangs (until the 4 s command timeout) while a clone is asked for
    aixsim(['fault', host.dir, 'add', 'hang', '--command', 'bosboot']);
    const bosboot = runCtl(['bosboot', agent.address, 'hdisk0', '--json']);
    await new Promise((r) => setTimeout(r, 1500));
    const clone = await runCtl(['clone', agent.address, 'hdisk1', '--json']);
    assert.equal(clone.code, 3, clone.stderr);
    const { error } = JSON.parse(clone.stderr.trim().split('\n').at(-1)!) as {
      error: { code: string; message: string };
    };
    assert.equal(error.code, 'FAILED_PRECONDITION');
    assert.match(
      error.message,
      /^bosboot hdisk0 has been changing the host's boot state since .*; retry when it is done/,
    );
    assert.equal((await bosboot).code, 6, 'the hung bosboot was killed at its timeout');
    aixsim(['fault', host.dir, 'clear']);

    // a clone first: the boot list cannot change under it
    aixsim(['tune', host.dir, '--copy-rate-mb', '200']);
    const started = await runCtl(['clone', agent.address, 'hdisk1', '--detach']);
    assert.equal(started.code, 0, started.stderr);
    const jobId = started.stdout.trim();
    const before = hostCommand(host.bin, 'bootlist', ['-m', 'normal', '-o']);
    const bootlist = await runCtl(['bootlist', agent.address, '--set', 'hdisk0', '--json']);
    assert.equal(bootlist.code, 3, bootlist.stderr);
    assert.match(
      bootlist.stderr,
      new RegExp(`job ${jobId} \\(clone of rootvg to hdisk1\\) has been changing the root volume groups`),
    );
    assert.equal(hostCommand(host.bin, 'bootlist', ['-m', 'normal', '-o']), before, 'the boot list is untouched');
    assert.equal((await runCtl(['cancel', agent.address, jobId, '--json'])).code, 7);
    // and after the job, the boot list can change again: the lock was released
    const after = await runCtl(['bootlist', agent.address, '--set', 'hdisk0', '--json']);
    assert.equal(after.code, 0, after.stderr);
  } finally {
    await agent.stop();
    host.cleanup();
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHost } from '../support/aixsim-host';
import { hostCommand } from '../support/host-commands';
import { runCtl, startAgentProcess } from '../support/processes';

test('rollback before booting a clone works when bootinfo -b names no disk: a rootvg disk with a boot record boots next', async () => {
  const host = await createHost();
  const agent = await startAgentProcess({ commandsDir: host.bin });
  try {
    const clone = await runCtl(['clone', agent.address, 'hdisk1', '--json'], { timeoutMs: 120_000 });
    assert.equal(clone.code, 0, clone.stderr);
    assert.match(hostCommand(host.bin, 'bootlist', ['-m', 'normal', '-o']), /^hdisk1 /);
    // bootinfo -b prints nothing on some AIX hosts (after a rootvg migration): the rest of bootinfo works.
    host.fault({ kind: 'bootinfo-b-empty' });
    assert.equal(hostCommand(host.bin, 'bootinfo', ['-b']), '');
    const rollback = await runCtl(['rollback', agent.address, '--json']);
    assert.equal(rollback.code, 0, rollback.stderr);
    const answer = JSON.parse(rollback.stdout) as { environment: string; disk: string; changed: boolean };
    assert.deepEqual([answer.environment, answer.disk, answer.changed], ['rootvg', 'hdisk0', true]);
    assert.match(hostCommand(host.bin, 'bootlist', ['-m', 'normal', '-o']), /^hdisk0 blv=hd5/);
  } finally {
    await agent.stop();
    host.cleanup();
  }
});

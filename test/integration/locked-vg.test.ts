import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { createHost } from '../support/aixsim-host';
import { aixsim, hostCommand, hostProcesses, waitFor } from '../support/host-commands';
import { runCtl, startAgentProcess, testCtlEnv } from '../support/processes';
import { distPath } from '../support/repo';

interface CtlError {
  error: { code: string; message: string; exitCode: number; state?: string; vg?: string; command?: string };
}

/** lsvg processes of the host that read rootvg (`lsvg rootvg`, `lsvg -l rootvg` ...), not the plain lists. */
function rootvgReaders(bin: string): Array<{ pid: number; args: string[] }> {
  return hostProcesses(bin, 'lsvg').filter((p) => p.args.includes('rootvg'));
}

test('a locked rootvg: the call answers before the deadline with the warning and chvg -u, and kills the lsvg it started', async () => {
  const host = await createHost();
  aixsim(['fault', host.dir, 'add', 'vg-locked', '--vg', 'rootvg']);
  const agent = await startAgentProcess({ commandsDir: host.bin });
  try {
    // exit 3, not 6: the agent answered before altctl's own deadline (its process start
    // is not timed here: on a loaded machine it alone can take seconds)
    const locked = await runCtl(['lvs', agent.address, '--json', '--timeout', '5']);
    assert.equal(locked.code, 3, locked.stderr);
    const { error } = JSON.parse(locked.stderr) as CtlError;
    assert.equal(error.code, 'FAILED_PRECONDITION');
    assert.equal(error.state, 'vg-locked');
    assert.equal(error.vg, 'rootvg');
    assert.equal(error.command, 'lsvg');
    assert.match(
      error.message,
      /^volume group rootvg is locked: lsvg (-l )?rootvg said "0516-1201 lsvg: Warning: Volume group rootvg is locked\. This command will continue retries until lock is free\. If lock is inadvertent and needs to be removed, execute 'chvg -u rootvg'\." and was still waiting after \d+ s, so the agent stopped it; /,
    );
    assert.match(
      error.message,
      /another LVM command holds the lock: let it finish, then retry \(ps -ef shows it: .*\); only if no LVM command is running was the lock left by one that died: then remove it with chvg -u rootvg, and retry$/,
    );
    // nothing is left waiting on the host for a call that has ended
    await waitFor('the lsvg processes of the ended call to be gone', () => rootvgReaders(host.bin).length === 0, 3_000);
    assert.ok(
      agent.logs.some(
        (l) => l['message'] === 'volume group locked: the command waits for its lock' && l['vg'] === 'rootvg',
      ),
    );

    // the same for a person: the message once, exit 3
    const text = await runCtl(['vgs', agent.address, '--timeout', '3']);
    assert.equal(text.code, 3, text.stderr);
    assert.match(text.stderr, /volume group rootvg is locked: .* remove it with chvg -u rootvg, and retry/);
    assert.equal(text.stderr.split('chvg -u rootvg, and retry').length, 2, text.stderr);

    // the remedy works: once the lock is freed (chvg -u on the host), the call does
    hostCommand(host.bin, 'chvg', ['-u', 'rootvg']);
    const lvs = await runCtl(['lvs', agent.address, '--json']);
    assert.equal(lvs.code, 0, lvs.stderr);
  } finally {
    await agent.stop();
    host.cleanup();
  }
});

test('a locked rootvg: a second call while the first one waits is refused at once and starts no other lsvg', async () => {
  const host = await createHost();
  aixsim(['fault', host.dir, 'add', 'vg-locked', '--vg', 'rootvg']);
  const agent = await startAgentProcess({ commandsDir: host.bin });
  try {
    let firstAnswered = false;
    const first = runCtl(['lvs', agent.address, '--json', '--timeout', '15']).finally(() => (firstAnswered = true));
    // the first call's lsvg rootvg and lsvg -l rootvg have said they wait
    await waitFor(
      'the first call to wait on the lock',
      () => agent.logs.some((l) => l['message'] === 'volume group locked: the command waits for its lock'),
      6_000,
    );
    const waiting = rootvgReaders(host.bin).length;
    assert.ok(waiting >= 1 && waiting <= 2, `the first call's readers of rootvg: ${waiting}`);
    const retries = await Promise.all([
      runCtl(['lvs', agent.address, '--json', '--timeout', '15']),
      runCtl(['vgs', agent.address, '--json', '--timeout', '15']),
      runCtl(['targets', agent.address, '--json', '--timeout', '15']),
    ]);
    // refused at once: while the first call still waits out its patience (10 s), not after a wait of their own
    assert.equal(firstAnswered, false, 'the retries were answered before the first call');
    for (const retry of retries) {
      assert.equal(retry.code, 3, retry.stderr);
      const { error } = JSON.parse(retry.stderr) as CtlError;
      assert.equal(error.state, 'vg-locked');
      assert.match(
        error.message,
        /^volume group rootvg is locked: lsvg (-l )?rootvg has been waiting \d+ s for its lock \(0516-1201\), and the agent starts no other command that would wait behind it; .*chvg -u rootvg/,
      );
    }
    assert.ok(rootvgReaders(host.bin).length <= waiting, 'no more lsvg processes wait than before the retries');
    assert.ok(agent.logs.some((l) => l['message'] === 'command not started: its volume group is locked'));
    assert.equal((await first).code, 3);
  } finally {
    await agent.stop();
    host.cleanup();
  }
});

test("a command whose caller stops waiting is killed: at the caller's deadline, and when the caller goes away", async () => {
  const host = await createHost();
  // The agent's own timeout is far away: only the caller's end can stop the command.
  const agent = await startAgentProcess({ commandsDir: host.bin, extraArgs: ['--command-timeout', '600'] });
  try {
    aixsim(['fault', host.dir, 'add', 'hang', '--command', 'lspv']);
    const gaveUp = await runCtl(['disks', agent.address, '--json', '--timeout', '2']);
    assert.equal(gaveUp.code, 6, gaveUp.stderr);
    await waitFor(
      'the hung lspv of the expired call to be killed',
      () => hostProcesses(host.bin, 'lspv').length === 0,
      3_000,
    );

    // altctl killed mid-call (Ctrl-C, a closed terminal): the call is cancelled, the command killed
    const ctl = spawn(process.execPath, [distPath('ctl/main.js'), 'disks', agent.address, '--json'], {
      env: testCtlEnv(),
      stdio: 'ignore',
    });
    await waitFor('the call to start lspv', () => hostProcesses(host.bin, 'lspv').length > 0, 10_000);
    ctl.kill('SIGKILL');
    await waitFor(
      'the lspv of the cancelled call to be killed',
      () => hostProcesses(host.bin, 'lspv').length === 0,
      3_000,
    );
    assert.ok(
      agent.logs.some((l) => l['message'] === 'command stopped: its caller no longer waits' && l['command'] === 'lspv'),
    );

    aixsim(['fault', host.dir, 'clear']);
    assert.equal((await runCtl(['disks', agent.address, '--json'])).code, 0, 'the next call works');
  } finally {
    await agent.stop();
    host.cleanup();
  }
});

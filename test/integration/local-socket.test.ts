import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHost, type TestHost } from '../support/aixsim-host';
import { distPath } from '../support/repo';
import { runCtl, startAgentProcess, testCtlEnv, type AgentProcess } from '../support/processes';

describe('without TLS: loopback callers are viewers; the host administrator uses the local socket', () => {
  let host: TestHost;
  let agent: AgentProcess;
  // XDG_STATE_HOME/altdisk is the default state directory off AIX, so `altctl ... local` finds its socket
  const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-xdg-'));
  before(async () => {
    host = await createHost();
    // as in production: no ALTDISKD_LOOPBACK_ROLE, so the default
    agent = await startAgentProcess({
      commandsDir: host.bin,
      stateDir: path.join(xdg, 'altdisk'),
      env: { ALTDISKD_LOOPBACK_ROLE: '' },
    });
  });
  after(async () => {
    await agent?.stop();
    host?.cleanup();
  });

  test('any user on loopback TCP reads, but changes nothing: viewer', async () => {
    assert.equal((await runCtl(['disks', agent.address, '--json'])).code, 0);
    const change = await runCtl(['bootlist', agent.address, '--set', 'hdisk0', '--json']);
    assert.equal(change.code, 5, change.stderr);
    const { error } = JSON.parse(change.stderr) as { error: Record<string, string> };
    assert.deepEqual([error['code'], error['identity'], error['role']], ['PERMISSION_DENIED', 'loopback', 'viewer']);
  });

  test('the local socket (unix:STATE_DIR/altdiskd.sock, or HOST local) is the administrator', async () => {
    assert.equal(fs.statSync(path.join(agent.stateDir, 'altdiskd.sock')).mode & 0o777, 0o600);
    const change = await runCtl(['bootlist', agent.local, '--set', 'hdisk0', '--json']);
    assert.equal(change.code, 0, change.stderr);
    const viaAlias = await runCtl(['bosboot', 'local', 'hdisk0', '--json'], { env: { XDG_STATE_HOME: xdg } });
    assert.equal(viaAlias.code, 0, viaAlias.stderr);
    const audit = fs
      .readFileSync(path.join(agent.stateDir, 'log', 'audit.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { rpc: string; identity: string; role: string; stage: string });
    assert.ok(
      audit.some(
        (l) =>
          l.rpc === 'BootService.SetBootList' && l.identity === 'local' && l.role === 'admin' && l.stage === 'outcome',
      ),
    );
    assert.ok(
      audit.some((l) => l.rpc === 'BootService.SetBootList' && l.identity === 'loopback' && l.stage === 'refused'),
    );
  });

  test(
    'another user cannot reach the socket at all',
    { skip: process.geteuid?.() !== 0 && 'needs root to be another user' },
    () => {
      const asNobody = spawnSync(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          process.execPath,
          distPath('ctl/main.js'),
          'disks',
          agent.local,
          '--json',
        ],
        { encoding: 'utf8', env: testCtlEnv() },
      );
      assert.equal(asNobody.status, 4, asNobody.stderr);
      const { error } = JSON.parse(asNobody.stderr) as { error: { code: string; message: string } };
      assert.equal(error.code, 'UNAVAILABLE');
      assert.match(
        error.message,
        /^you may not open the agent's socket .*altdiskd\.sock: only the agent's own user \(root on AIX\) may/,
      );
    },
  );

  test('a socket left by an agent killed with -9 does not keep the next one from starting', async () => {
    agent.child.kill('SIGKILL');
    await new Promise((r) => agent.child.once('exit', r));
    assert.ok(fs.lstatSync(path.join(agent.stateDir, 'altdiskd.sock')).isSocket(), 'left behind');
    agent = await startAgentProcess({
      commandsDir: host.bin,
      stateDir: agent.stateDir,
      env: { ALTDISKD_LOOPBACK_ROLE: '' },
    });
    assert.equal((await runCtl(['disks', agent.local, '--json'])).code, 0);
  });
});

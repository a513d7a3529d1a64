import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createHost } from '../support/aixsim-host';
import { runCtl, startAgentProcess } from '../support/processes';

/** The arguments of the printed command line that starts with `program` (paths hold no spaces here). */
function printed(stdout: string, program: string): string[] {
  const line = stdout.split('\n').find((l) => l.trimStart().startsWith(`${program} `));
  assert.ok(line, `altctl certs init printed no ${program} command:\n${stdout}`);
  return line.trim().split(/ +/).slice(1);
}

test('the steps altctl certs init prints work as printed: the agent serves the client it made', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'altctl-certs-steps-'));
  const host = await createHost();
  const pki = path.join(tmp, 'pki');
  let agent;
  try {
    const made = await runCtl(['certs', 'init', pki, '--agent', 'localhost', '--client', 'alice']);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /altdiskd\.json: the agents' config, giving CN=alice the role admin/);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(pki, 'altdiskd.json'), 'utf8')), {
      identities: { 'CN=alice': 'admin' },
    });

    // the agent's command as printed, but on a free loopback port, a test state dir and the emulated host
    const agentArgs = printed(made.stdout, 'altdiskd');
    const listenAt = agentArgs.indexOf('--listen');
    assert.deepEqual(agentArgs.slice(listenAt, listenAt + 2), ['--listen', '0.0.0.0:7400']);
    agentArgs.splice(listenAt, 2);
    agent = await startAgentProcess({
      commandsDir: host.bin,
      listen: '127.0.0.1:0',
      extraArgs: agentArgs,
      env: { ALTDISKD_LOOPBACK_ROLE: '' },
    });
    const port = agent.address.split(':').at(-1);

    // altctl's command as printed, with the agent's port
    const ctlArgs = printed(made.stdout, 'altctl').map((word) => (word === 'localhost' ? `localhost:${port}` : word));
    const called = await runCtl(ctlArgs);
    assert.equal(called.code, 0, called.stderr);
    assert.match(called.stdout, /^Host: /m);
  } finally {
    await agent?.stop();
    host.cleanup();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

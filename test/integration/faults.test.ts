import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createHost } from '../support/aixsim-host';
import { aixsim } from '../support/host-commands';
import { runCtl, startAgentProcess } from '../support/processes';

test('a host command that hangs is killed at its timeout and reported; the agent carries on', async () => {
  const host = await createHost();
  aixsim(['fault', host.dir, 'add', 'hang', '--command', 'lspv']);
  const agent = await startAgentProcess({ commandsDir: host.bin, extraArgs: ['--command-timeout', '2'] });
  try {
    const started = Date.now();
    const hung = await runCtl(['disks', agent.address, '--json']);
    assert.equal(hung.code, 6, hung.stderr);
    assert.ok(Date.now() - started < 10_000, 'answered soon after the 2 s timeout');
    const { error } = JSON.parse(hung.stderr) as { error: { code: string; message: string; command: string } };
    assert.equal(error.code, 'DEADLINE_EXCEEDED');
    assert.equal(error.command, 'lspv');
    assert.match(error.message, /^lspv did not finish within 2000 ms and was killed; check the host/);
    assert.ok(agent.logs.some((l) => l['message'] === 'command timed out' && l['command'] === 'lspv'));
    aixsim(['fault', host.dir, 'clear']);
    assert.equal((await runCtl(['disks', agent.address, '--json'])).code, 0, 'the next call works');
  } finally {
    await agent.stop();
    host.cleanup();
  }
});

test('a config file with one stray comma stops the agent, naming line and column; it never starts on defaults', async () => {
  const host = await createHost();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
  const config = path.join(stateDir, 'altdiskd.json');
  // The admin meant the local caller to be a viewer; defaults would make it an admin.
  const text = '{\n  "localRole": "viewer",\n  "identities": {},\n}\n';
  fs.writeFileSync(config, text);
  try {
    const started = startAgentProcess({ commandsDir: host.bin, stateDir, extraArgs: ['--config', config] });
    // An agent that starts anyway is stopped, so the test fails instead of waiting on it.
    void started.then(
      (agent) => agent.stop(),
      () => undefined,
    );
    await assert.rejects(started, (err: Error) => {
      assert.match(err.message, /exited with 2 before listening/);
      assert.match(
        err.message,
        /altdiskd: config: .*altdiskd\.json is not valid JSON: line 4, column 1: a property name in double quotes was expected/,
      );
      return true;
    });
    assert.equal(fs.readFileSync(config, 'utf8'), text, "the admin's file is left as it was");
    assert.deepEqual(
      fs.readdirSync(stateDir).filter((f) => f.includes('corrupt')),
      [],
    );
    // and the next start fails the same way, on the same file (not ENOENT on a file set aside)
    const again = startAgentProcess({ commandsDir: host.bin, stateDir, extraArgs: ['--config', config] });
    void again.then(
      (agent) => agent.stop(),
      () => undefined,
    );
    await assert.rejects(again, /altdiskd: config: .*altdiskd\.json is not valid JSON: line 4, column 1/);
    assert.equal(fs.readFileSync(config, 'utf8'), text);
  } finally {
    host.cleanup();
  }
});

test('a corrupt job record is set aside; the agent starts and says so', async () => {
  const host = await createHost();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
  const broken = path.join(stateDir, 'jobs', '20261123-101500-clone-abcdef');
  fs.mkdirSync(broken, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(broken, 'job.json'), '{"schema": 1, "id": "20261123-1015', { mode: 0o600 });
  const agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
  try {
    const job = agent.logs.find((l) => l['message'] === 'a job record was unreadable and was set aside');
    assert.equal(job?.['job'], '20261123-101500-clone-abcdef');
    assert.equal(fs.existsSync(broken), false);
    assert.ok(fs.existsSync(String(job?.['movedTo'])));
    // and says so to anyone who asks, not only in its log
    const described = await runCtl(['host', agent.address, '--json']);
    assert.equal(described.code, 0, described.stderr);
    const problems = (JSON.parse(described.stdout) as { host: { agentProblems: string[] } }).host.agentProblems;
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0] ?? '',
      /^the record of job 20261123-101500-clone-abcdef was unreadable .* moved to .*\.corrupt-/,
    );
    const text = await runCtl(['host', agent.address]);
    assert.match(text.stdout, /^Agent problems: +the record of job/m);
    const jobs = await runCtl(['jobs', agent.address, '--json']);
    assert.equal(jobs.code, 0, jobs.stderr);
    assert.deepEqual((JSON.parse(jobs.stdout) as { jobs: unknown[] }).jobs, []);
  } finally {
    await agent.stop();
    host.cleanup();
  }
});

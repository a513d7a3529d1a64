import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { distPath } from '../support/repo';
import { createHost } from '../support/aixsim-host';
import { runCtl, runNode, startAgentProcess } from '../support/processes';

test('without TLS the agent refuses to listen beyond loopback, and says how to fix it', async () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
  for (const listen of ['0.0.0.0:0', '[::]:0']) {
    const result = await runNode(distPath('launch/altdiskd.js'), ['--listen', listen, '--state-dir', stateDir]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      /^altdiskd: listen: refusing to listen on .* without TLS.*--tls-cert, --tls-key and --tls-client-ca/,
    );
  }
});

test('a port another program holds: the agent says it is taken and what to do', async () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const listen = `127.0.0.1:${(holder.address() as net.AddressInfo).port}`;
  try {
    const host = await createHost();
    try {
      const result = await runNode(distPath('launch/altdiskd.js'), [
        '--listen',
        listen,
        '--state-dir',
        stateDir,
        '--commands',
        host.bin,
      ]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(
          `^altdiskd: could not start: ${listen.replace(/\./g, '\\.')} is taken: another program listens there \\(another altdiskd\\?\\); stop it, or give this agent another --listen ADDRESS:PORT$`,
          'm',
        ),
      );
    } finally {
      host.cleanup();
    }
  } finally {
    holder.close();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
});

test('a listen address that is not ADDRESS:PORT is said to be malformed, not blamed on TLS', async () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
  try {
    for (const listen of ['nonsense', 'nonsense:7400', '127.0.0.1:http']) {
      const result = await runNode(distPath('launch/altdiskd.js'), ['--listen', listen, '--state-dir', stateDir]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, new RegExp(`^altdiskd: listen: "${listen}" is not ADDRESS:PORT`));
      assert.match(result.stderr, /give an IP address of this host \(or localhost\) and a port: 127\.0\.0\.1:7400/);
      assert.doesNotMatch(result.stderr, /refusing to listen/);
    }
  } finally {
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
});

test('altdiskd --help says what the agent does now, not only discovery and boot lists', async () => {
  const help = await runNode(distPath('launch/altdiskd.js'), ['--help']);
  assert.equal(help.code, 0, help.stderr);
  const text = help.stdout.replace(/\s+/g, ' ');
  for (const what of [
    'clone target',
    'alt_disk_copy',
    'journaled jobs',
    'preflight',
    'boot environments',
    'rollback',
    'alt_rootvg_op',
    'first-boot hooks',
    'mutual TLS',
    'audit log',
    'altctl',
  ]) {
    assert.ok(text.includes(what), `--help mentions ${what}`);
  }
});

test('as README "Using it" starts it: --log-level warn keeps a normal start and calls off the terminal; SIGTERM stops it', async () => {
  const host = await createHost();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
  const agent = spawn(
    process.execPath,
    [
      distPath('launch/altdiskd.js'),
      '--listen',
      '127.0.0.1:0',
      '--state-dir',
      stateDir,
      '--commands',
      host.bin,
      '--log-level',
      'warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let terminal = '';
  agent.stdout.setEncoding('utf8').on('data', (c: string) => (terminal += c));
  agent.stderr.setEncoding('utf8').on('data', (c: string) => (terminal += c));
  const exited = new Promise<number | null>((resolve) => agent.on('exit', resolve));
  try {
    const socket = path.join(stateDir, 'altdiskd.sock');
    for (let i = 0; i < 200 && !fs.existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
    const disks = await runCtl(['disks', `unix:${socket}`]);
    assert.equal(disks.code, 0, disks.stderr);
    agent.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.equal(terminal, '', 'nothing on the terminal');
    assert.ok(
      fs.readFileSync(path.join(stateDir, 'log', 'altdiskd.log'), 'utf8') !== undefined,
      'the log file is there',
    );
  } finally {
    agent.kill('SIGKILL');
    host.cleanup();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
});

test('bad flags exit 2 with the option named', async () => {
  const result = await runNode(distPath('launch/altdiskd.js'), ['--listne', '127.0.0.1:0']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Unknown argument: listne/);
  const missing = await runNode(distPath('launch/altdiskd.js'), [
    '--commands',
    '/nonexistent/bin',
    '--state-dir',
    os.tmpdir(),
  ]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /commandsDir: \/nonexistent\/bin does not exist/);
});

test('off AIX with no commands directory, the agent makes and uses an emulated host, and logs it', async () => {
  const agent = await startAgentProcess();
  try {
    const notice = agent.logs.find((l) => String(l['message']).startsWith('not running on AIX'));
    assert.ok(notice, 'a log line says the emulator is in use');
    assert.equal(notice['hostDir'], path.join(agent.stateDir, 'aixsim'));
    assert.ok(fs.existsSync(path.join(agent.stateDir, 'aixsim', 'bin', 'lspv')));
    const result = await runCtl(['disks', agent.address, '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.ok((JSON.parse(result.stdout) as { disks: unknown[] }).disks.length > 1);
  } finally {
    await agent.stop();
  }
  // Restarted on the same state directory, it reuses the host instead of making a new one.
  const again = await startAgentProcess({ stateDir: agent.stateDir });
  try {
    assert.ok(again.logs.some((l) => String(l['message']).includes('using the emulated host made earlier')));
  } finally {
    await again.stop();
  }
});

test('every command run is logged as a JSON line in the state directory', async () => {
  const agent = await startAgentProcess();
  try {
    assert.equal((await runCtl(['bootlist', agent.address])).code, 0);
  } finally {
    assert.equal(await agent.stop(), 0, 'SIGTERM stops the agent cleanly');
  }
  const lines = fs
    .readFileSync(path.join(agent.stateDir, 'log', 'altdiskd.log'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const runs = lines.filter((l) => l['message'] === 'command ran' && l['command'] === 'bootlist');
  // both lists are read, in parallel, so in either order
  assert.deepEqual(runs.map((r) => (r['args'] as string[]).join(' ')).sort(), ['-m normal -o', '-m service -o']);
  const run = runs[0]!;
  assert.equal(run['exitCode'], 0);
  assert.equal(typeof run['durationMs'], 'number');
  assert.ok(lines.some((l) => l['message'] === 'stopped'));
});

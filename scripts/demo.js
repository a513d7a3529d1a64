#!/usr/bin/env node
// The README's first command: an emulated AIX host, a real agent on it, and altctl
// driving the agent over gRPC, end to end. Plain JS over dist/ (built by npm run demo).
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = (p) => path.join(root, 'dist', p);
// Everything the demo makes (the emulated host, the agent's state) lives here, and goes
// when the demo ends: done, failed, or stopped with Ctrl-C.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-demo-'));
const hostDir = path.join(work, 'host1');
let agentChild;

/**
 * A clone still running (Ctrl-C stops only the watching) is cancelled first: its job
 * runs from the directory about to be removed.
 */
function cancelRunningJobs() {
  const altctl = (...args) =>
    spawnSync(process.execPath, [dist('ctl/main.js'), ...args], { encoding: 'utf8', timeout: 120_000 });
  const host = `unix:${path.join(work, 'agent', 'altdiskd.sock')}`;
  const listed = altctl('jobs', host, '--json');
  if (listed.status !== 0) return;
  for (const job of JSON.parse(listed.stdout).jobs) {
    if (job.state === 'running' || job.state === 'cancelling') altctl('cancel', host, job.id, '--json');
  }
}

/**
 * Cancels what still runs, stops the agent, waits for it, then removes the demo's directory.
 * Once only: a Ctrl-C and the demo's own failure path may both ask for it.
 */
let cleaning;
function cleanUp() {
  cleaning ??= (async () => {
    try {
      if (agentChild && agentChild.exitCode === null && agentChild.signalCode === null) {
        try {
          cancelRunningJobs();
        } catch (err) {
          process.stderr.write(`demo: could not cancel a running clone: ${err.message}\n`);
        }
        const exited = new Promise((resolve) => agentChild.once('exit', resolve));
        agentChild.kill('SIGTERM');
        await exited;
      }
    } finally {
      // retries: a clone's discarded directories are deleted by a detached aixsim process
      fs.rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
  })();
  return cleaning;
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, () => {
    cleanUp().finally(() => process.exit(code));
  });
}

function step(title) {
  process.stdout.write(`\n\x1b[1m== ${title}\x1b[0m\n`);
}
function run(args, { allowFail = false } = {}) {
  process.stdout.write(`$ ${args.join(' ')}\n`);
  const [cmd, ...rest] = args;
  const script = { aixsim: dist('aixsim/main.js'), altctl: dist('ctl/main.js') }[cmd];
  const result = spawnSync(process.execPath, [script, ...rest], { stdio: 'inherit' });
  // Ctrl-C reached the command too (130: altctl stopped following): the demo stops, it did not fail
  if (result.status === 130 || result.signal === 'SIGINT')
    throw Object.assign(new Error('interrupted'), { interrupted: true });
  if (result.status !== 0 && !allowFail) throw new Error(`${args.join(' ')} exited with ${result.status}`);
  return result.status;
}

async function startAgent() {
  const child = spawn(
    process.execPath,
    [
      dist('launch/altdiskd.js'),
      '--listen',
      '127.0.0.1:0',
      '--state-dir',
      path.join(work, 'agent'),
      '--commands',
      path.join(hostDir, 'bin'),
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      // its own process group: Ctrl-C stops the demo, and the agent stays to cancel the clone
      detached: true,
    },
  );
  agentChild = child;
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stderr.on('data', (chunk) => {
      buf += chunk;
      for (const line of buf.split('\n')) {
        try {
          const entry = JSON.parse(line);
          if (entry.message === 'listening') return resolve({ child, address: entry.address });
        } catch {
          /* partial line */
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`altdiskd exited with ${code}:\n${buf}`)));
  });
}

(async () => {
  step('Create an emulated AIX host (aixsim)');
  run(['aixsim', 'init', hostDir]);
  step('Start the agent against it');
  const agent = await startAgent();
  // As root on the host itself: the agent's local socket, where callers are its administrator
  // (over TCP loopback without TLS, any local user would be, so there they are viewers).
  const host = `unix:${path.join(work, 'agent', 'altdiskd.sock')}`;
  process.stdout.write(
    `altdiskd listening on ${agent.address} and ${host} (commands from ${path.join(hostDir, 'bin')})\n`,
  );
  try {
    step('What is this host, and where could rootvg go?');
    run(['altctl', 'host', host]);
    run(['altctl', 'disks', host]);
    run(['altctl', 'targets', host]);
    step('Preflight: what a clone to hdisk1 would run, and what it would find');
    run(['altctl', 'plan', host, 'hdisk1', '--exclude', '^./tmp/']);
    step('Clone rootvg to hdisk1, following every phase (an emulated copy of ~5 GB)');
    run(['altctl', 'clone', host, 'hdisk1', '--exclude', '^./tmp/']);
    step('Boot environments: the clone boots next (R)');
    run(['altctl', 'envs', host]);
    step('Reboot into the clone; the original becomes old_rootvg');
    run(['altctl', 'reboot', host, '--yes']);
    run(['altctl', 'envs', host]);
    step('Roll back: the original disk boots next again');
    run(['altctl', 'rollback', host]);
    run(['altctl', 'envs', host]);
    step('Bad input is refused and changes nothing');
    run(['altctl', 'clone', host, 'hdisk2'], { allowFail: true });
    run(['altctl', 'bosboot', host, 'hdisk99'], { allowFail: true });
    step('The same, for scripts: one JSON document');
    run(['altctl', 'envs', host, '--json']);
  } finally {
    await cleanUp();
  }
  process.stdout.write(
    '\nDemo done; its emulated host and agent were in a temporary directory, now removed (README "Using it" makes lasting ones).\n',
  );
})().catch(async (err) => {
  if (!err.interrupted) process.stderr.write(`demo failed: ${err.message}\n`);
  await cleanUp();
  process.exit(err.interrupted ? 130 : 1);
});

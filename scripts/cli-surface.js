#!/usr/bin/env node
// Records what altctl and aixsim show their users, for comparing two builds: every
// command's --help, text and --json output, stderr and exit status against one fresh
// emulated host, plus aixsim's usage messages. Values that differ from run to run (job
// ids, times, durations, temporary paths) are replaced by placeholders.
//
//   node scripts/cli-surface.js OUT_DIR        (over dist/; run npm run build first)
//   diff -r BEFORE_DIR AFTER_DIR
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = (p) => path.join(root, 'dist', p);
const outDir = path.resolve(process.argv[2] ?? 'cli-surface');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-surface-'));
const hostDir = path.join(work, 'host1');
const stateDir = path.join(work, 'agent');
const socket = `unix:${path.join(stateDir, 'altdiskd.sock')}`;

function normalize(text) {
  return (
    text
      .split(socket)
      .join('<HOST>')
      .split(work)
      .join('<WORK>')
      // VG identifiers carry the time the VG was made
      .replace(/\b00[0-9a-f]{14}0000[0-9a-f]{12}\b/g, '<VGID>')
      .replace(/\d{8}-\d{6}-(clone|remove|wake|sleep)-[0-9a-f]{6}/g, '<JOB-$1>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<TIME>')
      .replace(/\b\d\d:\d\d:\d\d\b/g, '<HMS>')
      .replace(/"(seconds|elapsed\w*|eta\w*|duration\w*|\w*Ms|\w*Seconds)": ?"?[\d.]+"?/g, '"$1": <N>')
      .replace(/\b\d+(\.\d+)?\s?(ms|s)\b/g, '<DUR>')
      .replace(/\b(\d+m)?\d+s\b/g, '<DUR>')
      .replace(
        /(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d .*?\d{4}/g,
        '<DATE>',
      )
      // how many progress events a clone makes depends on timing: numbers go, repeats fold
      .replace(/"(sequence|lastSequence|percent|etaSeconds)": ?-?[\d.]+/g, '"$1": <N>')
      .replace(/^Last event: +\d+$/gm, 'Last event: <N>')
      .split('\n')
      // a copy's progress is sampled with df: how many samples land inside the copy varies
      .filter((lineText) => !lineText.includes('"type":"progress"') && !/^<TIME> progress: /.test(lineText))
      .filter((lineText, i, lines) => i === 0 || lineText !== lines[i - 1])
      .join('\n')
  );
}

let n = 0;
function record(name, args, { env = {}, input } = {}) {
  const [tool, ...rest] = args;
  const script =
    { altctl: dist('ctl/main.js'), aixsim: dist('aixsim/main.js') }[tool] ?? path.join(hostDir, 'bin', tool);
  const command = tool in { altctl: 1, aixsim: 1 } ? [process.execPath, script, ...rest] : [script, ...rest];
  const result = spawnSync(command[0], command.slice(1), {
    encoding: 'utf8',
    input,
    timeout: 120_000,
    env: { ...process.env, ALTCTL_HOST: '', ALTCTL_CONFIG: path.join(work, 'no-altctl.json'), COLUMNS: '100', ...env },
  });
  const file = path.join(
    outDir,
    `${String(++n).padStart(3, '0')}-${normalize(name).replace(/[^A-Za-z0-9._-]+/g, '_')}.txt`,
  );
  fs.writeFileSync(
    file,
    normalize(`$ ${args.join(' ')}\nexit ${result.status}\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`),
  );
  return result;
}

function startAgent() {
  const child = spawn(
    process.execPath,
    [
      // builds before the executable moved to launch/ (for comparing with them)
      fs.existsSync(dist('launch/altdiskd.js')) ? dist('launch/altdiskd.js') : dist('agent/main.js'),
      '--listen',
      '127.0.0.1:0',
      '--state-dir',
      stateDir,
      '--commands',
      path.join(hostDir, 'bin'),
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stderr.on('data', (chunk) => {
      buf += chunk;
      if (buf.includes('"listening"')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`altdiskd exited with ${code}:\n${buf}`)));
  });
}

(async () => {
  spawnSync(process.execPath, [dist('aixsim/main.js'), 'init', hostDir], { stdio: 'ignore' });
  spawnSync(
    process.execPath,
    [dist('aixsim/main.js'), 'tune', hostDir, '--copy-rate-mb', '100000', '--step-delay-ms', '0'],
    { stdio: 'ignore' },
  );
  const agent = await startAgent();
  const hook = path.join(work, 'hook.sh');
  fs.writeFileSync(hook, '#!/bin/ksh\necho hello\n');
  try {
    const help = [
      [],
      ['firstboot'],
      ['certs'],
      ['firstboot', 'add'],
      ['firstboot', 'list'],
      ['firstboot', 'show'],
      ['firstboot', 'rm'],
      ['firstboot', 'results'],
      ['certs', 'init'],
      ...[
        'host',
        'disks',
        'vgs',
        'lvs',
        'targets',
        'envs',
        'bootlist',
        'bosboot',
        'plan',
        'clone',
        'jobs',
        'job',
        'watch',
        'cancel',
        'rollback',
        'reboot',
        'cleanup',
        'wake',
        'sleep',
      ].map((c) => [c]),
    ];
    for (const words of help) record(`help-${words.join('-') || 'altctl'}`, ['altctl', ...words, '--help']);
    record('version', ['altctl', '--version']);
    record('no-command', ['altctl']);
    record('unknown-command', ['altctl', 'clonee', socket]);
    // the same reads as text and as JSON
    const reads = [
      ['host'],
      ['disks'],
      ['vgs'],
      ['lvs', 'rootvg'],
      ['targets'],
      ['envs'],
      ['bootlist'],
      ['bootlist', '--mode', 'service'],
      ['jobs'],
      ['firstboot', 'list'],
      ['firstboot', 'results'],
      ['plan', 'hdisk1'],
      ['plan', 'hdisk1', '--exclude', '^./tmp/'],
      ['plan', 'hdisk0'],
      ['plan', 'hdisk1', 'hdisk2', '--reboot'],
    ];
    const both = (name, words) => {
      record(name, ['altctl', ...words]);
      return record(`${name}-json`, ['altctl', ...words, '--json']);
    };
    for (const words of reads) both(words.join('-'), [words[0], socket, ...words.slice(1)]);
    for (const words of reads)
      record(`default-host-${words.join('-')}`, ['altctl', ...words, '--json'], { env: { ALTCTL_HOST: socket } });
    // usage errors and refused requests
    for (const words of [
      ['plan'],
      ['plan', socket],
      ['clone', socket],
      ['clone', socket, 'hdisk1', '--bogus'],
      ['bosboot', socket],
      ['bosboot', socket, 'hdisk99'],
      ['watch', socket, 'nope'],
      ['job', socket, '20260101-000000-clone-abcdef'],
      ['cancel', socket],
      ['plan', 'hdisk1'],
      ['lvs', socket],
      ['clone', socket, 'hdisk1', '--timeout', 'x'],
      ['clone', socket, 'hdisk0'],
      ['bootlist', socket, '--set', 'hdisk99'],
      ['firstboot', 'add', socket, 'bad name', hook],
      ['firstboot', 'show', socket, 'none'],
      ['reboot', socket],
      ['cleanup', socket, 'hdisk9'],
    ]) {
      both(`error-${words.join('-')}`, words);
    }
    // hooks
    both('firstboot-add', ['firstboot', 'add', socket, 'hello', hook]);
    both('firstboot-list-after-add', ['firstboot', 'list', socket]);
    both('firstboot-show', ['firstboot', 'show', socket, 'hello']);
    // a clone, followed as JSON Lines
    // the same request twice: the second follows the first's job
    const cloneWords = [
      'altctl',
      'clone',
      socket,
      'hdisk1',
      '--exclude',
      '^./tmp/',
      '--json',
      '--request-id',
      'surface-1',
    ];
    const clone = record('clone-json', cloneWords);
    const lines = clone.stdout.trim().split('\n');
    const job = JSON.parse(lines.at(-1)).job ?? JSON.parse(lines.at(-1));
    const jobId = job.id;
    both('job', ['job', socket, jobId]);
    both('watch-finished', ['watch', socket, jobId]);
    both('jobs-after-clone', ['jobs', socket]);
    both('envs-after-clone', ['envs', socket]);
    both('targets-after-clone', ['targets', socket]);
    both('disks-after-clone', ['disks', socket]);
    both('cancel-finished', ['cancel', socket, jobId]);
    both('firstboot-list-after-clone', ['firstboot', 'list', socket]);
    record('clone-again-same-request', cloneWords);
    both('bosboot', ['bosboot', socket, 'hdisk0']);
    both('bootlist-set', ['bootlist', socket, '--set', 'hdisk0']);
    both('bootlist-after-set', ['bootlist', socket]);
    both('sleep-not-awake', ['sleep', socket]);
    const wake = record('wake-json', ['altctl', 'wake', socket, 'hdisk1', '--json']);
    both('vgs-awake', ['vgs', socket]);
    both('sleep', ['sleep', socket]);
    both('rollback', ['rollback', socket]);
    both('firstboot-rm', ['firstboot', 'rm', socket, 'hello']);
    record('cleanup-text', ['altctl', 'cleanup', socket, 'hdisk1']);
    both('envs-after-cleanup', ['envs', socket]);
    record('clone-text-piped', ['altctl', 'clone', socket, 'hdisk2', '--exclude', '^./tmp/']);
    both('reboot', ['reboot', socket, '--yes']);
    both('envs-after-reboot', ['envs', socket]);
    both('firstboot-results-after-reboot', ['firstboot', 'results', socket]);
    record('certs-init', ['altctl', 'certs', 'init', path.join(work, 'pki'), '--days', '0']);
    record('certs-init-json', ['altctl', 'certs', 'init', path.join(work, 'pki'), '--days', '0', '--json']);
    void wake;
    // aixsim: usage messages of every command
    for (const name of fs.readdirSync(path.join(hostDir, 'bin')).sort()) {
      record(`aixsim-${name}-badflag`, [name, '-Z']);
    }
    for (const words of [
      ['--help'],
      ['fault', hostDir, 'list'],
      ['fault', hostDir, 'add', 'nope'],
      ['tune', '--help'],
      ['disk', hostDir, 'add', 'nope'],
    ]) {
      record(`aixsim-${words[0]}`, ['aixsim', ...words]);
    }
  } finally {
    agent.kill('SIGTERM');
    await new Promise((resolve) => agent.once('exit', resolve));
    fs.rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
  process.stdout.write(`${n} records in ${outDir}\n`);
})().catch((err) => {
  process.stderr.write(`cli-surface failed: ${err.stack}\n`);
  process.exit(1);
});

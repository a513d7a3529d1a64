import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { sha256, type StoredHook } from '../../../agent/firstboot/hook-registry';
import { readResults } from '../../../agent/firstboot/results';
import { manifestFor, runnerScript } from '../../../agent/firstboot/runner-script';

function hook(name: string, order: number, body: string, required = false): StoredHook {
  const content = Buffer.from(`#!/bin/sh\n${body}\n`);
  return {
    name,
    order,
    timeoutSeconds: 5,
    description: '',
    required,
    sha256: sha256(content),
    sizeBytes: content.length,
    registeredAt: '',
    content,
    problem: '',
  };
}

test('a required hook that fails skips the ones after it; results say so; the runner exits 1', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-runner-'));
  const resultsFile = path.join(stateDir, 'firstboot', 'results.json');
  const runner = path.join(stateDir, 'runner');
  const hooks = [
    hook('first', 1, 'echo one'),
    hook('gate', 2, 'echo no >&2; exit 4', true),
    hook('after', 3, 'touch "$0.ran"'),
  ];
  fs.writeFileSync(
    runner,
    runnerScript(process.execPath, manifestFor('20261123-101500-clone-abcdef', resultsFile, hooks)),
    { mode: 0o700 },
  );
  const run = spawnSync(runner, [], { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  const r = readResults(stateDir);
  assert.deepEqual(
    r.hooks.map((h) => [h.name, h.status, h.exitCode]),
    [
      ['first', 'HOOK_STATUS_PASSED', 0],
      ['gate', 'HOOK_STATUS_FAILED', 4],
      ['after', 'HOOK_STATUS_SKIPPED', -1],
    ],
  );
  assert.equal(r.hooks[1]!.outputTail, 'no\n');
  assert.deepEqual([r.passed, r.failed, r.notRun], [1, 1, 1]);
  assert.equal(fs.statSync(resultsFile).mode & 0o777, 0o600);
});

test('a hook still marked running when the boot ended is reported as interrupted', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-runner-'));
  fs.mkdirSync(path.join(stateDir, 'firstboot'));
  fs.writeFileSync(
    path.join(stateDir, 'firstboot', 'results.json'),
    JSON.stringify({
      jobId: 'j',
      ranAt: '2026-11-23T10:00:00.000Z',
      finishedAt: '',
      hooks: [
        {
          name: 'slow',
          order: 1,
          required: false,
          sha256: 'x',
          status: 'running',
          startedAt: '2026-11-23T10:00:00.000Z',
          finishedAt: '',
          exitCode: -1,
          durationMs: 0,
          outputTail: '',
        },
      ],
    }),
  );
  const r = readResults(stateDir);
  assert.equal(r.hooks[0]!.status, 'HOOK_STATUS_INTERRUPTED');
  assert.equal(r.notRun, 1);
});

test('hook names and contents reach the runner only as JSON: a hostile name cannot break out', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-runner-'));
  const canary = path.join(stateDir, 'pwned');
  const resultsFile = path.join(stateDir, 'firstboot', 'results.json');
  const jobId = "x'; process.exit(9); '";
  const name = `a\`$(touch ${canary})\`"); process.exit(9); ("`;
  const text = runnerScript(process.execPath, manifestFor(jobId, resultsFile, [hook(name, 1, 'echo $(id -u)')]));
  assert.deepEqual(
    text
      .split('\n')
      .filter((l) => l.includes('process.exit(9)'))
      .map((l) => l.slice(0, 17)),
    ['const MANIFEST = '],
    'only inside the JSON manifest',
  );
  const runner = path.join(stateDir, 'runner');
  fs.writeFileSync(runner, text, { mode: 0o700 });
  const run = spawnSync(runner, [], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(fs.existsSync(canary), false, 'the name never reached a shell');
  const r = readResults(stateDir);
  assert.equal(r.jobId, jobId);
  assert.deepEqual(
    r.hooks.map((h) => [h.name, h.status]),
    [[name, 'HOOK_STATUS_PASSED']],
  );
});

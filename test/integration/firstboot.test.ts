import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { agentOnFreshHost } from '../support/agent-on-host';
import { createHost } from '../support/aixsim-host';
import { parseEventStream } from '../support/ctl-json';
import { runCtl, startAgentProcess } from '../support/processes';

interface ResultsJson {
  found: boolean;
  jobId: string;
  hooks: { name: string; status: string; exitCode: number; outputTail: string; durationMs: number }[];
  passed: number;
  failed: number;
  timedOut: number;
}

function script(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`);
  return file;
}

async function ok(args: string[]): Promise<string> {
  const result = await runCtl(args, { timeoutMs: 120_000 });
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

describe('first-boot hooks: registered, carried by the clone, run at its first boot, reported after', () => {
  test('three hooks (one failing, one timing out) run with the right statuses; a removed hook does not', async () => {
    const host = await createHost();
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
    const local = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-hooks-'));
    let agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
    try {
      const a = agent.address;
      await ok([
        'firstboot',
        'add',
        a,
        'check-level',
        script(local, 'ok.sh', 'HOST=$(hostname)\necho level is fine; echo done'),
        '--order',
        '10',
        '--description',
        'check the new level',
      ]);
      // a script is shown as it is: its own HOST is not altctl's placeholder for the host's name
      assert.match(await ok(['firstboot', 'show', a, 'check-level']), /^HOST=\$\(hostname\)$/m);
      await ok([
        'firstboot',
        'add',
        a,
        'reregister',
        script(local, 'fail.sh', 'echo cannot reach monitoring >&2; exit 3'),
        '--order',
        '20',
      ]);
      await ok([
        'firstboot',
        'add',
        a,
        'restart-app',
        script(local, 'slow.sh', 'echo starting app; sleep 30'),
        '--order',
        '30',
        '--hook-timeout',
        '2',
      ]);
      await ok([
        'firstboot',
        'add',
        a,
        'old-hook',
        script(local, 'old.sh', 'echo should never run; touch /tmp/altdisk-old-hook-ran'),
        '--order',
        '40',
      ]);
      await ok(['firstboot', 'rm', a, 'old-hook']);
      const listed = JSON.parse(await ok(['firstboot', 'list', a, '--json'])) as {
        hooks: { name: string; sha256: string; sizeBytes: number }[];
      };
      assert.deepEqual(
        listed.hooks.map((h) => h.name),
        ['check-level', 'reregister', 'restart-app'],
      );
      assert.ok(listed.hooks.every((h) => /^[0-9a-f]{64}$/.test(h.sha256) && h.sizeBytes > 0));

      const clone = parseEventStream(await runCtl(['clone', a, 'hdisk1', '--json'], { timeoutMs: 120_000 }));
      assert.equal(clone.job.state, 'succeeded');
      assert.ok(clone.job.command.includes('-x'), 'the clone is given the first-boot runner as -x');
      const envs = JSON.parse(await ok(['envs', a, '--json'])) as { environments: { name: string; hooks: string }[] };
      assert.equal(envs.environments.find((e) => e.name === 'altinst_rootvg')?.hooks, '3 hook(s) pending');

      await ok(['reboot', a, '--yes']);
      // The host came back on the clone: the agent starts again, as the boot would start it.
      await agent.stop();
      agent = await startAgentProcess({ commandsDir: host.bin, stateDir, listen: a });
      assert.ok(
        agent.logs.some((l) => l['message'] === 'first boot of a clone: its hooks ran'),
        'the agent notices the first boot',
      );

      const results = await runCtl(['firstboot', 'results', a, '--json']);
      assert.equal(results.code, 1, 'results exit 1 when a hook failed');
      const r = JSON.parse(results.stdout) as ResultsJson;
      assert.equal(r.found, true);
      assert.equal(r.jobId, clone.job.id);
      assert.deepEqual(
        r.hooks.map((h) => [h.name, h.status, h.exitCode]),
        [
          ['check-level', 'passed', 0],
          ['reregister', 'failed', 3],
          ['restart-app', 'timed_out', -1],
        ],
      );
      assert.match(r.hooks[0]!.outputTail, /level is fine\ndone/);
      assert.match(r.hooks[1]!.outputTail, /cannot reach monitoring/);
      assert.match(r.hooks[2]!.outputTail, /starting app/);
      assert.ok(r.hooks[2]!.durationMs >= 2000 && r.hooks[2]!.durationMs < 15000);
      assert.deepEqual([r.passed, r.failed, r.timedOut], [1, 1, 1]);
      assert.equal(fs.existsSync('/tmp/altdisk-old-hook-ran'), false);

      const human = await runCtl(['firstboot', 'results', a]);
      assert.match(human.stdout, /1 passed, 1 failed, 1 timed out/);
      const after = JSON.parse(await ok(['envs', a, '--json'])) as { environments: { name: string; hooks: string }[] };
      assert.equal(
        after.environments.find((e) => e.name === 'rootvg')?.hooks,
        'hooks: 1 passed, 1 failed, 1 timed out',
      );
    } finally {
      await agent.stop();
      host.cleanup();
    }
  });
});

describe('first-boot hook rules', () => {
  const ctx = agentOnFreshHost();

  test('bad names, missing interpreter lines and oversized content are refused with INVALID_ARGUMENT; nothing is stored', async () => {
    const local = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-hooks-'));
    const good = script(local, 'good.sh', 'echo hi');
    const noShebang = path.join(local, 'plain.txt');
    fs.writeFileSync(noShebang, 'echo hi\n');
    const big = path.join(local, 'big.sh');
    fs.writeFileSync(big, `#!/bin/sh\n# ${'x'.repeat(70 * 1024)}\n`);
    for (const [name, file, field] of [
      ['../etc/passwd', good, 'name'],
      ['Upper', good, 'name'],
      ['a b', good, 'name'],
      ['.hidden', good, 'name'],
      ['x'.repeat(65), good, 'name'],
      ['alt-disk-copy-x', good, 'name'],
      ['plain', noShebang, 'content'],
    ] as const) {
      const result = await runCtl(['firstboot', 'add', ctx.agent.address, name, file, '--json']);
      assert.equal(result.code, 2, `${name}: ${result.stderr}`);
      const { error } = JSON.parse(result.stderr) as { error: { code: string; field: string } };
      assert.equal(error.code, 'INVALID_ARGUMENT', name);
      assert.equal(error.field, field, name);
    }
    const oversized = await runCtl(['firstboot', 'add', ctx.agent.address, 'big', big, '--json']);
    assert.equal(oversized.code, 2, 'over 64 KiB is refused (by altctl before sending, or by the agent)');
    const listed = JSON.parse(await ok(['firstboot', 'list', ctx.agent.address, '--json'])) as { hooks: unknown[] };
    assert.deepEqual(listed.hooks, []);
    assert.deepEqual(fs.readdirSync(path.join(ctx.agent.stateDir, 'hooks')), [], 'nothing was written');
  });

  test('adding the same hook twice changes nothing; different content needs --replace', async () => {
    const local = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-hooks-'));
    const first = script(local, 'one.sh', 'echo one');
    const second = script(local, 'two.sh', 'echo two');
    const a = ctx.agent.address;
    assert.equal(
      (JSON.parse(await ok(['firstboot', 'add', a, 'hook', first, '--json'])) as { changed: boolean }).changed,
      true,
    );
    assert.equal(
      (JSON.parse(await ok(['firstboot', 'add', a, 'hook', first, '--json'])) as { changed: boolean }).changed,
      false,
    );
    const clash = await runCtl(['firstboot', 'add', a, 'hook', second, '--json']);
    assert.equal(clash.code, 3, clash.stderr);
    assert.equal((JSON.parse(clash.stderr) as { error: { code: string } }).error.code, 'ALREADY_EXISTS');
    assert.equal(
      (JSON.parse(await ok(['firstboot', 'add', a, 'hook', second, '--replace', '--json'])) as { changed: boolean })
        .changed,
      true,
    );
    await ok(['firstboot', 'rm', a, 'hook']);
    const gone = await runCtl(['firstboot', 'rm', a, 'hook', '--json']);
    assert.equal((JSON.parse(gone.stderr) as { error: { code: string } }).error.code, 'NOT_FOUND');
  });

  test('the same script with other settings is refused naming each setting (old -> new) and --replace', async () => {
    const local = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-hooks-'));
    const file = script(local, 'same.sh', 'echo same');
    const a = ctx.agent.address;
    await ok(['firstboot', 'add', a, 'settings', file, '--order', '10', '--description', 'first']);
    const clash = await runCtl([
      'firstboot',
      'add',
      a,
      'settings',
      file,
      '--order',
      '20',
      '--hook-timeout',
      '60',
      '--description',
      'second',
      '--required',
    ]);
    assert.equal(clash.code, 3, clash.stderr);
    const message = clash.stderr;
    assert.match(message, /order 10 -> 20 \(--order\)/);
    assert.match(message, /timeout 300s -> 60s \(--hook-timeout\)/);
    assert.match(message, /description "first" -> "second" \(--description\)/);
    assert.match(message, /required no -> yes \(--required\)/);
    assert.doesNotMatch(message, /sha256/, 'the script is the same: it is not named as a difference');
    assert.match(message, new RegExp(`altctl firstboot add ${a.replace(/\./g, '\\.')} settings FILE --replace`));
    // only the order differs (the description is left out, so it differs too: "" is what is asked)
    const orderOnly = await runCtl([
      'firstboot',
      'add',
      a,
      'settings',
      file,
      '--order',
      '30',
      '--description',
      'first',
      '--json',
    ]);
    const { error } = JSON.parse(orderOnly.stderr) as { error: { code: string; message: string } };
    assert.equal(error.code, 'ALREADY_EXISTS');
    assert.match(
      error.message,
      /with other settings: order 10 -> 30 \(--order\); to change it, add it again with --replace/,
    );
    await ok(['firstboot', 'add', a, 'settings', file, '--order', '30', '--description', 'first', '--replace']);
    await ok(['firstboot', 'rm', a, 'settings']);
  });

  test('a clone carries the hooks registered when its phase 2 starts; later ones wait for the next clone', async () => {
    const local = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-hooks-'));
    const a = ctx.agent.address;
    await ok(['firstboot', 'add', a, 'before-phase1', script(local, 'a.sh', 'echo a')]);
    assert.equal(
      parseEventStream(await runCtl(['clone', a, 'hdisk4', '--phases', '1', '--json'], { timeoutMs: 120_000 })).job
        .state,
      'succeeded',
    );
    await ok(['firstboot', 'add', a, 'between-phases', script(local, 'b.sh', 'echo b')]);
    assert.equal(
      parseEventStream(await runCtl(['clone', a, 'hdisk4', '--phases', '23', '--json'], { timeoutMs: 120_000 })).job
        .state,
      'succeeded',
    );
    await ok(['firstboot', 'add', a, 'after-clone', script(local, 'c.sh', 'echo c')]);
    const listed = JSON.parse(await ok(['firstboot', 'list', a, '--json'])) as {
      hooks: { name: string; inCurrentClone: boolean }[];
    };
    assert.deepEqual(
      listed.hooks.map((h) => [h.name, h.inCurrentClone]),
      [
        ['after-clone', false],
        ['before-phase1', true],
        ['between-phases', true],
      ],
    );
  });
});

describe('the hooks column of envs after booting a clone and rolling back from it', () => {
  const ctx = agentOnFreshHost();

  test('the clone shows how its hooks ran, not that they are pending', async () => {
    const a = ctx.agent.address;
    const local = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-hooks-'));
    await ok(['firstboot', 'add', a, 'hello', script(local, 'hello.sh', 'echo hello')]);
    assert.equal(
      parseEventStream(await runCtl(['clone', a, 'hdisk1', '--json'], { timeoutMs: 120_000 })).job.state,
      'succeeded',
    );
    const hooks = async () => {
      const envs = JSON.parse(await ok(['envs', a, '--json'])) as {
        environments: { name: string; disks: string[]; hooks: string }[];
      };
      return Object.fromEntries(envs.environments.map((e) => [`${e.name}:${e.disks.join(',')}`, e.hooks]));
    };
    assert.deepEqual(await hooks(), { 'rootvg:hdisk0': '', 'altinst_rootvg:hdisk1': '1 hook(s) pending' });
    await ok(['reboot', a, '--yes']);
    assert.deepEqual(await hooks(), { 'rootvg:hdisk1': 'hooks: 1 passed', 'old_rootvg:hdisk0': '' });
    await ok(['rollback', a]);
    await ok(['reboot', a, '--yes']);
    assert.deepEqual(await hooks(), { 'rootvg:hdisk0': '', 'altinst_rootvg:hdisk1': 'hooks: 1 passed' });
    assert.match(await ok(['envs', a]), /^altinst_rootvg +- +hdisk1 .*hooks: 1 passed/m);
  });
});

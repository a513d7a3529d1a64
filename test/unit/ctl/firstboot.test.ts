import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { GetResultsResponse__Output } from '../../../shared/generated/altdisk/v1/GetResultsResponse';
import type { HookResult__Output } from '../../../shared/generated/altdisk/v1/HookResult';
import { EXIT } from '../../../ctl/exit-codes';
import { renderHookList, renderResults, resultsExitCode } from '../../../ctl/output/firstboot';
import { FakeAgent, runCtlToEnd } from './fake-agent';

function hookResult(overrides: Partial<HookResult__Output> = {}): HookResult__Output {
  return {
    name: 'ntp',
    order: 10,
    required: false,
    status: 'HOOK_STATUS_PASSED',
    startedAt: '2026-11-24T06:01:00Z',
    finishedAt: '2026-11-24T06:01:02Z',
    exitCode: 0,
    durationMs: 2400,
    outputTail: '',
    sha256: 'ab'.repeat(32),
    ...overrides,
  };
}

function results(
  hooks: HookResult__Output[],
  counts: Partial<GetResultsResponse__Output> = {},
): GetResultsResponse__Output {
  return {
    found: true,
    jobId: '20261123-101500-clone-3f2a9c',
    ranAt: '2026-11-24T06:01:00Z',
    hooks,
    passed: hooks.filter((h) => h.status === 'HOOK_STATUS_PASSED').length,
    failed: hooks.filter((h) => h.status === 'HOOK_STATUS_FAILED').length,
    timedOut: hooks.filter((h) => h.status === 'HOOK_STATUS_TIMED_OUT').length,
    notRun: hooks.filter((h) => h.status === 'HOOK_STATUS_SKIPPED' || h.status === 'HOOK_STATUS_INTERRUPTED').length,
    ...counts,
  };
}

const NOT_FOUND: GetResultsResponse__Output = {
  found: false,
  jobId: '',
  ranAt: '',
  hooks: [],
  passed: 0,
  failed: 0,
  timedOut: 0,
  notRun: 0,
};

describe('firstboot results rendering', () => {
  test('summary line, then one block per hook with its output tail indented', () => {
    const response = results([
      hookResult({ outputTail: 'ntp configured\r\n' }),
      hookResult({
        name: 'agent',
        order: 20,
        required: true,
        status: 'HOOK_STATUS_FAILED',
        exitCode: 3,
        durationMs: 61_000,
        outputTail: 'starting\n\x1b[31mno route to host\n',
      }),
      hookResult({
        name: 'motd',
        order: 30,
        status: 'HOOK_STATUS_SKIPPED',
        exitCode: -1,
        durationMs: 0,
        startedAt: '',
        finishedAt: '',
      }),
    ]);
    assert.equal(
      renderResults(response),
      [
        'First boot of job 20261123-101500-clone-3f2a9c at 2026-11-24T06:01:00Z: 1 passed, 1 failed, 0 timed out, 1 not run',
        '',
        'ntp  passed  exit 0  2s',
        '    ntp configured',
        '',
        'agent  failed  exit 3  1m01s',
        '    starting',
        '     [31mno route to host',
        '',
        'motd  skipped  exit -  0s',
        '',
      ].join('\n'),
    );
  });

  test('nothing ran yet', () => {
    assert.equal(renderResults(NOT_FOUND), 'no first boot with hooks has happened on this host\n');
  });

  test('exit status: 0 when every hook passed or none ran yet, 1 otherwise', () => {
    assert.equal(resultsExitCode(NOT_FOUND), EXIT.OK);
    assert.equal(resultsExitCode(results([])), EXIT.OK);
    assert.equal(resultsExitCode(results([hookResult(), hookResult({ name: 'b' })])), EXIT.OK);
    assert.equal(
      resultsExitCode(results([hookResult(), hookResult({ name: 'b', status: 'HOOK_STATUS_FAILED', exitCode: 1 })])),
      EXIT.FAILED,
    );
    assert.equal(
      resultsExitCode(results([hookResult({ status: 'HOOK_STATUS_TIMED_OUT', exitCode: -1 })])),
      EXIT.FAILED,
    );
    assert.equal(
      resultsExitCode(results([hookResult({ status: 'HOOK_STATUS_INTERRUPTED', exitCode: -1 })])),
      EXIT.FAILED,
    );
    // counts that disagree with the list still fail: never report success on doubt
    assert.equal(resultsExitCode(results([hookResult()], { failed: 1 })), EXIT.FAILED);
  });

  test('hook list: table, then what only the clone carries', () => {
    const text = renderHookList({
      hooks: [
        {
          name: 'ntp',
          order: 10,
          timeoutSeconds: 300,
          description: 'set up NTP',
          required: true,
          sha256: '0123456789abcdef'.repeat(4),
          sizeBytes: 120,
          registeredAt: '',
          inCurrentClone: true,
          problem: '',
        },
        {
          name: 'tampered',
          order: 20,
          timeoutSeconds: 60,
          description: '',
          required: false,
          sha256: 'fedcba9876543210'.repeat(4),
          sizeBytes: 40,
          registeredAt: '',
          inCurrentClone: false,
          problem:
            'its script on the host has changed since it was registered (sha256 now 0badc0ffee00, registered fedcba987654)',
        },
      ],
      cloneOnly: ['old-hook'],
    });
    assert.deepEqual(text.split('\n'), [
      'NAME      ORDER  TIMEOUT  REQUIRED  SIZE  SHA256        IN_CLONE  DESCRIPTION',
      'ntp       10     300s     yes       120   0123456789ab  yes       set up NTP',
      'tampered  20     60s      no        40    fedcba987654  no        -',
      'the current clone also carries: old-hook',
      'hook tampered cannot run: its script on the host has changed since it was registered (sha256 now 0badc0ffee00, registered fedcba987654); clones are refused until it is added again with --replace or removed',
      '',
    ]);
  });
});

describe('altctl firstboot against a scripted agent', () => {
  const agent = new FakeAgent();
  let host = '';
  let tmp = '';
  before(async () => {
    host = await agent.start();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'altctl-fb-'));
  });
  after(async () => {
    await agent.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(() => {
    agent.unary = new FakeAgent().unary;
    agent.calls.length = 0;
  });

  test('add sends the local script and its settings', async () => {
    const script = path.join(tmp, 'ntp.sh');
    fs.writeFileSync(script, '#!/bin/ksh\nstartsrc -s xntpd\n');
    const r = await runCtlToEnd([
      'firstboot',
      'add',
      host,
      'ntp',
      script,
      '--order',
      '10',
      '--hook-timeout',
      '60',
      '--required',
      '--description',
      'NTP',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `hook ntp registered (sha256 ${'ab'.repeat(32)}, 29 bytes)\n`);
    const req = agent.calls.find((c) => c.method === 'AddHook')?.request as Record<string, unknown>;
    assert.equal(Buffer.from(req['content'] as Buffer).toString(), '#!/bin/ksh\nstartsrc -s xntpd\n');
    assert.equal(req['order'], 10);
    assert.equal(req['timeoutSeconds'], 60);
    assert.equal(req['required'], true);
    assert.equal(req['replace'], false);
  });

  test('add refuses a file over 64 KiB before calling the agent', async () => {
    const big = path.join(tmp, 'big.sh');
    fs.writeFileSync(big, `#!/bin/sh\n${'#'.repeat(64 * 1024)}\n`);
    const r = await runCtlToEnd(['firstboot', 'add', host, 'big', big]);
    assert.equal(r.code, EXIT.USAGE);
    assert.match(
      r.stderr,
      new RegExp(`FILE: ${big.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is \\d+ bytes, more than the 64 KiB`),
    );
    assert.equal(agent.calls.length, 0);
  });

  test('results: exit 1 when a hook failed, --json is the response; exit 0 with no first boot', async () => {
    agent.unary['GetResults'] = () =>
      results([hookResult(), hookResult({ name: 'agent', status: 'HOOK_STATUS_FAILED', exitCode: 2 })]);
    const failed = await runCtlToEnd(['firstboot', 'results', host, '--json']);
    assert.equal(failed.code, 1, failed.stderr);
    const doc = JSON.parse(failed.stdout) as { found: boolean; failed: number; hooks: { status: string }[] };
    assert.equal(doc.found, true);
    assert.equal(doc.failed, 1);
    assert.deepEqual(
      doc.hooks.map((h) => h.status),
      ['passed', 'failed'],
    );
    agent.unary['GetResults'] = () => NOT_FOUND;
    const none = await runCtlToEnd(['firstboot', 'results', host]);
    assert.equal(none.code, 0, none.stderr);
    assert.equal(none.stdout, 'no first boot with hooks has happened on this host\n');
  });

  test('envs shows the HOOKS column', async () => {
    const r = await runCtlToEnd(['envs', host]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ENVIRONMENT\s+ACTIVE\s+DISKS\s+OSLEVEL\s+BOOT_RECORD\s+HOOKS$/m);
    assert.match(r.stdout, /^altinst_rootvg\s+R\s+hdisk1\s+\S+\s+yes\s+2 hooks pending$/m);
    assert.match(r.stdout, /^rootvg\s+N\s+hdisk0\s+\S+\s+yes\s+-$/m);
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Metadata, status } from '@grpc/grpc-js';
import { after, before, beforeEach, describe, test } from 'node:test';
import { FakeAgent, runCtlToEnd, startCtl } from './fake-agent';
import { event, finishedJob, job, JOB_ID, successfulClone } from './fixtures';

function refusal(code: status, details: string, meta: Record<string, string> = {}) {
  const metadata = new Metadata();
  for (const [k, v] of Object.entries(meta)) metadata.set(k, v);
  return Object.assign(new Error(details), { code, details, metadata });
}

const ERROR_FINDING = {
  code: 'target-in-vg',
  severity: 'SEVERITY_ERROR',
  message: 'hdisk2 is in volume group datavg',
  remedy: 'pick a free disk (altctl targets HOST)',
  source: '-d',
  field: 'spec.target_disks[0]',
};

describe('altctl job and boot commands against a scripted agent: output, exit statuses, re-attach', () => {
  const agent = new FakeAgent();
  let host = '';
  let tmp = '';
  before(async () => {
    host = await agent.start();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'altctl-'));
  });
  after(async () => {
    await agent.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(() => {
    const fresh = new FakeAgent();
    agent.events = fresh.events;
    agent.finalJob = fresh.finalJob;
    agent.unary = { ...fresh.unary, GetJob: () => ({ job: agent.finalJob }) };
    agent.eventDelayMs = 0;
    agent.hangAfter = undefined;
    agent.calls.length = 0;
  });

  test('clone --json: the start, one line per event, the finished job last; exit 0', async () => {
    const script = path.join(tmp, 'first.sh');
    fs.writeFileSync(script, '#!/bin/ksh\necho first boot\n');
    const r = await runCtlToEnd([
      'clone',
      host,
      'hdisk1',
      '--first-boot-script',
      script,
      '--exclude',
      '^./tmp/',
      '-B',
      '--request-id',
      'ticket-42',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const docs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
    assert.equal(docs[0]?.['start']?.['started'], true);
    assert.deepEqual(
      docs.slice(1, -1).map((d) => d['event']?.['sequence']),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    assert.equal(docs.at(-1)?.['started'], true as unknown);
    assert.equal(r.stderr, '');
    assert.equal(docs.at(-1)?.['job']?.['state'], 'succeeded');
    const start = agent.calls.find((c) => c.method === 'StartClone')?.request as {
      spec: Record<string, unknown>;
      requestId: string;
    };
    assert.equal(start.requestId, 'ticket-42');
    assert.deepEqual(start.spec['targetDisks'], ['hdisk1']);
    assert.equal(start.spec['noBootlist'], true);
    assert.deepEqual(start.spec['excludePatterns'], ['^./tmp/']);
    assert.equal(
      Buffer.from((start.spec['firstBootScript'] as { content: Buffer }).content).toString(),
      '#!/bin/ksh\necho first boot\n',
    );
    assert.deepEqual(
      agent.calls.map((c) => c.method),
      ['StartClone', 'WatchJob', 'GetJob'],
    );
  });

  test('clone piped: warnings of the start, plain time-stamped lines, what to do next', async () => {
    agent.unary['StartClone'] = () => ({
      job: job(),
      findings: [
        {
          ...ERROR_FINDING,
          severity: 'SEVERITY_WARNING',
          code: 'no-mirror',
          message: 'rootvg is mirrored; the clone is not',
          remedy: 'mirror it after booting',
        },
      ],
      started: true,
    });
    const r = await runCtlToEnd(['clone', host, 'hdisk1']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], `Started job ${JOB_ID} on ${host}: alt_disk_copy -d hdisk1`);
    assert.equal(lines[1], 'warning: rootvg is mirrored; the clone is not (mirror it after booting) [no-mirror]');
    assert.ok(lines.includes('2026-11-23T10:15:02Z phase 1/3 started: copy rootvg'));
    assert.deepEqual(lines.slice(-4), [
      `Job ${JOB_ID} succeeded: rootvg cloned to hdisk1; it boots next`,
      'Warnings: 1 (backup: 0505-187 could not read ./tmp/sock)',
      'Next: reboot with: altctl reboot host1 --yes',
      '',
    ]);
    // eslint-disable-next-line no-control-regex -- an escape sequence is what must not be there
    assert.doesNotMatch(r.stdout, /\x1b|\r/);
  });

  test('a failed job exits 1, a cancelled one 7', async () => {
    agent.finalJob = finishedJob({
      state: 'JOB_STATE_FAILED',
      exitCode: 1,
      summary: 'alt_disk_copy failed',
      leftover: 'altinst_rootvg on hdisk1',
      warnings: [],
    });
    agent.events = [
      ...successfulClone().slice(0, 10),
      event(11, { type: 'EVENT_TYPE_FINISHED', state: 'JOB_STATE_FAILED', exitCode: 1 }),
    ];
    const failed = await runCtlToEnd(['clone', host, 'hdisk1']);
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(
      failed.stdout,
      /Job .* failed \(exit 1\): alt_disk_copy failed\nLeft on the host: altinst_rootvg on hdisk1\n/,
    );
    agent.finalJob = finishedJob({ state: 'JOB_STATE_CANCELLED', exitCode: -1 });
    const cancelled = await runCtlToEnd(['watch', host, JOB_ID, '--json']);
    assert.equal(cancelled.code, 7, cancelled.stderr);
    assert.equal(
      (JSON.parse(cancelled.stdout.trim().split('\n').at(-1) as string) as { job: { state: string } }).job.state,
      'cancelled',
    );
  });

  test('a preflight refusal prints every finding from its metadata; any other refusal is shown as it is, with no second call', async () => {
    agent.unary['StartClone'] = () => {
      throw refusal(status.FAILED_PRECONDITION, 'the preflight checks found 1 error; nothing was changed', {
        'altdisk-state': 'preflight-failed',
        'altdisk-findings': JSON.stringify([ERROR_FINDING]),
      });
    };
    const human = await runCtlToEnd(['clone', host, 'hdisk2']);
    assert.equal(human.code, 3);
    assert.match(
      human.stderr,
      /^altctl: the preflight checks found 1 error; nothing was changed\nSEVERITY\s+CODE\s+MESSAGE\s+REMEDY\nerror\s+target-in-vg\s+hdisk2 is in volume group datavg\s+pick a free disk/,
    );
    const json = await runCtlToEnd(['clone', host, 'hdisk2', '--json']);
    assert.equal(json.code, 3);
    const { error } = JSON.parse(json.stderr) as { error: Record<string, unknown> };
    assert.equal(error['state'], 'preflight-failed');
    // the agent's HOST is the host altctl was given, in JSON too
    assert.deepEqual(error['findings'], [
      { ...ERROR_FINDING, severity: 'error', remedy: `pick a free disk (altctl targets ${host})` },
    ]);
    assert.ok(!agent.calls.some((c) => c.method === 'PlanClone'));

    agent.unary['StartClone'] = () => {
      throw refusal(status.INVALID_ARGUMENT, 'spec.target_disks[0]: hdisk2 is in datavg', {
        'altdisk-field': 'spec.target_disks[0]',
      });
    };
    const refused = await runCtlToEnd(['clone', host, 'hdisk2', '--json']);
    assert.equal(refused.code, 2);
    const error2 = (JSON.parse(refused.stderr) as { error: Record<string, unknown> }).error;
    assert.equal(error2['field'], 'spec.target_disks[0]');
    assert.equal(error2['findings'], undefined);
    assert.ok(
      !agent.calls.some((c) => c.method === 'PlanClone'),
      'no PlanClone: its findings would belong to another question',
    );
  });

  test('--detach prints the job id (JSON: the StartClone response) and returns', async () => {
    const r = await runCtlToEnd(['clone', host, 'hdisk1', '--detach']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${JOB_ID}\n`);
    assert.match(r.stderr, /follow it with: altctl watch /);
    const j = await runCtlToEnd(['clone', host, 'hdisk1', '--detach', '--json']);
    const doc = JSON.parse(j.stdout) as { job: { id: string }; started: boolean };
    assert.equal(doc.job.id, JOB_ID);
    assert.equal(doc.started, true);
    assert.ok(!agent.calls.some((c) => c.method === 'WatchJob'));
  });

  test('Ctrl-C stops watching, says how to re-attach, exits 130; the job is not cancelled', async () => {
    agent.hangAfter = 3;
    const r = startCtl(['clone', host, 'hdisk1']);
    await r.waitFor(/step: Creating logical volume alt_hd4/);
    r.child.kill('SIGINT');
    assert.equal(await r.done, 130, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        `job ${JOB_ID} continues on ${host.replace(/\./g, '\\.')}; re-attach with: altctl watch ${host.replace(/\./g, '\\.')} ${JOB_ID}\n$`,
      ),
    );
    assert.ok(!agent.calls.some((c) => c.method === 'CancelJob'));

    const j = startCtl(['watch', host, JOB_ID, '--json']);
    await j.waitFor(/"sequence":3/);
    j.child.kill('SIGINT');
    assert.equal(await j.done, 130);
    const last = JSON.parse(j.stdout.trim().split('\n').at(-1) as string) as { interrupted: { lastSequence: number } };
    assert.equal(last.interrupted.lastSequence, 3);
  });

  test('the agent restarting mid-stream: altctl reconnects and resumes, no event twice', async () => {
    const other = new FakeAgent();
    const address = await other.start();
    other.hangAfter = 4;
    const r = startCtl(['clone', address, 'hdisk1']);
    await r.waitFor(/progress: 12%/);
    other.kill();
    await r.waitFor(/lost the agent/);
    await new Promise((resolve) => setTimeout(resolve, 700));
    other.hangAfter = undefined;
    await other.start(other.port);
    const code = await r.done;
    await other.stop();
    assert.equal(code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /lost the agent \(.*\); reconnecting for up to 60 s, resuming after event 4\n/);
    assert.match(r.stdout, /reconnected to the agent; resuming after event 4\n/);
    for (const e of successfulClone()) {
      assert.equal(
        r.stdout.split('\n').filter((l) => l.startsWith(`${e.time} `)).length,
        1,
        `event ${e.sequence} once`,
      );
    }
    assert.deepEqual(
      other.calls
        .filter((c) => c.method === 'WatchJob')
        .map((c) => Number(c.request['afterSequence']))
        .slice(-1),
      [4],
    );
  });

  test('plan: findings, the exact command and environment; exit 3 with an error finding', async () => {
    const ok = await runCtlToEnd(['plan', host, 'hdisk1', '--on-backup-error', 'fail']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^No findings\.\n\nReady: +yes/);
    assert.match(ok.stdout, /Command: +alt_disk_copy -d hdisk1\n/);
    assert.equal(
      (agent.calls.at(-1)?.request['spec'] as Record<string, unknown>)['backupErrorPolicy'],
      'BACKUP_ERROR_POLICY_FAIL',
    );
    agent.unary['PlanClone'] = () => ({
      findings: [ERROR_FINDING],
      ready: false,
      command: ['alt_disk_copy', '-d', 'hdisk2', '-e', '/var/altdisk/x y'],
      environment: ['ALT_BAK_ERR_FAIL=1'],
      requiredMb: 1,
      targetMb: 2,
    });
    const bad = await runCtlToEnd(['plan', host, 'hdisk2']);
    assert.equal(bad.code, 3);
    assert.match(bad.stdout, /error\s+target-in-vg/);
    assert.match(
      bad.stdout,
      /Command: +alt_disk_copy -d hdisk2 -e '\/var\/altdisk\/x y'\nEnvironment: +ALT_BAK_ERR_FAIL=1\n/,
    );
    const json = await runCtlToEnd(['plan', host, 'hdisk2', '--json']);
    assert.equal(json.code, 3);
    assert.equal((JSON.parse(json.stdout) as { ready: boolean }).ready, false);
  });

  test('jobs and job show the jobs; cancel follows to the end (exit 0) or returns with --no-wait', async () => {
    const jobs = await runCtlToEnd(['jobs', host, '--limit', '5']);
    assert.equal(jobs.code, 0, jobs.stderr);
    assert.match(
      jobs.stdout,
      /^ID\s+KIND\s+STATE\s+DISKS\s+PHASE\s+PERCENT\s+STARTED\s+FINISHED\n20261123-101500-clone-3f2a9c\s+clone\s+succeeded\s+hdisk1\s+3\/3\s+100%/,
    );
    assert.equal(agent.calls.at(-1)?.request['limit'], 5);
    const one = await runCtlToEnd(['job', host, JOB_ID]);
    assert.match(one.stdout, /State: +succeeded \(exit 0\)\n/);
    assert.match(one.stdout, /Next step: +reboot with: altctl reboot host1 --yes\n/);

    agent.finalJob = finishedJob({
      state: 'JOB_STATE_CANCELLED',
      exitCode: -1,
      summary: 'cancelled; altinst_rootvg removed',
    });
    agent.events = [
      ...successfulClone().slice(0, 4),
      event(5, { type: 'EVENT_TYPE_CANCEL_REQUESTED' }),
      event(6, { type: 'EVENT_TYPE_FINISHED', state: 'JOB_STATE_CANCELLED' }),
    ];
    const cancel = await runCtlToEnd(['cancel', host, JOB_ID]);
    assert.equal(cancel.code, 7, cancel.stderr);
    assert.doesNotMatch(cancel.stdout, /Z step: Creating/, 'only events after the cancel');
    assert.match(cancel.stdout, /cancel requested\n.*finished: cancelled/);
    assert.equal(Number(agent.calls.find((c) => c.method === 'WatchJob')?.request['afterSequence']), 4);
    const noWait = await runCtlToEnd(['cancel', host, JOB_ID, '--no-wait']);
    assert.equal(noWait.code, 0);
    assert.match(noWait.stdout, /Cancel requested for job .* \(now cancelling\)/);
    // a job that finished before the cancel: shown as it ended, in the same stream format
    agent.finalJob = finishedJob();
    agent.unary['CancelJob'] = () => ({ job: finishedJob() });
    const callsBefore = agent.calls.length;
    const late = await runCtlToEnd(['cancel', host, JOB_ID, '--json']);
    assert.deepEqual(
      agent.calls.slice(callsBefore).map((c) => c.method),
      ['CancelJob'],
      'nothing left to follow: no WatchJob, no GetJob',
    );
    assert.equal(late.code, 0, late.stderr);
    assert.deepEqual(
      late.stdout
        .trim()
        .split('\n')
        .map((l) => Object.keys(JSON.parse(l) as object)),
      [['job']],
    );
    const lateText = await runCtlToEnd(['cancel', host, JOB_ID]);
    assert.match(lateText.stdout, /^Job .* had already finished \(succeeded\); nothing was cancelled\.\n/);
  });

  test('reboot and cleanup refuse without --yes, saying what they would do', async () => {
    const reboot = await runCtlToEnd(['reboot', host]);
    assert.equal(reboot.code, 2);
    assert.match(reboot.stderr, /reboot restarts .* now \(shutdown -Fr\): every application on it stops.*add --yes/);
    const cleanup = await runCtlToEnd(['cleanup', host, 'old_rootvg']);
    assert.equal(cleanup.code, 2);
    assert.match(cleanup.stderr, /cleanup removes old_rootvg .*add --yes/);
    const wrongVg = await runCtlToEnd(['cleanup', host, 'rootvg', '--yes']);
    assert.equal(wrongVg.code, 2);
    assert.ok(!agent.calls.some((c) => c.method === 'Reboot' || c.method === 'RemoveAltRootvg'));
    const done = await runCtlToEnd(['cleanup', host, 'old_rootvg', '--yes']);
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /succeeded: old_rootvg removed; hdisk0 is free/);
    const booted = await runCtlToEnd(['reboot', host, '--yes', '--json']);
    assert.equal(booted.code, 0, booted.stderr);
    assert.deepEqual(agent.calls.find((c) => c.method === 'Reboot')?.request, { confirm: true });
    // the connection lost while asking: unreachable, or the host went down, both said
    agent.unary['Reboot'] = () => {
      throw refusal(status.UNAVAILABLE, 'Connection dropped');
    };
    const lost = await runCtlToEnd(['reboot', host, '--yes']);
    assert.equal(lost.code, 4);
    assert.match(
      lost.stderr,
      /^altctl: cannot reach the altdisk agent at .*\(Connection dropped\); check that altdiskd runs there.*; or .* went down before answering: in a few minutes, altctl host .* shows its boot time/,
    );
  });

  test('rollback, wake and sleep', async () => {
    const rollback = await runCtlToEnd(['rollback', host]);
    assert.equal(rollback.code, 0, rollback.stderr);
    assert.match(
      rollback.stdout,
      /^old_rootvg \(hdisk0\) boots next now\.\n\nORDER\s+DEVICE\s+ATTRIBUTES\n1\s+hdisk0\s+blv=hd5\n\nNext: reboot with/,
    );
    const wake = await runCtlToEnd(['wake', host, 'hdisk1', '--json']);
    assert.equal(wake.code, 0, wake.stderr);
    assert.equal((JSON.parse(wake.stdout) as { job: { kind: string } }).job.kind, 'wake');
    assert.equal(agent.calls.at(-1)?.request['disk'], 'hdisk1');
    agent.unary['SleepAltRootvg'] = () => ({
      job: finishedJob({
        kind: 'JOB_KIND_SLEEP',
        state: 'JOB_STATE_FAILED',
        exitCode: 1,
        summary: 'umount /alt_inst/usr: busy',
      }),
    });
    const sleep = await runCtlToEnd(['sleep', host]);
    assert.equal(sleep.code, 1);
    assert.match(sleep.stdout, /failed \(exit 1\): umount \/alt_inst\/usr: busy/);
  });

  test('usage errors before any call: a local file over 1 MiB, HOST without DISK', async () => {
    const big = path.join(tmp, 'big.data');
    fs.writeFileSync(big, Buffer.alloc(1024 * 1024 + 1));
    const calls = agent.calls.length;
    const r = await runCtlToEnd(['clone', host, 'hdisk1', '--image-data', big, '--json']);
    assert.equal(r.code, 2);
    const { error } = JSON.parse(r.stderr) as { error: { code: string; field: string; message: string } };
    assert.equal(error.code, 'USAGE');
    assert.equal(error.field, '--image-data');
    const lonely = await runCtlToEnd(['clone', host]);
    assert.equal(lonely.code, 2);
    assert.match(lonely.stderr, /expected HOST DISK\.\.\./);
    assert.equal(agent.calls.length, calls);
  });
});

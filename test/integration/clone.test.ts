import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseLsvgLvs } from '../../agent/aix/parsers/lsvg';
import { agentOnFreshHost } from '../support/agent-on-host';
import { assertDense, parseEventStream } from '../support/ctl-json';
import { hostCommand, listTree, lspv } from '../support/host-commands';
import { runCtl } from '../support/processes';

/** The mounted file systems of rootvg: LV name -> mount point. */
function mountedFileSystems(bin: string): Map<string, string> {
  const [section] = parseLsvgLvs(hostCommand(bin, 'lsvg', ['-l', 'rootvg']));
  return new Map(section!.lvs.filter((lv) => lv.mountPoint !== null && lv.open).map((lv) => [lv.name, lv.mountPoint!]));
}

describe('a full clone, followed with altctl clone --json', () => {
  const ctx = agentOnFreshHost();

  test('every included file is copied, no excluded one; the host shows altinst_rootvg and boots it next', async () => {
    const result = await runCtl(
      [
        'clone',
        ctx.agent.address,
        'hdisk1',
        '--exclude',
        '^./tmp/',
        '--exclude',
        '/scratch/',
        '--request-id',
        'run-1',
        '--json',
      ],
      { timeoutMs: 120_000 },
    );
    const { events, job, start, started: startedAtEnd } = parseEventStream(result);
    assert.equal(result.code, 0, result.stderr);
    // the first line says this call started the job, and so does the last
    assert.equal(start?.started, true);
    assert.equal(start?.job.id, job.id);
    assert.ok(
      start?.findings.some((f) => f.code === 'quiesce-system'),
      'the start line carries the preflight findings',
    );
    assert.equal(startedAtEnd, true);
    assert.equal(job.state, 'succeeded');
    assert.equal(job.exitCode, 0);
    assertDense(events);
    assert.equal(events[0]?.type, 'started');
    assert.equal(events.at(-1)?.type, 'finished');
    const started = events.filter((e) => e.type === 'phase_started').map((e) => e.phase);
    assert.ok(
      started[0] === 1 && started.at(-1) === 3 && started.every((p, i) => i === 0 || p > started[i - 1]!),
      `phases in order: ${started.join(',')}`,
    );
    assert.ok(events.some((e) => e.type === 'step' && /^Backing-up the rootvg files/.test(e.step)));
    const percents = events.map((e) => e.percent).filter((p) => p > 0);
    assert.ok(
      percents.every((p, i) => i === 0 || p >= percents[i - 1]!),
      'percent never goes back',
    );
    assert.equal(job.percent, 100);
    // the advice names the host as altctl was given it, in JSON too
    assert.ok(job.nextStep.includes(`altctl reboot ${ctx.agent.address} --yes`), job.nextStep);

    const pvs = lspv(ctx.host.bin);
    assert.equal(pvs.find((pv) => pv.name === 'hdisk1')?.vg, 'altinst_rootvg');
    assert.equal(pvs.find((pv) => pv.name === 'hdisk1')?.state, '', 'altinst_rootvg is left varied off');
    assert.match(hostCommand(ctx.host.bin, 'bootlist', ['-m', 'normal', '-o']), /^hdisk1 blv=hd5/);

    const source = (lv: string) => path.join(ctx.host.dir, 'disks', 'hdisk0', 'lv', lv);
    const target = (lv: string) => path.join(ctx.host.dir, 'disks', 'hdisk1', 'lv', lv);
    let compared = 0;
    for (const [lv, mount] of mountedFileSystems(ctx.host.bin)) {
      const relative = (file: string) => `.${mount === '/' ? '' : mount}/${file}`;
      const expected = listTree(source(lv)).filter(
        (f) => !/^\.\/tmp\//.test(relative(f)) && !/\/scratch\//.test(relative(f)),
      );
      assert.deepEqual(listTree(target(lv)), expected, `${mount} (${lv}) on the clone`);
      compared += expected.length;
    }
    assert.ok(compared > 20, `the clone holds the host's files (${compared})`);
    assert.ok(listTree(source('hd3')).length > 0, 'the host has files in /tmp to exclude');
    assert.deepEqual(listTree(target('hd3')), [], '^./tmp/ excludes the contents of /tmp');
  });

  test('the same clone again with its request id starts nothing, and --json says so (started: false)', async () => {
    const result = await runCtl(
      [
        'clone',
        ctx.agent.address,
        'hdisk1',
        '--exclude',
        '^./tmp/',
        '--exclude',
        '/scratch/',
        '--request-id',
        'run-1',
        '--json',
      ],
      { timeoutMs: 120_000 },
    );
    const { job, start, started } = parseEventStream(result);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(start?.started, false);
    assert.equal(started, false);
    assert.equal(job.state, 'succeeded');
  });

  test('the finished job is listed and can be replayed with the same events', async () => {
    const jobs = JSON.parse((await runCtl(['jobs', ctx.agent.address, '--json'])).stdout) as {
      jobs: { id: string; state: string }[];
    };
    assert.equal(jobs.jobs.length, 1);
    const replay = await runCtl(['watch', ctx.agent.address, jobs.jobs[0]!.id, '--json']);
    const { events, job } = parseEventStream(replay);
    assert.equal(replay.code, 0, replay.stderr);
    assertDense(events);
    assert.equal(job.lastSequence, events.length);
    const tail = await runCtl([
      'watch',
      ctx.agent.address,
      jobs.jobs[0]!.id,
      '--from',
      String(events.length - 2),
      '--json',
    ]);
    assert.deepEqual(
      parseEventStream(tail).events.map((e) => e.sequence),
      [events.length - 1, events.length],
    );
  });
});

describe('phases 1, then 2 and 3, as two jobs', () => {
  const ctx = agentOnFreshHost();

  test('-P1 leaves the clone varied on; -P23 finishes it', async () => {
    const first = await runCtl(['clone', ctx.agent.address, 'hdisk4', '--phases', '1', '--json'], {
      timeoutMs: 120_000,
    });
    assert.equal(first.code, 0, first.stderr);
    const one = parseEventStream(first);
    assert.equal(one.job.state, 'succeeded');
    assert.match(one.job.nextStep, /--phases 23/);
    assert.equal(lspv(ctx.host.bin).find((pv) => pv.name === 'hdisk4')?.state, 'active', 'post phase 1: varied on');
    assert.match(
      hostCommand(ctx.host.bin, 'bootlist', ['-m', 'normal', '-o']),
      /^hdisk0 /,
      'phase 1 does not touch the boot list',
    );

    const second = await runCtl(['clone', ctx.agent.address, 'hdisk4', '--phases', '23', '--json'], {
      timeoutMs: 120_000,
    });
    assert.equal(second.code, 0, second.stderr);
    const two = parseEventStream(second);
    assert.equal(two.job.state, 'succeeded');
    assert.notEqual(two.job.id, one.job.id);
    assert.ok(!two.events.some((e) => e.type === 'phase_started' && e.phase === 1));
    assert.equal(lspv(ctx.host.bin).find((pv) => pv.name === 'hdisk4')?.state, '', 'after phase 3: varied off');
    assert.match(hostCommand(ctx.host.bin, 'bootlist', ['-m', 'normal', '-o']), /^hdisk4 blv=hd5/);
  });
});

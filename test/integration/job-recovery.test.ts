import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createHost, type TestHost } from '../support/aixsim-host';
import { parseEventStream, type EventJson, type JobJson } from '../support/ctl-json';
import { aixsim, lspv, waitFor } from '../support/host-commands';
import { runCtl, startAgentProcess, type AgentProcess } from '../support/processes';
import { groupAlive } from '../../agent/jobs/job-follower';

/** The agent's view of one job. */
async function jobNow(address: string, id: string): Promise<JobJson> {
  const result = await runCtl(['job', address, id, '--json']);
  assert.equal(result.code, 0, result.stderr);
  return (JSON.parse(result.stdout) as { job: JobJson }).job;
}

async function startDetached(address: string, disk: string, extra: string[] = []): Promise<string> {
  const result = await runCtl(['clone', address, disk, '--detach', '--json', ...extra]);
  assert.equal(result.code, 0, result.stderr);
  return (JSON.parse(result.stdout) as { job: { id: string } }).job.id;
}

async function finalJob(address: string, id: string, timeoutMs = 120_000): Promise<JobJson> {
  return waitFor(
    `job ${id} to end`,
    async () => {
      const job = await jobNow(address, id);
      return job.state === 'running' || job.state === 'cancelling' ? undefined : job;
    },
    timeoutMs,
  );
}

/** Every event of a job, as `altctl watch --json` replays them. */
async function journal(address: string, id: string): Promise<EventJson[]> {
  return parseEventStream(await runCtl(['watch', address, id, '--json'], { timeoutMs: 60_000 })).events;
}

/** No FINISHED twice, no phase started or finished twice. */
function assertOnce(events: readonly EventJson[]): void {
  assert.equal(events.filter((e) => e.type === 'finished').length, 1, 'exactly one finished event');
  const phases = events
    .filter((e) => e.type === 'phase_started' || e.type === 'phase_finished')
    .map((e) => `${e.type} ${e.phase}`);
  assert.equal(new Set(phases).size, phases.length, `no phase event twice: ${phases.join(', ')}`);
  assert.deepEqual(
    events.map((e) => e.sequence),
    events.map((_, i) => i + 1),
    'dense',
  );
}

function supervisorOf(stateDir: string, id: string): { pid: number; commandPid: number } {
  return JSON.parse(fs.readFileSync(path.join(stateDir, 'jobs', id, 'supervisor.json'), 'utf8')) as {
    pid: number;
    commandPid: number;
  };
}

describe('a job directory a crash left before its record', () => {
  test('is removed at start, and said in the log', async () => {
    const host = await createHost();
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
    const orphan = path.join(stateDir, 'jobs', '20261203-101500-clone-0a1b2c');
    fs.mkdirSync(path.join(orphan, 'inputs'), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(orphan, 'inputs', 'exclude.list'), '^./tmp/\n', { mode: 0o600 });
    fs.writeFileSync(path.join(orphan, 'launch.json'), '{"file":"/usr/sbin/alt_disk_copy","args":[],"env":{}}', {
      mode: 0o600,
    });
    const agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
    try {
      assert.equal(fs.existsSync(orphan), false);
      assert.ok(
        agent.logs.some(
          (l) =>
            l['message'] === 'removed a job directory a crash left before its job was recorded' &&
            l['job'] === '20261203-101500-clone-0a1b2c',
        ),
      );
      const jobs = JSON.parse((await runCtl(['jobs', agent.address, '--json'])).stdout) as { jobs: unknown[] };
      assert.deepEqual(jobs.jobs, []);
    } finally {
      await agent.stop();
      host.cleanup();
    }
  });
});

describe('killed in the middle of concluding, the agent finishes the conclusion exactly once', () => {
  test('after the closing events, after FINISHED, and an old record saved without FINISHED', async () => {
    const host = await createHost();
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
    let agent: AgentProcess = await startAgentProcess({ commandsDir: host.bin, stateDir });
    try {
      const clone = await runCtl(['clone', agent.address, 'hdisk1', '--json'], { timeoutMs: 120_000 });
      assert.equal(clone.code, 0, clone.stderr);
      const done = parseEventStream(clone).job;
      await agent.stop();
      const dir = path.join(stateDir, 'jobs', done.id);
      const keep = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-job-copy-'));
      fs.cpSync(dir, keep, { recursive: true });
      const lines = fs.readFileSync(path.join(keep, 'events.jsonl'), 'utf8').trimEnd().split('\n');
      const record = JSON.parse(fs.readFileSync(path.join(keep, 'job.json'), 'utf8')) as Record<string, unknown>;
      const running = {
        ...record,
        state: 'running',
        summary: '',
        nextStep: '',
        finishedAt: '',
        exitCode: null,
        warnings: [],
      };
      const crashes: [string, string[], Record<string, unknown>, boolean?][] = [
        // the FINISHED event committed, job.json not yet saved final
        ['after FINISHED', lines, running],
        // the closing events committed with the end in their cursor, no conclusion yet
        ['after the closing events', lines.slice(0, -1), running],
        // an older agent's order: job.json final, the FINISHED event never written
        ['record final, no FINISHED', lines.slice(0, -1), record],
        // everything saved final, the lock not yet released
        ['record final, lock still held', lines, record, true],
      ];
      for (const [moment, journalLines, saved, locked] of crashes) {
        fs.rmSync(dir, { recursive: true });
        fs.cpSync(keep, dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'events.jsonl'), `${journalLines.join('\n')}\n`, { mode: 0o600 });
        fs.writeFileSync(path.join(dir, 'job.json'), JSON.stringify(saved), { mode: 0o600 });
        if (locked)
          fs.writeFileSync(
            path.join(stateDir, 'jobs', 'ACTIVE'),
            JSON.stringify({ jobId: done.id, what: 'clone', since: record['startedAt'] }),
            { mode: 0o600 },
          );
        agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
        const job = await finalJob(agent.address, done.id, 30_000);
        assert.equal(job.state, 'succeeded', moment);
        assert.equal(job.summary, done.summary, moment);
        const events = await journal(agent.address, done.id);
        assertOnce(events);
        assert.equal(events.at(-1)?.type, 'finished', moment);
        const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'job.json'), 'utf8')) as { state: string };
        assert.equal(onDisk.state, 'succeeded', `${moment}: the record is saved final`);
        assert.equal(fs.existsSync(path.join(stateDir, 'jobs', 'ACTIVE')), false, `${moment}: the lock is free`);
        await agent.stop();
      }
    } finally {
      await agent.stop();
      host.cleanup();
    }
  });
});

describe("the job's supervisor killed while alt_disk_copy runs", () => {
  test('the agent keeps the lock, follows the command to its end, and concludes from the host', async () => {
    const host = await createHost();
    aixsim(['tune', host.dir, '--copy-rate-mb', '300']);
    const agent = await startAgentProcess({ commandsDir: host.bin });
    try {
      const id = await startDetached(agent.address, 'hdisk1');
      await waitFor(
        'the copy to start',
        async () => /^Backing-up/.test((await jobNow(agent.address, id)).step) || undefined,
        60_000,
      );
      const { pid, commandPid } = supervisorOf(agent.stateDir, id);
      process.kill(pid, 'SIGKILL');
      await waitFor(
        'the agent to notice',
        () =>
          agent.logs.some((l) =>
            String(l['message']).startsWith("the job's supervisor is gone but its command still runs"),
          ) || undefined,
        20_000,
      );
      assert.ok(groupAlive(commandPid), 'alt_disk_copy runs on');
      const other = await runCtl(['clone', agent.address, 'hdisk4', '--json']);
      assert.equal(other.code, 3, other.stderr);
      assert.match(other.stderr, /operation-running/);
      assert.equal((await jobNow(agent.address, id)).state, 'running');
      const job = await finalJob(agent.address, id);
      assert.equal(groupAlive(commandPid), false, 'the job ended only after alt_disk_copy did');
      assert.equal(job.state, 'succeeded', job.summary);
      assert.match(
        job.summary,
        /exit status is unknown, but the host shows the finished clone: altinst_rootvg on hdisk1, varied off, hdisk1 boots next/,
      );
      assertOnce(await journal(agent.address, id));
      assert.equal(lspv(host.bin).find((pv) => pv.name === 'hdisk1')?.vg, 'altinst_rootvg');
    } finally {
      await agent.stop();
      host.cleanup();
    }
  });
});

describe('the state directory inside rootvg, copied by the clone', () => {
  test("the running job and the lock are left out; a copied running job is recognised as another environment's", async () => {
    const host = await createHost();
    // The agent's state directory where it is on AIX: in rootvg's /var (hd9var), so the clone copies it.
    const varDir = path.join(host.dir, 'disks', 'hdisk0', 'lv', 'hd9var');
    const stateDir = path.join(varDir, 'altdisk');
    fs.mkdirSync(stateDir, { mode: 0o700 });
    aixsim(['tune', host.dir, '--copy-rate-mb', '600']);
    let agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
    const snapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-running-job-'));
    try {
      const id = await startDetached(agent.address, 'hdisk1');
      await waitFor(
        'the copy to start',
        async () => /^Backing-up/.test((await jobNow(agent.address, id)).step) || undefined,
        60_000,
      );
      // What an older agent's clone would have carried: the job directory as it was mid-job.
      fs.cpSync(path.join(stateDir, 'jobs', id), path.join(snapshot, id), { recursive: true });
      const job = await finalJob(agent.address, id);
      assert.equal(job.state, 'succeeded', job.summary);
      const cloneState = path.join(host.dir, 'disks', 'hdisk1', 'lv', 'hd9var', 'altdisk');
      assert.ok(fs.existsSync(path.join(cloneState, 'log', 'altdiskd.log')), 'the state directory was copied');
      assert.equal(fs.existsSync(path.join(cloneState, 'jobs', id, 'job.json')), false, 'but not the running job');
      assert.equal(fs.existsSync(path.join(cloneState, 'jobs', 'ACTIVE')), false, 'nor the lock');
      assert.equal(fs.statSync(cloneState).mode & 0o777, 0o700, 'modes kept, as backup/restore keeps them');

      // Boot the clone; its agent starts on the clone's copy of /var/altdisk.
      assert.equal((await runCtl(['reboot', agent.address, '--yes'])).code, 0);
      await agent.stop();
      agent = await startAgentProcess({ commandsDir: host.bin, stateDir: cloneState });
      const jobs = JSON.parse((await runCtl(['jobs', agent.address, '--json'])).stdout) as {
        jobs: { id: string; state: string }[];
      };
      assert.deepEqual(
        jobs.jobs.filter((j) => j.state === 'running'),
        [],
      );
      assert.equal((await runCtl(['bootlist', agent.address, '--set', 'hdisk1', '--json'])).code, 0, 'no lock held');

      // A running job copied in by an older agent: another environment's, set aside, said so.
      await agent.stop();
      fs.cpSync(path.join(snapshot, id), path.join(cloneState, 'jobs', id), { recursive: true });
      agent = await startAgentProcess({ commandsDir: host.bin, stateDir: cloneState });
      const problems = (
        JSON.parse((await runCtl(['host', agent.address, '--json'])).stdout) as { host: { agentProblems: string[] } }
      ).host.agentProblems;
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(
        problems[0] ?? '',
        new RegExp(
          `^job ${id} was running in another boot environment \\(rootvg on PVID \\w+\\) when this state directory was copied from it; it is not running here`,
        ),
      );
      assert.equal(fs.existsSync(path.join(cloneState, 'jobs', id)), false);
      assert.equal(
        fs.readdirSync(path.join(cloneState, 'jobs')).filter((f) => f.startsWith(`${id}.foreign-`)).length,
        1,
      );
      const after = JSON.parse((await runCtl(['jobs', agent.address, '--json'])).stdout) as { jobs: { id: string }[] };
      assert.ok(!after.jobs.some((j) => j.id === id));
      assert.equal(
        (await runCtl(['bootlist', agent.address, '--set', 'hdisk1', '--json'])).code,
        0,
        'its lock is not held here',
      );
    } finally {
      await agent.stop();
      host.cleanup();
    }
  });
});

describe('the state directory full for a few seconds while a clone prints', () => {
  test('every line of output becomes an event once space is back', async (t) => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-tinyfs-'));
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', stateDir]).status !== 0)
      return t.skip('mounting a tmpfs needs root');
    let host: TestHost | undefined;
    let agent: AgentProcess | undefined;
    try {
      host = await createHost({ files: 300 });
      aixsim(['tune', host.dir, '--files-per-sec', '150']);
      agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
      const id = await startDetached(agent.address, 'hdisk1', ['--verbose']);
      const output = path.join(stateDir, 'jobs', id, 'output.log');
      await waitFor(
        'files being listed',
        () => (fs.existsSync(output) && fs.readFileSync(output, 'utf8').split('\n').length > 40) || undefined,
        60_000,
      );
      // Freeze the command and the agent, fill the disk, let the agent meet it, then free it.
      const { commandPid } = supervisorOf(stateDir, id);
      process.kill(-commandPid, 'SIGSTOP');
      agent.child.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, 500));
      spawnSync('dd', ['if=/dev/zero', `of=${path.join(stateDir, 'filler')}`, 'bs=64k'], { stdio: 'ignore' });
      agent.child.kill('SIGCONT');
      await waitFor(
        'the agent to meet the full disk',
        () =>
          agent?.logs.some(
            (l) =>
              l['message'] === 'job follower step failed; it will be tried again' && /ENOSPC/.test(String(l['error'])),
          ) || undefined,
        20_000,
      );
      await new Promise((r) => setTimeout(r, 1500));
      fs.rmSync(path.join(stateDir, 'filler'));
      process.kill(-commandPid, 'SIGCONT');
      const job = await finalJob(agent.address, id);
      assert.equal(job.state, 'succeeded', job.summary);
      const events = await journal(agent.address, id);
      assertOnce(events);
      const printed = fs
        .readFileSync(output, 'utf8')
        .split('\n')
        .map((l) => l.replace(/\s+$/, ''))
        .filter((l) => l.trim() !== '');
      const journaled = events
        .filter((e) => e.type === 'output' || e.type === 'step' || e.type === 'warning')
        .map((e) => (e.type === 'step' ? e.step : e.text).replace(/\s+$/, ''));
      assert.deepEqual(
        journaled.map((l) => l.trim()),
        printed.map((l) => l.trim()),
        'every printed line is an event, once, in order',
      );
    } finally {
      await agent?.stop();
      spawnSync('umount', ['-l', stateDir]);
      host?.cleanup();
    }
  });
});

describe('cancels: refused ones change nothing; accepted ones are concluded from what the host really shows', () => {
  test('a cancel refused on a full state directory changes nothing: the clone ends succeeded, not removed', async (t) => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-tinyfs-'));
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', stateDir]).status !== 0)
      return t.skip('mounting a tmpfs needs root');
    const host = await createHost();
    aixsim(['tune', host.dir, '--copy-rate-mb', '300']);
    const agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
    try {
      const id = await startDetached(agent.address, 'hdisk1');
      await waitFor(
        'the copy to start',
        async () => /^Backing-up/.test((await jobNow(agent.address, id)).step) || undefined,
        60_000,
      );
      spawnSync('dd', ['if=/dev/zero', `of=${path.join(stateDir, 'filler')}`, 'bs=64k'], { stdio: 'ignore' });
      const cancel = await runCtl(['cancel', agent.address, id, '--no-wait', '--json']);
      assert.equal(cancel.code, 3, cancel.stderr);
      assert.match(cancel.stderr, /storage-full/);
      assert.match(cancel.stderr, /nothing was changed/);
      assert.equal((await jobNow(agent.address, id)).state, 'running', 'nothing was changed, not even in memory');
      fs.rmSync(path.join(stateDir, 'filler'));
      const job = await finalJob(agent.address, id);
      assert.equal(job.state, 'succeeded', `the refused cancel was acted on: ${job.summary}`);
      assert.doesNotMatch(job.summary, /cancel/);
      assert.equal(
        lspv(host.bin).find((pv) => pv.name === 'hdisk1')?.vg,
        'altinst_rootvg',
        'the finished clone is kept',
      );
    } finally {
      await agent.stop();
      spawnSync('umount', ['-l', stateDir]);
      host.cleanup();
    }
  });

  test('a cancel concluded while lspv cannot answer waits for it, and never says nothing was left', async () => {
    const host = await createHost();
    aixsim(['tune', host.dir, '--copy-rate-mb', '100']);
    const agent = await startAgentProcess({ commandsDir: host.bin, extraArgs: ['--command-timeout', '2'] });
    try {
      const id = await startDetached(agent.address, 'hdisk1');
      await waitFor(
        'the copy to start',
        async () => /^Backing-up/.test((await jobNow(agent.address, id)).step) || undefined,
        60_000,
      );
      host.fault({ kind: 'hang', command: 'lspv' });
      assert.equal((await runCtl(['cancel', agent.address, id, '--no-wait'])).code, 0);
      await waitFor(
        'a conclusion that could not look at the host',
        () =>
          agent.logs.some(
            (l) =>
              l['message'] === 'job follower step failed; it will be tried again' && /lspv/.test(String(l['error'])),
          ) || undefined,
        30_000,
      );
      assert.equal((await jobNow(agent.address, id)).state, 'cancelling', 'not concluded without lspv');
      host.clearFaults();
      const job = await finalJob(agent.address, id);
      assert.equal(job.state, 'cancelled');
      assert.match(job.summary, /the half-made altinst_rootvg was removed/);
      assert.equal(lspv(host.bin).find((pv) => pv.name === 'hdisk1')?.vg, 'None');
    } finally {
      host.clearFaults();
      await agent.stop();
      host.cleanup();
    }
  });

  test("the agent killed while its cancel's removal runs: the removal is judged by lspv, once both are done", async () => {
    const host = await createHost();
    aixsim(['tune', host.dir, '--copy-rate-mb', '200']);
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
    let agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
    try {
      const id = await startDetached(agent.address, 'hdisk1');
      await waitFor(
        'the copy to start',
        async () => /^Backing-up/.test((await jobNow(agent.address, id)).step) || undefined,
        60_000,
      );
      host.fault({ kind: 'slow', command: 'alt_rootvg_op', ms: 3000 });
      assert.equal((await runCtl(['cancel', agent.address, id, '--no-wait'])).code, 0);
      await waitFor(
        'the removal to start',
        () =>
          (agent.logs.some((l) => l['message'] === 'command ran' && l['command'] === 'lspv') &&
            readRunning(host.dir, 'alt_rootvg_op')) ||
          undefined,
        30_000,
      );
      agent.child.kill('SIGKILL');
      agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
      const job = await finalJob(agent.address, id);
      assert.equal(job.state, 'cancelled', job.summary);
      assert.match(job.summary, /the half-made altinst_rootvg was removed/);
      assert.equal(job.leftover, '');
      assert.equal(lspv(host.bin).find((pv) => pv.name === 'hdisk1')?.vg, 'None');
    } finally {
      host.clearFaults();
      await agent.stop();
      host.cleanup();
    }
  });
});

describe('a partial clone (-P 12) whose supervisor is killed', () => {
  test('ends succeeded when the host shows altinst_rootvg varied on and the output has no warning', async () => {
    const host = await createHost();
    aixsim(['tune', host.dir, '--copy-rate-mb', '300']);
    const agent = await startAgentProcess({ commandsDir: host.bin });
    try {
      const id = await startDetached(agent.address, 'hdisk1', ['--phases', '12']);
      await waitFor(
        'the copy to start',
        async () => /^Backing-up/.test((await jobNow(agent.address, id)).step) || undefined,
        60_000,
      );
      process.kill(supervisorOf(agent.stateDir, id).pid, 'SIGKILL');
      const job = await finalJob(agent.address, id);
      assert.equal(job.state, 'succeeded', `${job.summary} / ${job.nextStep}`);
      assert.match(
        job.summary,
        /exit status is unknown, but the host shows altinst_rootvg on hdisk1 varied on, as phase\(s\) 12 leave it/,
      );
      assert.equal(job.nextStep, `finish it with: altctl clone ${agent.address} hdisk1 --phases 3`);
      assert.equal(lspv(host.bin).find((pv) => pv.name === 'hdisk1')?.vg, 'altinst_rootvg');
    } finally {
      await agent.stop();
      host.cleanup();
    }
  });
});

describe("the command's process group id taken by another user's process", () => {
  test(
    'is not followed as the job: the job ends, the lock is freed',
    { skip: process.geteuid?.() !== 0 && 'needs root' },
    async (t) => {
      if (!fs.existsSync('/proc/sys/kernel/ns_last_pid')) return t.skip('no ns_last_pid to steer pid reuse');
      const host = await createHost();
      aixsim(['tune', host.dir, '--copy-rate-mb', '400']);
      const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
      let agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
      let squatter: ReturnType<typeof spawn> | undefined;
      try {
        const id = await startDetached(agent.address, 'hdisk1');
        const { pid, commandPid } = await waitFor('the command', () => {
          try {
            const info = supervisorOf(stateDir, id);
            return info.commandPid > 0 ? info : undefined;
          } catch {
            return undefined;
          }
        });
        agent.child.kill('SIGKILL');
        process.kill(pid, 'SIGKILL');
        await waitFor('alt_disk_copy to end', () => !groupAlive(commandPid) || undefined, 60_000);
        // What a user cycling pids would get: her own process, leading a group with that number.
        fs.writeFileSync('/proc/sys/kernel/ns_last_pid', String(commandPid - 1));
        squatter = spawn(
          'setpriv',
          ['--reuid=65534', '--regid=65534', '--clear-groups', 'setsid', '-w', 'sleep', '300'],
          { stdio: 'ignore' },
        );
        await new Promise((r) => setTimeout(r, 300));
        let held = false;
        try {
          process.kill(-commandPid, 0);
          held = true;
        } catch {
          // the pid went elsewhere: nothing to show here
        }
        if (!held) return t.skip('the pid could not be steered to the squatter');
        agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
        const job = await finalJob(agent.address, id, 30_000);
        assert.equal(job.state, 'succeeded', job.summary);
        assert.equal(fs.existsSync(path.join(stateDir, 'jobs', 'ACTIVE')), false);
      } finally {
        squatter?.kill('SIGKILL');
        await agent.stop();
        host.cleanup();
      }
    },
  );
});

/** Whether one of the emulated host's commands is running now (its process, by its path). */
function readRunning(hostDir: string, command: string): boolean {
  const bin = path.join(hostDir, 'bin', command);
  return fs.readdirSync('/proc').some((pid) => {
    try {
      return /^\d+$/.test(pid) && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(bin);
    } catch {
      return false;
    }
  });
}

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createHost } from '../support/aixsim-host';
import { parseEventStream, type EventJson, type JobJson } from '../support/ctl-json';
import { aixsim, waitFor } from '../support/host-commands';
import { runCtl, startAgentProcess, type AgentProcess } from '../support/processes';
import { groupAlive } from '../../agent/jobs/job-follower';

/**
 * The agent, and separately a job's supervisor, killed with -9 at random moments of a
 * clone, some of them inside the agent's conclusion (widened by slow lspv and bootlist
 * on the emulated host). Every run must end with the job's true outcome (half of them
 * fail in phase 3 with bosboot-fail), a journal with one FINISHED event and no phase
 * event twice, and the host lock held for as long as alt_disk_copy runs.
 * CRASH_TRIALS=N (per victim, default 20) and CRASH_SEED=S rerun it wider or the same.
 */
const TRIALS = Number(process.env['CRASH_TRIALS'] ?? 20);
const PARALLEL = 4;
const SEED = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000);

type Victim = 'agent' | 'supervisor';
interface Trial {
  n: number;
  victim: Victim;
  /** bosboot fails in phase 3: the true outcome is failed. */
  fails: boolean;
  /** When to kill: ms after the job started, or ms after alt_disk_copy ended (inside the conclusion). */
  moment: { after: 'start' | 'exit'; ms: number };
}

/** A small deterministic generator, so a failing seed can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

function trials(): Trial[] {
  const next = random(SEED);
  const out: Trial[] = [];
  for (const victim of ['agent', 'supervisor'] as const) {
    for (let i = 0; i < TRIALS; i++) {
      // one in four inside the conclusion, the rest anywhere from the start to the end of the copy and after
      const inConclusion = i % 4 === 3;
      out.push({
        n: out.length,
        victim,
        fails: i % 2 === 1,
        moment: inConclusion
          ? { after: 'exit', ms: Math.floor(next() * 900) }
          : { after: 'start', ms: Math.floor(next() * 5000) },
      });
    }
  }
  return out;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function runTrial(trial: Trial): Promise<string[]> {
  const problems: string[] = [];
  const host = await createHost();
  aixsim(['tune', host.dir, '--copy-rate-mb', '2000']);
  // The conclusion runs lspv and bootlist: slow them so kills can land inside it.
  host.fault({ kind: 'slow', command: 'bootlist', ms: 700 });
  if (trial.fails) host.fault({ kind: 'bosboot-fail' });
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
  let agent: AgentProcess = await startAgentProcess({ commandsDir: host.bin, stateDir });
  const jobsDir = path.join(stateDir, 'jobs');
  let watching = true;
  try {
    const started = await runCtl(['clone', agent.address, 'hdisk1', '--detach', '--json']);
    assert.equal(started.code, 0, started.stderr);
    const id = (JSON.parse(started.stdout) as { job: { id: string } }).job.id;
    const files = {
      supervisor: path.join(jobsDir, id, 'supervisor.json'),
      exit: path.join(jobsDir, id, 'exit.json'),
      record: path.join(jobsDir, id, 'job.json'),
      active: path.join(jobsDir, 'ACTIVE'),
    };
    const supervisor = await waitFor(
      'the supervisor',
      () => readJson<{ pid: number; commandPid: number }>(files.supervisor),
      20_000,
    );

    // The lock must be held for as long as alt_disk_copy's process group lives.
    const lockWatch = (async () => {
      while (watching) {
        if (groupAlive(supervisor.commandPid) && !fs.existsSync(files.active))
          problems.push(`trial ${trial.n}: the host lock was free while alt_disk_copy ran`);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    if (trial.moment.after === 'exit')
      await waitFor('alt_disk_copy to end', () => fs.existsSync(files.exit) || undefined, 60_000);
    await new Promise((r) => setTimeout(r, trial.moment.ms));
    const concluded = readJson<{ state: string }>(files.record)?.state;
    if (trial.victim === 'agent') {
      agent.child.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      agent = await startAgentProcess({ commandsDir: host.bin, stateDir });
    } else {
      try {
        process.kill(supervisor.pid, 'SIGKILL');
      } catch {
        // it had already ended with the command: a kill at that moment changes nothing
      }
    }
    const job = await waitFor(
      'the job to end',
      async () => {
        const shown = await runCtl(['job', agent.address, id, '--json']);
        const j = (JSON.parse(shown.stdout) as { job: JobJson }).job;
        return j.state === 'running' || j.state === 'cancelling' ? undefined : j;
      },
      90_000,
    );
    watching = false;
    await lockWatch;
    const label = `trial ${trial.n} (${trial.victim} killed ${trial.moment.ms} ms after ${trial.moment.after}${concluded ? `, record ${concluded} then` : ''}, ${trial.fails ? 'bosboot fails' : 'clean'})`;
    const expected = trial.fails ? 'failed' : 'succeeded';
    if (job.state !== expected) problems.push(`${label}: ended ${job.state}, not ${expected}: ${job.summary}`);
    if (groupAlive(supervisor.commandPid)) problems.push(`${label}: the job ended while alt_disk_copy still ran`);
    if (fs.existsSync(files.active)) problems.push(`${label}: the host lock is still held`);
    const events: EventJson[] = parseEventStream(
      await runCtl(['watch', agent.address, id, '--json'], { timeoutMs: 60_000 }),
    ).events;
    const finished = events.filter((e) => e.type === 'finished').length;
    if (finished !== 1) problems.push(`${label}: ${finished} finished events`);
    const phases = events
      .filter((e) => e.type === 'phase_started' || e.type === 'phase_finished')
      .map((e) => `${e.type} ${e.phase}`);
    if (new Set(phases).size !== phases.length) problems.push(`${label}: a phase event twice: ${phases.join(', ')}`);
    if (!events.every((e, i) => e.sequence === i + 1)) problems.push(`${label}: sequence numbers not dense`);
    const saved = readJson<{ state: string }>(files.record)?.state;
    if (saved !== expected) problems.push(`${label}: job.json says ${saved}`);
  } finally {
    watching = false;
    await agent.stop();
    host.cleanup();
  }
  return problems;
}

test(
  `the agent, and separately the supervisor, killed at ${TRIALS} random moments of a clone each`,
  { timeout: 900_000 },
  async () => {
    const all = trials();
    const problems: string[] = [];
    let nextTrial = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (nextTrial < all.length) {
          const trial = all[nextTrial++] as Trial;
          problems.push(...(await runTrial(trial)));
        }
      }),
    );
    assert.deepEqual(problems, [], `seed ${SEED} (CRASH_SEED=${SEED} reruns these moments)`);
  },
);

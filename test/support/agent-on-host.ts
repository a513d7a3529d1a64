import { after, before } from 'node:test';
import type { InitOptions } from '../../aixsim/init';
import { createHost, type TestHost } from './aixsim-host';
import { runCtl, startAgentProcess, type AgentProcess } from './processes';

/** The agent's jobs that have not ended (running or cancelling); throws if it cannot list them. */
export async function unfinishedJobs(address: string): Promise<{ id: string; state: string }[]> {
  const listed = await runCtl(['jobs', address, '--json']);
  if (listed.code !== 0) throw new Error(`altctl jobs failed (${listed.code}): ${listed.stderr}`);
  const { jobs } = JSON.parse(listed.stdout) as { jobs: { id: string; state: string }[] };
  return jobs.filter((j) => j.state === 'running' || j.state === 'cancelling');
}

/** A test must not leave a clone copying on a host it is about to delete. */
export async function cancelRunningJobs(address: string): Promise<void> {
  let jobs: { id: string }[];
  try {
    jobs = await unfinishedJobs(address);
  } catch {
    return; // the agent is gone: nothing to cancel through it
  }
  for (const job of jobs) await runCtl(['cancel', address, job.id, '--json']);
}

export interface AgentOnHost {
  readonly host: TestHost;
  readonly agent: AgentProcess;
}

/**
 * For a describe block: a fresh emulated host and a real agent process on it, made
 * before the block's tests and removed after them. Read the fields inside tests.
 */
export function agentOnFreshHost(options: Omit<InitOptions, 'force'> = {}): AgentOnHost {
  const ctx = {} as { host: TestHost; agent: AgentProcess };
  before(async () => {
    ctx.host = await createHost(options);
    ctx.agent = await startAgentProcess({ commandsDir: ctx.host.bin });
  });
  after(async () => {
    if (ctx.agent) await cancelRunningJobs(ctx.agent.address);
    await ctx.agent?.stop();
    ctx.host?.cleanup();
  });
  return ctx;
}

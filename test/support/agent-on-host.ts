import { after, before } from 'node:test';
import type { InitOptions } from '../../aixsim/init';
import { createHost, type TestHost } from './aixsim-host';
import { runCtl, startAgentProcess, type AgentProcess } from './processes';

/** A test must not leave a clone copying on a host it is about to delete. */
export async function cancelRunningJobs(address: string): Promise<void> {
  const listed = await runCtl(['jobs', address, '--json']);
  if (listed.code !== 0) return;
  const { jobs } = JSON.parse(listed.stdout) as { jobs: { id: string; state: string }[] };
  for (const job of jobs.filter((j) => j.state === 'running' || j.state === 'cancelling')) {
    await runCtl(['cancel', address, job.id, '--json']);
  }
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

import { after, before } from 'node:test';
import type { InitOptions } from '../../aixsim/init';
import { createHost, type TestHost } from './aixsim-host';
import { startAgentProcess, type AgentProcess } from './processes';

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
    await ctx.agent?.stop();
    ctx.host?.cleanup();
  });
  return ctx;
}

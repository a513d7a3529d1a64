import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type * as grpc from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { call, connect } from '../../ctl/client';
import { parseEndpoint } from '../../shared/endpoint';
import { createHost, type TestHost } from '../support/aixsim-host';
import { startAgentProcess, type AgentProcess } from '../support/processes';

describe('each hook add is atomic', () => {
  let host: TestHost;
  let agent: AgentProcess;
  before(async () => {
    host = await createHost();
    agent = await startAgentProcess({ commandsDir: host.bin, });
  });
  after(async () => {
    await agent?.stop();
    host?.cleanup();
  });

  test('two concurrent adds of one name with different scripts: exactly one wins, the other is ALREADY_EXISTS', async () => {
    const clients = connect(parseEndpoint(agent.address));
    try {
      for (let round = 0; round < 5; round++) {
        const name = `race-${round}`;
        const contents = ['a', 'b'].map((v) => Buffer.from(`#!/bin/sh\necho ${v}${round}\n`));
        const outcomes = await Promise.allSettled(contents.map((content) => call(clients.firstboot, 'addHook', { name, content }, 20)));
        const won = outcomes.map((o) => o.status === 'fulfilled');
        assert.deepEqual([...won].sort(), [false, true], `round ${round}: ${outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok')).join(' / ')}`);
        const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
        assert.equal((lost?.reason as grpc.ServiceError).code, status.ALREADY_EXISTS);
        const stored = fs.readFileSync(path.join(agent.stateDir, 'hooks', name, 'script'));
        assert.deepEqual(stored, contents[won.indexOf(true)], 'the script stored is the winner\'s');
        const sum = (JSON.parse(fs.readFileSync(path.join(agent.stateDir, 'hooks', name, 'hook.json'), 'utf8')) as { sha256: string }).sha256;
        assert.equal(sum, createHash('sha256').update(stored).digest('hex'));
        await call(clients.firstboot, 'removeHook', { name }, 20);
      }
    } finally {
      clients.close();
    }
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type * as grpc from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { call, connect } from '../../ctl/client';
import { parseEndpoint } from '../../shared/endpoint';
import { createHost, type TestHost } from '../support/aixsim-host';
import { runCtl, startAgentProcess, type AgentProcess } from '../support/processes';

describe('the hook registry is bounded and each add is atomic', () => {
  let host: TestHost;
  let agent: AgentProcess;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-hooks-'));
  const script = (name: string, body: string): string => {
    const file = path.join(scratch, `${name}.sh`);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`);
    return file;
  };
  const listed = async (): Promise<{ name: string; sizeBytes: number }[]> =>
    (
      JSON.parse((await runCtl(['firstboot', 'list', agent.address, '--json'])).stdout) as {
        hooks: { name: string; sizeBytes: number }[];
      }
    ).hooks;

  before(async () => {
    host = await createHost();
    agent = await startAgentProcess({
      commandsDir: host.bin,
      extraArgs: ['--max-hooks', '3', '--max-hooks-bytes', '400'],
    });
  });
  after(async () => {
    await agent?.stop();
    host?.cleanup();
  });

  test('past maxHooks or maxHooksBytes an add is refused (RESOURCE_EXHAUSTED, exit 3) naming the limit; nothing is stored', async () => {
    for (const name of ['one', 'two', 'three'])
      assert.equal((await runCtl(['firstboot', 'add', agent.address, name, script(name, 'echo ok')])).code, 0);
    const fourth = await runCtl(['firstboot', 'add', agent.address, 'four', script('four', 'echo ok'), '--json']);
    assert.equal(fourth.code, 3, fourth.stderr);
    const { error } = JSON.parse(fourth.stderr) as { error: { code: string; limit: string; message: string } };
    assert.deepEqual([error.code, error.limit], ['RESOURCE_EXHAUSTED', 'maxHooks']);
    assert.match(error.message, /^3 hooks are registered, the most this agent allows \(maxHooks 3\); remove one first/);
    // a replacement does not add one, so it fits the count, but not past the bytes
    assert.equal(
      (await runCtl(['firstboot', 'add', agent.address, 'three', script('three-b', 'echo changed'), '--replace'])).code,
      0,
    );
    const big = await runCtl([
      'firstboot',
      'add',
      agent.address,
      'three',
      script('big', `# ${'x'.repeat(400)}`),
      '--replace',
      '--json',
    ]);
    assert.equal(big.code, 3, big.stderr);
    assert.equal((JSON.parse(big.stderr) as { error: { limit: string } }).error.limit, 'maxHooksBytes');
    const now = await listed();
    assert.deepEqual(
      now.map((h) => h.name),
      ['one', 'three', 'two'],
    );
    assert.equal(
      now.find((h) => h.name === 'three')?.sizeBytes,
      fs.statSync(path.join(scratch, 'three-b.sh')).size,
      'the refused replacement left the hook as it was',
    );
    for (const name of ['one', 'two', 'three'])
      assert.equal((await runCtl(['firstboot', 'rm', agent.address, name])).code, 0);
  });

  test('two concurrent adds of one name with different scripts: exactly one wins, the other is ALREADY_EXISTS', async () => {
    const clients = connect(parseEndpoint(agent.address));
    try {
      for (let round = 0; round < 5; round++) {
        const name = `race-${round}`;
        const contents = ['a', 'b'].map((v) => Buffer.from(`#!/bin/sh\necho ${v}${round}\n`));
        const outcomes = await Promise.allSettled(
          contents.map((content) => call(clients.firstboot, 'addHook', { name, content }, 20)),
        );
        const won = outcomes.map((o) => o.status === 'fulfilled');
        assert.deepEqual(
          [...won].sort(),
          [false, true],
          `round ${round}: ${outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok')).join(' / ')}`,
        );
        const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
        assert.equal((lost?.reason as grpc.ServiceError).code, status.ALREADY_EXISTS);
        const stored = fs.readFileSync(path.join(agent.stateDir, 'hooks', name, 'script'));
        assert.deepEqual(stored, contents[won.indexOf(true)], "the script stored is the winner's");
        const sum = (
          JSON.parse(fs.readFileSync(path.join(agent.stateDir, 'hooks', name, 'hook.json'), 'utf8')) as {
            sha256: string;
          }
        ).sha256;
        assert.equal(sum, createHash('sha256').update(stored).digest('hex'));
        await call(clients.firstboot, 'removeHook', { name }, 20);
      }
    } finally {
      clients.close();
    }
  });
});

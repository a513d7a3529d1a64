import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { call, connect } from '../../ctl/client';
import { fromServiceError } from '../../ctl/errors';
import { parseEndpoint } from '../../shared/endpoint';
import { createHost, type TestHost } from '../support/aixsim-host';
import { parseEventStream } from '../support/ctl-json';
import { runCtl, startAgentProcess, type AgentProcess } from '../support/processes';

/** Waits (up to 5 s) for a line in the agent's log; summary lines come a second after what they sum up. */
async function waitForLog(agent: AgentProcess, match: (line: Record<string, unknown>) => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!agent.logs.some(match)) {
    if (Date.now() > deadline)
      assert.fail(`no such line in the agent's log:\n${agent.logs.map((l) => JSON.stringify(l)).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface AuditLine {
  identity: string;
  role: string;
  rpc: string;
  outcome: string;
  args: Record<string, unknown>;
  peer: string;
}

describe('mutual TLS with roles, and the audit log', () => {
  const pki = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-pki-'));
  const otherPki = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-pki-other-'));
  let host: TestHost;
  let agent: AgentProcess;
  const as = (client: string, dir = pki): string[] => [
    '--tls-ca',
    path.join(pki, 'ca.pem'),
    '--tls-cert',
    path.join(dir, `client-${client}.pem`),
    '--tls-key',
    path.join(dir, `client-${client}.key`),
  ];
  const audit = (): AuditLine[] =>
    fs
      .readFileSync(path.join(agent.stateDir, 'log', 'audit.log'), 'utf8')
      .trim()
      .split('\n')
      .filter((l) => l)
      .map((l) => JSON.parse(l) as AuditLine);

  before(async () => {
    for (const [dir, args] of [
      [pki, ['--agent', 'localhost', '--client', 'alice,bob,mallory']],
      [otherPki, ['--client', 'eve']],
    ] as const) {
      const made = await runCtl(['certs', 'init', dir, '--force', ...args]);
      assert.equal(made.code, 0, made.stderr);
    }
    const config = path.join(pki, 'altdiskd.json');
    fs.writeFileSync(config, JSON.stringify({ identities: { 'CN=alice': 'operator', 'CN=bob': 'viewer' } }));
    host = await createHost();
    agent = await startAgentProcess({
      commandsDir: host.bin,
      listen: '127.0.0.1:0',
      extraArgs: [
        '--config',
        config,
        '--tls-cert',
        path.join(pki, 'agent-localhost.pem'),
        '--tls-key',
        path.join(pki, 'agent-localhost.key'),
        '--tls-client-ca',
        path.join(pki, 'ca.pem'),
      ],
    });
  });
  after(async () => {
    await agent?.stop();
    host?.cleanup();
  });

  test('a viewer can read but not clone; the refusal is audited', async () => {
    const read = await runCtl(['disks', agent.address, '--json', ...as('bob')]);
    assert.equal(read.code, 0, read.stderr);
    const clone = await runCtl(['clone', agent.address, 'hdisk1', '--json', ...as('bob')]);
    assert.equal(clone.code, 5, clone.stderr);
    const { error } = JSON.parse(clone.stderr.trim().split('\n').at(-1)!) as { error: Record<string, string> };
    assert.equal(error['code'], 'PERMISSION_DENIED');
    assert.match(
      error['message'] ?? '',
      /^CN=bob has role viewer, which does not allow operate \(CloneService\.StartClone\)/,
    );
    // and as fields, for scripts
    assert.deepEqual(
      [error['identity'], error['role'], error['permission'], error['rpc']],
      ['CN=bob', 'viewer', 'operate', 'CloneService.StartClone'],
    );
    const line = audit().find((l) => l.rpc === 'CloneService.StartClone' && l.identity === 'CN=bob');
    assert.ok(line, 'the refused clone is in the audit log');
    assert.equal(line.outcome, 'PERMISSION_DENIED');
    assert.equal(line.role, 'viewer');
    assert.match(line.peer, /127\.0\.0\.1/);
  });

  test('an operator can clone, but not reboot: reboot needs a role that names it', async () => {
    const clone = await runCtl(['clone', agent.address, 'hdisk1', '--json', ...as('alice')], { timeoutMs: 120_000 });
    assert.equal(clone.code, 0, clone.stderr);
    assert.equal(parseEventStream(clone).job.state, 'succeeded');
    const reboot = await runCtl(['reboot', agent.address, '--yes', '--json', ...as('alice')]);
    assert.equal(reboot.code, 5, reboot.stderr);
    const lines = audit();
    assert.ok(
      lines.some(
        (l) =>
          l.rpc === 'CloneService.StartClone' &&
          l.identity === 'CN=alice' &&
          l.outcome === 'OK' &&
          (l.args['spec'] as { targetDisks: string[] }).targetDisks[0] === 'hdisk1',
      ),
    );
    assert.ok(
      lines.some(
        (l) => l.rpc === 'BootService.Reboot' && l.identity === 'CN=alice' && l.outcome === 'PERMISSION_DENIED',
      ),
    );
  });

  test('a known CA but an unmapped name is PERMISSION_DENIED; another CA, or no certificate, is refused at the TLS handshake', async () => {
    const unmapped = await runCtl(['bootlist', agent.address, '--set', 'hdisk0', '--json', ...as('mallory')]);
    assert.equal(unmapped.code, 5);
    assert.match(unmapped.stderr, /PERMISSION_DENIED/);
    assert.match(unmapped.stderr, /CN=mallory.*has no role on this agent/);
    const stranger = await runCtl(['bootlist', agent.address, '--set', 'hdisk0', '--json', ...as('eve', otherPki)]);
    assert.equal(stranger.code, 5, stranger.stderr);
    const { error } = JSON.parse(stranger.stderr.trim().split('\n').at(-1)!) as { error: Record<string, string> };
    assert.equal(error['code'], 'CLIENT_CERTIFICATE_REFUSED');
    assert.match(
      error['message'] ?? '',
      /refused the TLS handshake because of your client certificate \(it closed the connection as soon as the TLS handshake ended\); check that the agent's --tls-client-ca signed your --tls-cert/,
    );
    // No client certificate at all: the handshake itself fails, with TLS's own alert.
    const anonymous = connect(
      parseEndpoint(agent.address),
      grpc.credentials.createSsl(fs.readFileSync(path.join(pki, 'ca.pem'))),
    );
    try {
      await assert.rejects(
        call(anonymous.boot, 'setBootList', { mode: 'BOOT_MODE_NORMAL', disks: ['hdisk0'] }, 10),
        (err: grpc.ServiceError) => {
          assert.equal(err.code, grpc.status.UNAVAILABLE);
          assert.match(err.details, /alert certificate required/);
          const shown = fromServiceError(err, agent.address, 10, true);
          assert.deepEqual([shown.exitCode, shown.code], [5, 'CLIENT_CERTIFICATE_REFUSED']);
          return true;
        },
      );
    } finally {
      anonymous.close();
    }
    // Neither reached the guard, so neither is in the audit log; the agent's log sums them up.
    const lines = audit().filter((l) => l.rpc === 'BootService.SetBootList');
    assert.deepEqual(
      lines.map((l) => l.outcome),
      ['PERMISSION_DENIED'],
    );
    await waitForLog(
      agent,
      (l) =>
        l['message'] === 'closed connections that did not finish the handshake' &&
        (l['reasons'] as Record<string, number>)['UNABLE_TO_VERIFY_LEAF_SIGNATURE']! > 0,
    );
    // and a valid certificate still gets through
    const valid = await runCtl(['disks', agent.address, '--json', ...as('bob')]);
    assert.equal(valid.code, 0, valid.stderr);
  });

  test('the audit log never holds hook contents', async () => {
    const hook = path.join(pki, 'secret-hook.sh');
    fs.writeFileSync(hook, '#!/bin/sh\necho TOKEN=s3cr3t-value\n');
    const added = await runCtl(['firstboot', 'add', agent.address, 'with-secret', hook, ...as('alice')]);
    assert.equal(added.code, 0, added.stderr);
    const text = fs.readFileSync(path.join(agent.stateDir, 'log', 'audit.log'), 'utf8');
    assert.doesNotMatch(text, /s3cr3t/);
    const line = audit().find((l) => l.rpc === 'FirstBootService.AddHook')!;
    assert.match(String(line.args['content']), /^<\d+ bytes>$/);
    assert.equal(line.args['name'], 'with-secret');
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHost, type TestHost } from '../support/aixsim-host';
import { openFlood, type Flood } from '../support/flood';
import { runCtl, startAgentProcess, type AgentProcess } from '../support/processes';

/** The agent's descriptor limit: far below the flood, well above what it needs to serve. */
const NOFILE = 128;
const FLOOD = { silent: 900, tlsWithoutCertificate: 100 };
const HANDSHAKE_TIMEOUT_S = 8;
/**
 * What "answered at once" means for a whole altctl process (Node's start-up included) on a
 * loaded test machine; without the caps the call fails outright, and a stall would take 20 s.
 */
const ANSWER_WITHIN_MS = 10_000;

async function waitFor(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The agent's log file, once it has stopped (summary lines still pending are written at shutdown). */
function logFile(agent: AgentProcess): Record<string, unknown>[] {
  const text = fs.readFileSync(path.join(agent.stateDir, 'log', 'altdiskd.log'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Every log line with this message, its tallies summed (a flood may span several lines). */
function summed(lines: Record<string, unknown>[], message: string, dimension: string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const line of lines.filter((l) => l['message'] === message)) {
    for (const [value, n] of Object.entries((line[dimension] ?? {}) as Record<string, number>))
      sums[value] = (sums[value] ?? 0) + n;
  }
  return sums;
}

describe('a flood of connections from a peer without a certificate', () => {
  const pki = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-pki-'));
  let host: TestHost;
  let agent: AgentProcess;
  const floods: Flood[] = [];
  const alice = (): string[] => [
    '--tls-ca',
    path.join(pki, 'ca.pem'),
    '--tls-cert',
    path.join(pki, 'client-alice.pem'),
    '--tls-key',
    path.join(pki, 'client-alice.key'),
  ];
  const disks = async (): Promise<{ code: number | null; stderr: string; ms: number }> => {
    const started = Date.now();
    const result = await runCtl(['disks', agent.address, '--json', '--timeout', '20', ...alice()], {
      timeoutMs: 30_000,
    });
    return { ...result, ms: Date.now() - started };
  };

  before(async () => {
    const made = await runCtl(['certs', 'init', pki, '--force', '--agent', 'localhost', '--client', 'alice']);
    assert.equal(made.code, 0, made.stderr);
    const config = path.join(pki, 'altdiskd.json');
    fs.writeFileSync(config, JSON.stringify({ identities: { 'CN=alice': 'viewer' } }));
    host = await createHost();
    agent = await startAgentProcess({
      commandsDir: host.bin,
      listen: '127.0.0.1:0',
      wrapper: ['prlimit', `--nofile=${NOFILE}:${NOFILE}`, '--'],
      extraArgs: [
        '--config',
        config,
        '--handshake-timeout',
        String(HANDSHAKE_TIMEOUT_S),
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
    for (const flood of floods) flood.stop();
    await agent?.stop();
    host?.cleanup();
  });

  test(`with ${NOFILE} descriptors, a valid client is answered during and right after ${FLOOD.silent + FLOOD.tlsWithoutCertificate} hostile connections`, async (t) => {
    const port = Number(agent.address.split(':').at(-1));
    // 127.0.0.2 opens TCP and says nothing; 127.0.0.3 starts TLS without a certificate
    const silent = openFlood({ host: '127.0.0.1', port, from: '127.0.0.2', kind: 'silent', count: FLOOD.silent });
    const anonymous = openFlood({
      host: '127.0.0.1',
      port,
      from: '127.0.0.3',
      kind: 'tls-without-certificate',
      count: FLOOD.tlsWithoutCertificate,
    });
    floods.push(silent, anonymous);
    await Promise.all([silent.settled, anonymous.settled]);

    const during = await disks();
    const held = silent.open();
    assert.equal(during.code, 0, `during the flood: ${during.stderr}`);
    assert.ok(during.ms < ANSWER_WITHIN_MS, `during the flood, answered in ${during.ms} ms`);
    // the flood still held connections while the valid client was answered: those within the per-peer cap
    assert.ok(held > 0 && held <= 32, `${held} connections held`);

    // The flood keeps its sockets; the agent closes them itself at the handshake deadline.
    await waitFor(
      'the agent to close the silent connections',
      () => silent.open() === 0,
      (HANDSHAKE_TIMEOUT_S + 5) * 1000,
    );
    assert.equal(silent.closedByAgent(), FLOOD.silent);
    assert.equal(anonymous.closedByAgent(), FLOOD.tlsWithoutCertificate, 'no connection without a certificate is kept');
    const afterwards = await disks();
    assert.equal(afterwards.code, 0, `right after the flood: ${afterwards.stderr}`);
    assert.ok(afterwards.ms < ANSWER_WITHIN_MS, `right after the flood, answered in ${afterwards.ms} ms`);
    t.diagnostic(
      `altctl disks answered in ${during.ms} ms during the flood (${held} connections held) and ${afterwards.ms} ms right after`,
    );

    assert.equal(agent.child.exitCode, null, 'the agent is still running');

    // Said in the log, in a few summary lines rather than a line per connection.
    assert.equal(await agent.stop(), 0);
    const lines = logFile(agent);
    const refusedFrom = summed(lines, 'refused connections over the connection caps', 'peers');
    assert.ok((refusedFrom['127.0.0.2'] ?? 0) >= FLOOD.silent - 32, JSON.stringify(refusedFrom));
    assert.ok(
      (summed(lines, 'refused connections over the connection caps', 'caps')['maxConnectionsPerPeer'] ?? 0) >=
        FLOOD.silent - 32,
    );
    const reasons = summed(lines, 'closed connections that did not finish the handshake', 'reasons');
    assert.ok((reasons['ERR_TLS_HANDSHAKE_TIMEOUT'] ?? 0) > 0, JSON.stringify(reasons));
    assert.ok((reasons['ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE'] ?? 0) > 0, JSON.stringify(reasons));
    const summaries = lines.filter((l) => /^(refused|closed) connections/.test(String(l['message'])));
    assert.ok(
      summaries.length <= 6,
      `${summaries.length} summary lines for ${FLOOD.silent + FLOOD.tlsWithoutCertificate} connections`,
    );
  });
});

describe('plaintext on loopback, with small caps', () => {
  let host: TestHost;
  let agent: AgentProcess;
  before(async () => {
    host = await createHost();
    agent = await startAgentProcess({
      commandsDir: host.bin,
      extraArgs: ['--handshake-timeout', '1', '--max-connections', '4', '--max-connections-per-peer', '2'],
    });
  });
  after(async () => {
    await agent?.stop();
    host?.cleanup();
  });

  test('a connection that sends nothing is closed at the handshake deadline; one that speaks is served', async () => {
    const port = Number(agent.address.split(':').at(-1));
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('error', () => undefined);
    const opened = await new Promise<number>((resolve) => socket.once('connect', () => resolve(Date.now())));
    const closedAfter = await new Promise<number>((resolve) => {
      const timer = setTimeout(() => resolve(Number.POSITIVE_INFINITY), 6000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(Date.now() - opened);
      });
    });
    socket.destroy();
    assert.ok(closedAfter >= 900 && closedAfter < 4000, `closed after ${closedAfter} ms (deadline 1 s)`);
    const served = await runCtl(['disks', agent.address, '--json']);
    assert.equal(served.code, 0, served.stderr);
  });

  test('a connection that sends one byte, or part of the HTTP/2 preface, is closed at the deadline too', async () => {
    const port = Number(agent.address.split(':').at(-1));
    const partial = ['P', 'PRI * HTTP/2.0\r\n'].map((bytes) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(bytes));
      socket.on('error', () => undefined);
      return socket;
    });
    try {
      // the per-peer cap is 2: both held would lock this address out until they close
      await waitFor(
        'both to be closed by the agent',
        () => partial.every((s) => s.destroyed || s.readyState === 'closed'),
        5000,
      );
      const served = await runCtl(['disks', agent.address, '--json']);
      assert.equal(served.code, 0, served.stderr);
    } finally {
      for (const s of partial) s.destroy();
    }
  });

  test('beyond the per-peer cap, or the total cap, a connection is closed at once; the log says which cap', async () => {
    const port = Number(agent.address.split(':').at(-1));
    const floods: Flood[] = [];
    const open = async (from: string, count: number): Promise<Flood> => {
      const flood = openFlood({ host: '127.0.0.1', port, from, kind: 'silent', count });
      floods.push(flood);
      await flood.settled;
      return flood;
    };
    try {
      const first = await open('127.0.0.2', 2);
      const overPeerCap = await open('127.0.0.2', 1);
      const second = await open('127.0.0.3', 2);
      const overTotal = await open('127.0.0.4', 1);
      await waitFor('the refusals', () => overPeerCap.open() === 0 && overTotal.open() === 0, 5000);
      // the refused ones went at once; those within the caps were held until the deadline
      assert.equal(first.closedByAgent() + second.closedByAgent(), 0, 'the connections within the caps are still open');
      await waitFor('the deadline to close the rest', () => first.open() + second.open() === 0, 5000);
    } finally {
      for (const flood of floods) flood.stop();
    }
    const served = await runCtl(['disks', agent.address, '--json']);
    assert.equal(served.code, 0, served.stderr);
    assert.equal(await agent.stop(), 0);
    const lines = logFile(agent);
    assert.deepEqual(summed(lines, 'refused connections over the connection caps', 'caps'), {
      maxConnectionsPerPeer: 1,
      maxConnections: 1,
    });
    assert.deepEqual(summed(lines, 'refused connections over the connection caps', 'peers'), {
      '127.0.0.2': 1,
      '127.0.0.4': 1,
    });
    assert.ok(
      (summed(lines, 'closed connections that did not finish the handshake', 'reasons')[
        'NOTHING_SENT_BEFORE_DEADLINE'
      ] ?? 0) >= 5,
    );
  });
});

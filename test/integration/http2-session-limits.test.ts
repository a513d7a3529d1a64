import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { call, connect } from '../../ctl/client';
import { silentLogger } from '../../agent/logger';
import { compilePolicy } from '../../agent/security/access-policy';
import { AuditLog } from '../../agent/security/audit-log';
import {
  DEFAULT_SESSION_LIMITS,
  startServer,
  type RunningServer,
  type ServiceHandlers,
  type SessionLimits,
} from '../../agent/server/grpc-server';
import { parseEndpoint } from '../../shared/endpoint';

/** A TCP relay between a client and the agent that can go silent, as a peer that vanished without closing would. */
interface Relay {
  readonly port: number;
  /** Stops forwarding both ways (what arrives is dropped); nothing is closed. */
  freeze(): void;
  /** Resolves with the time the agent's side of the connection closed. */
  readonly agentClosed: Promise<number>;
  close(): void;
}

async function startRelay(agentPort: number): Promise<Relay> {
  let freeze = (): void => undefined;
  let closeAll = (): void => undefined;
  let agentClosed: (at: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => (agentClosed = resolve));
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: agentPort });
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    client.pipe(upstream);
    upstream.pipe(client);
    upstream.once('close', () => agentClosed(Date.now()));
    freeze = () => {
      client.unpipe(upstream);
      upstream.unpipe(client);
      // keep reading (unpipe paused both), so that the agent closing its side is seen
      client.on('data', () => undefined).resume();
      upstream.on('data', () => undefined).resume();
    };
    closeAll = () => {
      client.destroy();
      upstream.destroy();
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    freeze: () => freeze(),
    agentClosed: closed,
    close() {
      closeAll();
      server.close();
    },
  };
}

/** The agent's gRPC server with no services behind the guard: every call is answered UNIMPLEMENTED, which is all these tests need. */
async function startBareServer(session: SessionLimits): Promise<RunningServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-session-'));
  const none = {} as ServiceHandlers[keyof ServiceHandlers];
  const handlers = { host: none, disk: none, boot: none, clone: none, firstBoot: none } as ServiceHandlers;
  const guard = {
    policy: compilePolicy({}),
    verifier: undefined,
    anonymous: { identity: 'loopback', role: 'viewer' },
    audit: new AuditLog(path.join(dir, 'audit.log')),
    logger: silentLogger,
  };
  const connections = { tls: undefined, maxConnections: 16, maxConnectionsPerPeer: 16, handshakeTimeoutMs: 5000 };
  const listen = {
    address: parseEndpoint('127.0.0.1:0', { allowPortZero: true }),
    localSocket: path.join(dir, 'altdiskd.sock'),
  };
  return startServer(listen, connections, handlers, guard, silentLogger, session);
}

/** One call through the relay, so that the connection is up and has been used. */
async function callOnce(relay: Relay): Promise<() => void> {
  const clients = connect(parseEndpoint(`127.0.0.1:${relay.port}`));
  await assert.rejects(
    call(clients.disk, 'listDisks', {}, 5),
    (err: grpc.ServiceError) => err.code === grpc.status.UNIMPLEMENTED,
  );
  return () => clients.close();
}

function within(promise: Promise<number>, ms: number): Promise<number | undefined> {
  return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);
}

test('a peer that stops answering is found by keepalive pings and its connection closed', async () => {
  const server = await startBareServer({ ...DEFAULT_SESSION_LIMITS, keepaliveMs: 300, keepaliveTimeoutMs: 300 });
  const relay = await startRelay(server.port);
  const closeClient = await callOnce(relay);
  try {
    const frozenAt = Date.now();
    relay.freeze();
    const closedAt = await within(relay.agentClosed, 5000);
    assert.ok(closedAt !== undefined, 'the agent closed the connection of a peer that no longer answers');
    assert.ok(closedAt - frozenAt < 3000, `closed ${closedAt - frozenAt} ms after the peer went silent`);
  } finally {
    closeClient();
    relay.close();
    await server.shutdown(100);
  }
});

test('a connection with no call in flight is closed after the idle time', async () => {
  const server = await startBareServer({ ...DEFAULT_SESSION_LIMITS, idleMs: 300 });
  const relay = await startRelay(server.port);
  const closeClient = await callOnce(relay);
  try {
    const idleFrom = Date.now();
    const closedAt = await within(relay.agentClosed, 5000);
    assert.ok(closedAt !== undefined, 'the agent closed the idle connection');
    assert.ok(closedAt - idleFrom < 3000, `closed after ${closedAt - idleFrom} ms idle`);
  } finally {
    closeClient();
    relay.close();
    await server.shutdown(100);
  }
});

test('the defaults: keepalive every minute (20 s to answer), idle connections closed after two minutes', () => {
  assert.deepEqual(DEFAULT_SESSION_LIMITS, { keepaliveMs: 60_000, keepaliveTimeoutMs: 20_000, idleMs: 120_000 });
});

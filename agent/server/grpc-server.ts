import * as grpc from '@grpc/grpc-js';
import type * as net from 'node:net';
import type { Endpoint } from '../../shared/endpoint';
import type { TlsFiles } from '../config';
import type { Logger } from '../logger';
import { guardInterceptor, guardRules, type GuardDeps, type GuardRules } from '../security/guard';
import { tolerantDefinition } from '../security/undecodable';
import { loadContract } from '../../shared/proto/contract';
import type { BootServiceHandlers } from '../../shared/generated/altdisk/v1/BootService';
import type { DiskServiceHandlers } from '../../shared/generated/altdisk/v1/DiskService';
import type { HostServiceHandlers } from '../../shared/generated/altdisk/v1/HostService';
import type { CloneServiceHandlers } from '../../shared/generated/altdisk/v1/CloneService';
import type { FirstBootServiceHandlers } from '../../shared/generated/altdisk/v1/FirstBootService';
import type { ConnectionCapSettings } from './connection-caps';
import { ConnectionLog } from './connection-log';
import { PrefaceHandshake } from './preface-handshake';
import type { Handshake } from './handshake';
import { startListener, type Listener } from './listener';
import { readTlsMaterial, watchTlsFiles } from './tls-files';
import { TlsHandshake } from './tls-handshake';
import { MAX_REQUEST_BYTES } from '../../shared/limits';
import { toGrpcHandlers, type ServiceImplementation } from './service-handlers';

/** Each service's handlers as it writes them (service-handlers.ts); the server adapts them to grpc-js once. */
export interface ServiceHandlers {
  host: ServiceImplementation<HostServiceHandlers>;
  disk: ServiceImplementation<DiskServiceHandlers>;
  boot: ServiceImplementation<BootServiceHandlers>;
  clone: ServiceImplementation<CloneServiceHandlers>;
  firstBoot: ServiceImplementation<FirstBootServiceHandlers>;
}

export interface RunningServer {
  /** host:port actually bound (the port is real even when 0 was asked for). */
  readonly address: string;
  readonly port: number;
  /** The local socket's path. */
  readonly localSocket: string;
  /** Stops accepting calls, waits up to graceMs for calls in flight, then cuts the rest. */
  shutdown(graceMs: number): Promise<void>;
}

const MAX_CALLS_PER_CONNECTION = 32;
const MAX_SESSION_MEMORY_MB = 16;

/** Who may connect, and how long they have to prove themselves; from the agent's settings. */
export interface ConnectionSettings extends ConnectionCapSettings {
  /** Mutual TLS; undefined serves plaintext (loopback only, enforced by config.ts). */
  tls: TlsFiles | undefined;
  /** A connection must finish its TLS handshake and send the HTTP/2 preface within this. */
  handshakeTimeoutMs: number;
}

/** HTTP/2 timers and limits of every served connection (README, "Faults, limits and hostile input"). */
export interface SessionLimits {
  /** Ping the client after this long without a ping, to find peers that vanished without closing... */
  keepaliveMs: number;
  /** ...and close the connection when the ping is not answered within this. */
  keepaliveTimeoutMs: number;
  /** Close a connection that has had no call in flight for this long. */
  idleMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  keepaliveMs: 60_000,
  keepaliveTimeoutMs: 20_000,
  idleMs: 120_000,
};

/** Where the agent listens: its address (TLS, or plaintext on loopback), and its local socket. */
export interface ListenOn {
  address: Endpoint;
  /** STATE_DIR/altdiskd.sock: reachable by the agent's own user only (its directory is 0700). */
  localSocket: string;
}

export async function startServer(
  listen: ListenOn,
  connections: ConnectionSettings,
  handlers: ServiceHandlers,
  guard: GuardDeps,
  logger: Logger,
  session: SessionLimits = DEFAULT_SESSION_LIMITS,
): Promise<RunningServer> {
  // The address and the local socket are two gRPC servers over the same handlers, each
  // with its own guard: who a caller without a certificate is depends on where it came.
  const services = grpcServices(handlers, logger);
  const rules = guardRules(services);
  const remote = grpcServer(services, rules, guard, session);
  const localGuard = { ...guard, verifier: undefined, anonymous: { identity: 'local', role: guard.policy.localRole } };
  const local = grpcServer(services, rules, localGuard, session);
  // The agent accepts and handshakes connections itself (caps, deadlines, TLS) and hands
  // gRPC only those that got through; TLS is done by then, so gRPC's side is "insecure".
  // The TLS socket is what gRPC serves, so the guard still sees the verified certificate.
  const insecure = grpc.ServerCredentials.createInsecure();
  const remoteInjector = remote.createConnectionInjector(insecure);
  const localInjector = local.createConnectionInjector(insecure);
  const log = new ConnectionLog(logger, connections, connections.handshakeTimeoutMs);
  const { handshake, stopWatching } = handshakeFor(connections, log, logger);
  const listeners: Listener[] = [];
  try {
    listeners.push(
      await startListener({
        listen: listen.address,
        caps: connections,
        handshake,
        log,
        serve: (socket) => remoteInjector.injectConnection(socket),
      }),
    );
    // Caps of its own: a flood over TCP must not lock root out of its local socket.
    listeners.push(
      await startListener({
        listen: { socket: listen.localSocket },
        caps: connections,
        handshake: new PrefaceHandshake(connections.handshakeTimeoutMs, log),
        log,
        serve: (socket) => localInjector.injectConnection(socket),
      }),
    );
  } catch (err) {
    stopWatching();
    await Promise.all(listeners.map((l) => l.destroy()));
    throw err;
  }
  const { port } = listeners[0]!.bound as net.AddressInfo;
  const address = listen.address.host.includes(':')
    ? `[${listen.address.host}]:${port}`
    : `${listen.address.host}:${port}`;
  return {
    address,
    port,
    localSocket: listen.localSocket,
    async shutdown(graceMs) {
      for (const listener of listeners) listener.stopAccepting();
      stopWatching();
      await Promise.all([remote, local].map((server) => shutdownWithin(server, graceMs)));
      await Promise.all(listeners.map((l) => l.destroy()));
      log.close();
    },
  };
}

interface GrpcService {
  /** Its definition, tolerant of requests that do not decode (undecodable.ts). */
  definition: grpc.ServiceDefinition;
  handlers: grpc.UntypedServiceImplementation;
}

/** Every service's definition and grpc-js handlers, each table adapted once from what the service wrote. */
function grpcServices(handlers: ServiceHandlers, logger: Logger): GrpcService[] {
  const { grpc: api } = loadContract();
  const service = (definition: grpc.ServiceDefinition, implementation: object): GrpcService => {
    const tolerant = tolerantDefinition(definition);
    return { definition: tolerant, handlers: toGrpcHandlers(tolerant, implementation, logger) };
  };
  return [
    service(api.altdisk.v1.HostService.service, handlers.host),
    service(api.altdisk.v1.DiskService.service, handlers.disk),
    service(api.altdisk.v1.BootService.service, handlers.boot),
    service(api.altdisk.v1.CloneService.service, handlers.clone),
    service(api.altdisk.v1.FirstBootService.service, handlers.firstBoot),
  ];
}

/** A gRPC server with every service behind the guard's interceptor (identity, role, audit). */
function grpcServer(
  services: readonly GrpcService[],
  rules: GuardRules,
  guard: GuardDeps,
  session: SessionLimits,
): grpc.Server {
  const server = new grpc.Server({
    // larger requests are refused before parsing (RESOURCE_EXHAUSTED)
    'grpc.max_receive_message_length': MAX_REQUEST_BYTES,
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.keepalive_time_ms': session.keepaliveMs,
    'grpc.keepalive_timeout_ms': session.keepaliveTimeoutMs,
    'grpc.max_connection_idle_ms': session.idleMs,
    // One connection cannot have more calls in flight than this, nor make the agent hold
    // more than this many MB for it (answers its client does not read, in particular):
    // beyond either, its new calls are refused at the HTTP/2 level until it reads.
    'grpc.max_concurrent_streams': MAX_CALLS_PER_CONNECTION,
    'grpc-node.max_session_memory': MAX_SESSION_MEMORY_MB,
    interceptors: [guardInterceptor(rules, guard)],
  });
  for (const { definition, handlers } of services) server.addService(definition, handlers);
  return server;
}

/** Stops accepting calls, waits up to graceMs for calls in flight, then cuts the rest. */
function shutdownWithin(server: grpc.Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** TLS with a client certificate, or plaintext's HTTP/2 preface; with TLS, the files are watched for renewals. */
function handshakeFor(
  connections: ConnectionSettings,
  log: ConnectionLog,
  logger: Logger,
): { handshake: Handshake; stopWatching: () => void } {
  if (!connections.tls)
    return { handshake: new PrefaceHandshake(connections.handshakeTimeoutMs, log), stopWatching: () => undefined };
  const material = readTlsMaterial(connections.tls);
  const tls = new TlsHandshake(material, connections.handshakeTimeoutMs, log);
  return {
    handshake: tls,
    stopWatching: watchTlsFiles(connections.tls, material, (renewed) => tls.use(renewed), logger),
  };
}

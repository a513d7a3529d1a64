import * as fs from 'node:fs';
import * as net from 'node:net';
import type { Endpoint } from '../../shared/endpoint';
import { ConnectionCaps, peerAddress, type ConnectionCapSettings } from './connection-caps';
import type { ConnectionLog } from './connection-log';
import type { Handshake } from './handshake';

export interface ListenerOptions {
  /** A TCP address, or a Unix socket's path (made 0600; a stale one from a crash is replaced). */
  listen: Endpoint | { socket: string };
  caps: ConnectionCapSettings;
  handshake: Handshake;
  log: ConnectionLog;
  /** Receives each connection that finished its handshake; gRPC serves it from there. */
  serve(socket: net.Socket): void;
}

export interface Listener {
  /** The address and port actually bound (a real port when 0 was asked for), or the socket's path. */
  readonly bound: net.AddressInfo | string;
  /** Stops accepting and closes connections still in their handshake; served ones stay. */
  stopAccepting(): void;
  /** Closes every connection still open; resolves once the listening socket is closed. */
  destroy(): Promise<void>;
}

/**
 * The agent's own accepting socket, in front of gRPC: each connection is counted against
 * the caps (refused at once beyond them), must finish its handshake within the deadline,
 * and only then reaches gRPC. What is refused or cut is summed up in the log.
 */
export async function startListener(options: ListenerOptions): Promise<Listener> {
  const { caps: settings, handshake, log, serve } = options;
  // a Unix socket's path, or undefined for a TCP address
  const socketPath = 'port' in options.listen ? undefined : options.listen.socket;
  const onSocket = socketPath !== undefined;
  const caps = new ConnectionCaps(settings);
  const open = new Set<net.Socket>();
  const unserved = new Set<net.Socket>();
  const server = net.createServer((connection) => {
    // resets and timeouts end in 'close', where they are counted; an unheard 'error' would crash
    connection.on('error', () => undefined);
    const remote = connection.remoteAddress;
    if (remote === undefined && !onSocket) {
      connection.destroy(); // gone before we looked
      return;
    }
    // a Unix socket's callers have no address: they count together, as one local peer
    const peer = remote === undefined ? 'local' : peerAddress(remote);
    const admission = caps.admit(peer);
    if (!admission.ok) {
      log.refusedOverCap(peer, admission.cap);
      connection.destroy();
      return;
    }
    open.add(connection);
    unserved.add(connection);
    connection.once('close', () => {
      open.delete(connection);
      caps.release(peer);
      if (unserved.delete(connection)) log.closedBeforeHandshake(peer);
    });
    handshake.begin(connection, (socket) => {
      unserved.delete(connection);
      serve(socket);
    });
  });
  const listen = options.listen;
  if (socketPath !== undefined) removeStaleSocket(socketPath);
  await new Promise<void>((resolve, reject) => {
    const failed = (err: Error): void => reject(err);
    server.once('error', failed);
    const done = (): void => {
      server.removeListener('error', failed);
      resolve();
    };
    if (socketPath !== undefined) server.listen(socketPath, done);
    else if ('port' in listen) server.listen({ host: listen.host, port: listen.port }, done);
  });
  if (socketPath !== undefined) fs.chmodSync(socketPath, 0o600);
  // Accepting can fail (EMFILE when descriptors run out): libuv drops the pending
  // connection and carries on; the agent logs it and keeps serving the open ones.
  server.on('error', (err: NodeJS.ErrnoException) => log.acceptFailed(err.code ?? err.message));
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  return {
    bound: server.address() as net.AddressInfo | string,
    stopAccepting() {
      if (server.listening) server.close();
      for (const connection of unserved) connection.destroy();
    },
    async destroy() {
      if (server.listening) server.close();
      for (const connection of open) connection.destroy();
      await closed;
    },
  };
}

/**
 * A socket left by an agent that was killed is in the way of listening again: it is
 * removed. Anything else at that name is not the agent's to remove: the start fails.
 */
function removeStaleSocket(socket: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(socket);
  } catch {
    return;
  }
  if (!stat.isSocket())
    throw new Error(`${socket} exists and is not a socket; remove it, it is where the agent listens for local callers`);
  fs.rmSync(socket);
}

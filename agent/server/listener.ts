import * as net from 'node:net';
import type { Endpoint } from '../../shared/endpoint';
import { ConnectionCaps, peerAddress, type ConnectionCapSettings } from './connection-caps';
import type { ConnectionLog } from './connection-log';
import type { Handshake } from './handshake';

export interface ListenerOptions {
  listen: Endpoint;
  caps: ConnectionCapSettings;
  handshake: Handshake;
  log: ConnectionLog;
  /** Receives each connection that finished its handshake; gRPC serves it from there. */
  serve(socket: net.Socket): void;
}

export interface Listener {
  /** The address and port actually bound (a real port when 0 was asked for). */
  readonly bound: net.AddressInfo;
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
  const caps = new ConnectionCaps(settings);
  const open = new Set<net.Socket>();
  const unserved = new Set<net.Socket>();
  const server = net.createServer((connection) => {
    // resets and timeouts end in 'close', where they are counted; an unheard 'error' would crash
    connection.on('error', () => undefined);
    const remote = connection.remoteAddress;
    if (remote === undefined) {
      connection.destroy(); // gone before we looked
      return;
    }
    const peer = peerAddress(remote);
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
  await new Promise<void>((resolve, reject) => {
    const failed = (err: Error): void => reject(err);
    server.once('error', failed);
    server.listen({ host: options.listen.host, port: options.listen.port }, () => {
      server.removeListener('error', failed);
      resolve();
    });
  });
  // Accepting can fail (EMFILE when descriptors run out): libuv drops the pending
  // connection and carries on; the agent logs it and keeps serving the open ones.
  server.on('error', (err: NodeJS.ErrnoException) => log.acceptFailed(err.code ?? err.message));
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  return {
    bound: server.address() as net.AddressInfo,
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

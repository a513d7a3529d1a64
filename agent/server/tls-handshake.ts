import type * as net from 'node:net';
import * as tls from 'node:tls';
import type { ConnectionLog } from './connection-log';
import type { Handshake } from './handshake';
import { awaitPreface } from './preface-handshake';
import type { TlsMaterial } from './tls-files';

/**
 * Mutual TLS, finished before gRPC sees the connection: a client without a certificate
 * fails the handshake (TLS alert "certificate required"), and one whose certificate the
 * client CA did not sign, or that has expired, is closed as soon as the handshake ends,
 * before any HTTP/2 byte. A handshake not done within the deadline is cut.
 *
 * A tls.Server that never listens does the TLS: the listener hands it each accepted
 * connection, as grpc-js's own secure server would have been handed it.
 */
export class TlsHandshake implements Handshake {
  private readonly server: tls.Server;
  /** Connections in their handshake, by peer address and port (unique while open), with their deadline. */
  private readonly pending = new Map<string, { ready: (socket: net.Socket) => void; deadline: number }>();

  constructor(
    material: TlsMaterial,
    private readonly timeoutMs: number,
    private readonly log: ConnectionLog,
  ) {
    this.server = tls.createServer({
      ...material,
      requestCert: true,
      rejectUnauthorized: true,
      handshakeTimeout: timeoutMs,
      ALPNProtocols: ['h2'],
      minVersion: 'TLSv1.2',
      // the same cipher list grpc-js's own TLS server would use (Node's default unless set)
      ciphers: process.env['GRPC_SSL_CIPHER_SUITES'],
    });
    this.server.on('secureConnection', (socket: tls.TLSSocket) => {
      const key = connectionKey(socket);
      const pending = this.pending.get(key);
      this.pending.delete(key);
      if (!pending) {
        socket.destroy();
        return;
      }
      // TLS done; then HTTP/2's preface, within the same deadline, as in plaintext.
      awaitPreface(socket, pending.deadline, this.log, () => pending.ready(socket));
    });
    // Node leaves a failed handshake's socket open (a timed-out one included): close it here.
    this.server.on('tlsClientError', (err: Error & { code?: string }, socket: tls.TLSSocket) => {
      // a certificate that failed verification shows as a reset; its verification error says why
      const verification: unknown = socket.authorizationError; // a code such as CERT_HAS_EXPIRED, though typed Error
      this.log.handshakeFailed(verification ? String(verification) : (err.code ?? err.message));
      socket.destroy();
    });
  }

  begin(connection: net.Socket, ready: (socket: net.Socket) => void): void {
    const key = connectionKey(connection);
    const pending = { ready, deadline: Date.now() + this.timeoutMs };
    this.pending.set(key, pending);
    connection.once('close', () => {
      if (this.pending.get(key) === pending) this.pending.delete(key);
    });
    this.server.emit('connection', connection);
  }

  /** New connections use the renewed certificate, key and client CA; open ones keep theirs. */
  use(material: TlsMaterial): void {
    this.server.setSecureContext({
      ...material,
      minVersion: 'TLSv1.2',
      ciphers: process.env['GRPC_SSL_CIPHER_SUITES'],
    });
  }
}

function connectionKey(socket: net.Socket): string {
  return `${socket.remoteAddress ?? ''}|${socket.remotePort ?? ''}`;
}

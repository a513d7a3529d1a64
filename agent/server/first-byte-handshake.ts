import type * as net from 'node:net';
import type { ConnectionLog } from './connection-log';
import type { Handshake } from './handshake';

/**
 * Plaintext (loopback only): a client speaks first (the HTTP/2 preface), so a connection
 * that sends nothing within the deadline is closed instead of holding a descriptor.
 */
export class FirstByteHandshake implements Handshake {
  constructor(private readonly timeoutMs: number, private readonly log: ConnectionLog) {}

  begin(connection: net.Socket, ready: (socket: net.Socket) => void): void {
    const onClose = (): void => {
      clearTimeout(timer);
      this.log.handshakeFailed('CLOSED_BEFORE_SENDING');
    };
    const timer = setTimeout(() => {
      connection.removeListener('close', onClose);
      this.log.handshakeFailed('NOTHING_SENT_BEFORE_DEADLINE');
      connection.destroy();
    }, this.timeoutMs);
    connection.once('close', onClose);
    connection.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      connection.removeListener('close', onClose);
      // Give the first bytes back: HTTP/2 reads what is buffered before reading on.
      connection.pause();
      connection.unshift(chunk);
      ready(connection);
    });
  }
}

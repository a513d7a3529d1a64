import type * as net from 'node:net';
import type { ConnectionLog } from './connection-log';
import type { Handshake } from './handshake';

/** What every HTTP/2 client sends first (RFC 9113, 3.4). */
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/**
 * Waits, until `deadline` (epoch ms), for a connection to send the whole HTTP/2 client
 * preface; then gives the bytes back and calls ready(). A connection that sends less,
 * or something else, is closed: one byte must not buy a connection for good, since
 * HTTP/2 itself never times out a session whose preface never came.
 */
export function awaitPreface(socket: net.Socket, deadline: number, log: ConnectionLog, ready: () => void): void {
  let received = Buffer.alloc(0);
  const finish = (): void => {
    clearTimeout(timer);
    socket.removeListener('data', onData);
    socket.removeListener('close', onClose);
  };
  const onClose = (): void => {
    finish();
    log.handshakeFailed(received.length === 0 ? 'CLOSED_BEFORE_SENDING' : 'CLOSED_BEFORE_HTTP2_PREFACE');
  };
  const onData = (chunk: Buffer): void => {
    received = Buffer.concat([received, chunk]);
    const seen = Math.min(received.length, PREFACE.length);
    if (!received.subarray(0, seen).equals(PREFACE.subarray(0, seen))) {
      finish();
      log.handshakeFailed('NOT_HTTP2');
      socket.destroy();
      return;
    }
    if (received.length < PREFACE.length) return;
    finish();
    // Give the bytes back: HTTP/2 reads what is buffered before reading on.
    socket.pause();
    socket.unshift(received);
    ready();
  };
  const timer = setTimeout(
    () => {
      finish();
      log.handshakeFailed(received.length === 0 ? 'NOTHING_SENT_BEFORE_DEADLINE' : 'NO_HTTP2_PREFACE_BEFORE_DEADLINE');
      socket.destroy();
    },
    Math.max(0, deadline - Date.now()),
  );
  socket.on('data', onData);
  socket.once('close', onClose);
}

/**
 * Plaintext (loopback only): a client speaks first, so a connection that has not sent the
 * HTTP/2 preface within the deadline is closed instead of holding a descriptor.
 */
export class PrefaceHandshake implements Handshake {
  constructor(
    private readonly timeoutMs: number,
    private readonly log: ConnectionLog,
  ) {}

  begin(connection: net.Socket, ready: (socket: net.Socket) => void): void {
    awaitPreface(connection, Date.now() + this.timeoutMs, this.log, () => ready(connection));
  }
}

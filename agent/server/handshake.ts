import type * as net from 'node:net';

/**
 * How a new connection proves itself before gRPC sees it: a TLS handshake with a valid
 * client certificate (then the HTTP/2 preface), or in plaintext on loopback the HTTP/2
 * preface alone; within a deadline.
 */
export interface Handshake {
  /**
   * Starts on a connection the listener accepted. Calls ready(socket) with the socket gRPC
   * should serve (the TLS socket, or the connection itself) once it has proved itself; on
   * failure closes the connection and never calls ready.
   */
  begin(connection: net.Socket, ready: (socket: net.Socket) => void): void;
}

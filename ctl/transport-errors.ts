import { status, type ServiceError } from '@grpc/grpc-js';

/**
 * What a call that never reached an agent says about why, in words a user can act on.
 * grpc-js words these for its own developers ("No connection established. Last error:
 * Error: connect ECONNREFUSED ... Resolution note:", "Deadline exceeded after 3.001s,name
 * resolution: 0.022s,...,Waiting for LB pick", "Received HTTP status code 404"): the cause
 * is read from that text, and none of it is shown as it is.
 */
export type TransportFailure =
  /** Nothing listens at that address (ECONNREFUSED), or no socket at that path. */
  | { kind: 'not-listening'; socket: boolean; missing: boolean }
  /** The name does not resolve (DNS). */
  | { kind: 'name-unknown' }
  /** Something answers there that is not a gRPC server (HTTP/1, SSH, a web server's 404). */
  | { kind: 'not-an-agent'; evidence: string }
  /** No connection could be set up in time (packets dropped, or a peer that never speaks HTTP/2). */
  | { kind: 'no-connection' }
  /** The network says the host cannot be reached. */
  | { kind: 'no-route'; code: string }
  /** The local socket is there but not for this user. */
  | { kind: 'socket-denied' }
  /** Anything else: grpc-js's words, cleaned of its internals. */
  | { kind: 'other'; text: string };

export function classifyTransportFailure(err: ServiceError): TransportFailure | undefined {
  const text = err.details ?? '';
  switch (err.code) {
    case status.UNAVAILABLE: {
      if (/Name resolution failed|ENOTFOUND|EAI_AGAIN/.test(text)) return { kind: 'name-unknown' };
      const code = /\b(ECONNREFUSED|ENOENT|EACCES|EPERM|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET)\b/.exec(
        text,
      )?.[1];
      const socket = /connect \w+ \//.test(text);
      if (code === 'ECONNREFUSED') return { kind: 'not-listening', socket, missing: false };
      if (code === 'ENOENT') return { kind: 'not-listening', socket: true, missing: true };
      if (code === 'EACCES' || code === 'EPERM') return { kind: 'socket-denied' };
      if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return { kind: 'no-route', code };
      if (/Protocol error|wrong version number|packet length too long|unknown protocol|HPE_|Parse Error/i.test(text)) {
        return { kind: 'not-an-agent', evidence: 'it does not speak HTTP/2' };
      }
      return { kind: 'other', text: cleanDetails(text) };
    }
    case status.DEADLINE_EXCEEDED:
      // "Waiting for LB pick" / "Waiting for ...": the call never had a connection to go out on
      return /remote_addr=/.test(text) || !/Waiting for/i.test(text) ? undefined : { kind: 'no-connection' };
    case status.UNIMPLEMENTED: {
      // a real gRPC server without the method answers with a grpc-status; an HTTP status means a web server
      const http = /Received HTTP status code (\d+)/.exec(text)?.[1];
      return http ? { kind: 'not-an-agent', evidence: `it answered HTTP ${http}` } : undefined;
    }
    default: {
      const http = /Received HTTP status code (\d+)/.exec(text)?.[1];
      return http ? { kind: 'not-an-agent', evidence: `it answered HTTP ${http}` } : undefined;
    }
  }
}

/** grpc-js's text without its connection internals: "connect ECONNRESET 10.0.0.5:7400". */
export function cleanDetails(text: string): string {
  return text
    .replace(/No connection established\. Last error: /, '')
    .replace(/\.? ?Resolution note: .*$/s, '')
    .replace(/\(\d{4}-\d\d-\d\dT[\d:.]+Z\)/g, '')
    .replace(/^Error: /, '')
    .replace(/,(name resolution|metadata filters|time to current attempt start|LB pick|remote_addr)[^,]*/g, '')
    .trim();
}

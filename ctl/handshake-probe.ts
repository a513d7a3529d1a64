import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Endpoint } from '../shared/endpoint';
import type { TlsSettings } from './settings';

/**
 * What one more TLS connection with the same files shows: `refused` (the agent ended it
 * right after the handshake, or with a certificate alert, before saying a word of HTTP/2),
 * `accepted` (it spoke HTTP/2: the certificate is fine), `unknown` (anything else).
 */
export type HandshakeVerdict = 'refused' | 'accepted' | 'unknown';

const PROBE_TIMEOUT_MS = 3000;

/**
 * Alerts a TLS server sends about the client's certificate, as OpenSSL words them in the
 * client's error ("tlsv13 alert certificate required", "tlsv1 alert unknown ca").
 */
const CERTIFICATE_ALERT =
  /alert (certificate required|unknown ca|bad certificate|certificate unknown|certificate expired|certificate revoked|unsupported certificate|access denied)/i;

/** The alert in a TLS error's text that says the server refused the client's certificate, if any. */
export function certificateAlert(text: string): string | undefined {
  return CERTIFICATE_ALERT.exec(text)?.[0];
}

/**
 * grpc-js reports an agent that closed the connection after the TLS handshake only as
 * "Failed to connect": with TLS 1.3 the client's side of the handshake is over before
 * the agent has checked the client certificate, and Node closes without an alert when the
 * check fails. This connects once more with the same files and watches what the agent does.
 */
export function probeClientCertificate(
  endpoint: Endpoint,
  files: TlsSettings,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<HandshakeVerdict> {
  return new Promise((resolve) => {
    let handshook = false;
    let settled = false;
    const socket = tls.connect({
      host: endpoint.host,
      port: endpoint.port,
      servername: net.isIP(endpoint.host) ? undefined : endpoint.host,
      ca: files.ca.pem,
      cert: files.cert.pem,
      key: files.key.pem,
      ALPNProtocols: ['h2'],
    });
    const settle = (verdict: HandshakeVerdict): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(verdict);
    };
    const timer = setTimeout(() => settle('unknown'), timeoutMs);
    // the agent's certificate must check out first, or nothing can be said about ours
    socket.once('secureConnect', () => (socket.authorized ? (handshook = true) : settle('unknown')));
    // an HTTP/2 server speaks first (its SETTINGS): it took the certificate
    socket.once('data', () => settle('accepted'));
    socket.once('error', (err) => settle(handshook || certificateAlert(err.message) ? 'refused' : 'unknown'));
    socket.once('close', () => settle(handshook ? 'refused' : 'unknown'));
  });
}

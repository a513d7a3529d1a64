import * as grpc from '@grpc/grpc-js';
import type { TlsFiles } from '../config';

/**
 * Plaintext (loopback only, enforced by config.ts) or TLS. With TLS the agent asks
 * every client for a certificate but does not fail the handshake without one: the
 * guard (security/guard.ts) checks it against the client CA and answers
 * UNAUTHENTICATED, which says far more than a dropped connection. The files are
 * watched, so renewed certificates are used without a restart.
 */
export function serverCredentials(tls: TlsFiles | undefined): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  const provider = new grpc.experimental.FileWatcherCertificateProvider({
    certificateFile: tls.certFile,
    privateKeyFile: tls.keyFile,
    caCertificateFile: tls.clientCaFile,
    refreshIntervalMs: 60_000,
  });
  return grpc.experimental.createCertificateProviderServerCredentials(provider, provider, false);
}

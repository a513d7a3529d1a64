import * as fs from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { TlsFiles } from '../config';

/**
 * Plaintext (loopback only, enforced by config.ts) or mutual TLS: the agent shows
 * its certificate and accepts only clients whose certificate the client CA signed.
 */
export function serverCredentials(tls: TlsFiles | undefined): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  return grpc.ServerCredentials.createSsl(
    fs.readFileSync(tls.clientCaFile),
    [{ private_key: fs.readFileSync(tls.keyFile), cert_chain: fs.readFileSync(tls.certFile) }],
    true,
  );
}

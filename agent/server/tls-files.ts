import * as fs from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { TlsFiles } from '../config';
import type { Logger } from '../logger';

/** The PEM contents the TLS layer is built from. */
export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  /** The client CA(s): only certificates they signed get through the handshake. */
  ca: Buffer;
}

/** How often the files are read again, so that renewed certificates are used without a restart. */
const REFRESH_MS = 60_000;

export class TlsFilesError extends Error {
  constructor(
    readonly file: string,
    cause: Error,
  ) {
    super(`cannot read the TLS file ${file}: ${cause.message}`, { cause });
    this.name = 'TlsFilesError';
  }
}

/** Reads the three files now: the agent does not start without them. */
export function readTlsMaterial(files: TlsFiles): TlsMaterial {
  const read = (file: string): Buffer => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw new TlsFilesError(file, err as Error);
    }
  };
  return { cert: read(files.certFile), key: read(files.keyFile), ca: read(files.clientCaFile) };
}

/**
 * Reads the files again every minute (grpc-js's FileWatcherCertificateProvider) and calls
 * use() when they changed. A file that cannot be read, or a certificate that does not match
 * its key (half-way through a renewal), keeps the previous material in use and is logged;
 * the next read tries again. Returns the function that stops watching.
 */
export function watchTlsFiles(
  files: TlsFiles,
  inUse: TlsMaterial,
  use: (material: TlsMaterial) => void,
  logger: Logger,
  refreshMs = REFRESH_MS,
): () => void {
  const provider = new grpc.experimental.FileWatcherCertificateProvider({
    certificateFile: files.certFile,
    privateKeyFile: files.keyFile,
    caCertificateFile: files.clientCaFile,
    refreshIntervalMs: refreshMs,
  });
  let current = inUse;
  let next = { ...inUse };
  let scheduled = false;
  // The provider reports the identity and the CA one after the other: take both, then decide once.
  const maybeUse = (): void => {
    if (scheduled) return;
    scheduled = true;
    process.nextTick(useIfChanged);
  };
  const useIfChanged = (): void => {
    scheduled = false;
    if (next.cert.equals(current.cert) && next.key.equals(current.key) && next.ca.equals(current.ca)) return;
    try {
      use(next);
      current = next;
      next = { ...next };
      logger.info('using renewed TLS files', {
        cert: files.certFile,
        key: files.keyFile,
        clientCa: files.clientCaFile,
      });
    } catch (err) {
      logger.error('the renewed TLS files cannot be used; keeping the previous ones', {
        cert: files.certFile,
        key: files.keyFile,
        clientCa: files.clientCaFile,
        error: (err as Error).message,
      });
    }
  };
  const onIdentity: grpc.experimental.IdentityCertificateUpdateListener = (update) => {
    if (!update)
      return logger.error('cannot read the TLS certificate or key; keeping the ones in use', {
        cert: files.certFile,
        key: files.keyFile,
      });
    next.cert = update.certificate;
    next.key = update.privateKey;
    maybeUse();
  };
  const onCa: grpc.experimental.CaCertificateUpdateListener = (update) => {
    if (!update)
      return logger.error('cannot read the client CA file; keeping the one in use', { clientCa: files.clientCaFile });
    next.ca = update.caCertificate;
    maybeUse();
  };
  provider.addIdentityCertificateListener(onIdentity);
  provider.addCaCertificateListener(onCa);
  return () => {
    provider.removeIdentityCertificateListener(onIdentity);
    provider.removeCaCertificateListener(onCa);
  };
}

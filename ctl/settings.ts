import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { UsageError } from './errors';
import { readConfigFile, type FileSettings } from './config-file';
import { defaultHostFrom, type DefaultHost } from './host';

/**
 * altctl's own settings (default host, TLS files), from flags, the environment and
 * `$XDG_CONFIG_HOME/altdisk/altctl.json`: flags win over the environment, which wins
 * over the file. Loaded and checked here only, with the environment injectable for tests.
 */

/** The TLS flags every command takes; undefined when not given. */
export interface TlsFlags {
  tlsCa?: string | undefined;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
}

export const TLS_ENV = { tlsCa: 'ALTCTL_TLS_CA', tlsCert: 'ALTCTL_TLS_CERT', tlsKey: 'ALTCTL_TLS_KEY' } as const;
const TLS_FLAG = { tlsCa: '--tls-ca', tlsCert: '--tls-cert', tlsKey: '--tls-key' } as const;
const TLS_WHAT = {
  tlsCa: "the CA that signed the agent's certificate",
  tlsCert: 'your client certificate',
  tlsKey: "your client certificate's key",
} as const;
type TlsKey = keyof typeof TLS_ENV;
const TLS_KEYS: readonly TlsKey[] = ['tlsCa', 'tlsCert', 'tlsKey'];

/** One TLS file, read, with where its name came from (for messages). */
export interface TlsFile {
  readonly file: string;
  readonly source: string;
  readonly pem: Buffer;
}

export interface TlsSettings {
  readonly ca: TlsFile;
  readonly cert: TlsFile;
  readonly key: TlsFile;
}

export interface CtlSettings {
  /** HOST when none is given on the command line. */
  readonly defaultHost: DefaultHost | undefined;
  /** Mutual TLS; undefined connects in plaintext. */
  readonly tls: TlsSettings | undefined;
}

/** Reads and checks everything; every refusal is a UsageError naming the setting or file. */
export function loadSettings(flags: TlsFlags = {}, env: NodeJS.ProcessEnv = process.env): CtlSettings {
  const { file, settings: fromFile } = readConfigFile(env);
  return { defaultHost: defaultHostFrom(env, fromFile, file), tls: pickTls(flags, env, fromFile, file) };
}

function pickTls(
  flags: TlsFlags,
  env: NodeJS.ProcessEnv,
  fromFile: FileSettings,
  file: string,
): TlsSettings | undefined {
  const chosen: Partial<Record<TlsKey, { file: string; source: string }>> = {};
  for (const key of TLS_KEYS) {
    const flag = flags[key];
    const envValue = env[TLS_ENV[key]];
    const fileValue = fromFile[key];
    if (flag) chosen[key] = { file: path.resolve(flag), source: TLS_FLAG[key] };
    else if (envValue) chosen[key] = { file: path.resolve(envValue), source: TLS_ENV[key] };
    // relative names in the file are relative to the file, so it works from any directory
    else if (fileValue)
      chosen[key] = { file: path.resolve(path.dirname(file), fileValue), source: `"${key}" in ${file}` };
  }
  const given = TLS_KEYS.filter((key) => chosen[key]);
  if (given.length === 0) return undefined;
  const missing = TLS_KEYS.filter((key) => !chosen[key]);
  if (missing.length > 0) {
    const have = given.map((key) => `${TLS_FLAG[key]} (from ${chosen[key]!.source})`).join(', ');
    const lack = missing
      .map((key) => `${TLS_FLAG[key]} (${TLS_WHAT[key]}; or ${TLS_ENV[key]}, or "${key}" in ${file})`)
      .join(', ');
    throw new UsageError(
      `mutual TLS needs all three of --tls-ca, --tls-cert and --tls-key, or none: ${have} given, but not ${lack}`,
      { field: TLS_FLAG[missing[0]!] },
    );
  }
  const read = (key: TlsKey): TlsFile => {
    const { file: name, source } = chosen[key]!;
    try {
      return { file: name, source, pem: fs.readFileSync(name) };
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (err as Error).message;
      throw new UsageError(`cannot read ${TLS_WHAT[key]} ${name} (from ${source}): ${reason}`, {
        field: TLS_FLAG[key],
      });
    }
  };
  return { ca: read('tlsCa'), cert: read('tlsCert'), key: read('tlsKey') };
}

/** Channel credentials for the settings: mutual TLS, or plaintext as before. */
export function channelCredentials(tls: TlsSettings | undefined): grpc.ChannelCredentials {
  if (!tls) return grpc.credentials.createInsecure();
  try {
    return grpc.credentials.createSsl(tls.ca.pem, tls.key.pem, tls.cert.pem);
  } catch (err) {
    // a PEM that is not one, or a key that does not belong to the certificate
    throw new UsageError(
      `cannot use the TLS files ${tls.ca.file}, ${tls.cert.file} and ${tls.key.file}: ${(err as Error).message}; check that they are PEM files and that the key belongs to the certificate`,
      { field: '--tls-cert' },
    );
  }
}

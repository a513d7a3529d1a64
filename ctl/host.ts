import type { Argv } from 'yargs';
import { EndpointError, parseEndpoint, type Endpoint } from '../shared/endpoint';
import { defaultLocalSocket } from '../shared/local-socket';
import { readConfigFile, type FileSettings } from './config-file';
import { UsageError } from './errors';

/**
 * What HOST is, in one place: the agent a command talks to. It is the optional first word
 * of every agent command (`altctl clone host1 hdisk3`), or else the default host, from
 * ALTCTL_HOST or "host" in altctl's config file. It is NAME[:PORT], an address, unix:PATH
 * (an agent's local socket, no TLS), or `local` (this host's agent's socket).
 */

/** Environment variable naming the agent when HOST is not given. */
export const HOST_ENV = 'ALTCTL_HOST';

/** HOST `local`: the agent of this host, through its local socket in the default state directory. */
export const LOCAL_HOST = 'local';

/** HOST in a command's --help. */
export const HOST_DESCRIPTION = `The agent: NAME, NAME:PORT, an IPv4 address or [IPv6]:PORT (default port 7400; default host from ${HOST_ENV})`;

/** HOST in altctl --help's epilogue (its line breaks are the epilogue's). */
export const HOST_HELP = `HOST is name[:port], unix:/path/to/altdiskd.sock (an agent's local socket, no TLS), or
local (this host's agent's socket); it may come from ${HOST_ENV}`;

export interface DefaultHost {
  readonly host: string;
  /** ALTCTL_HOST or the config file's path, to name in messages. */
  readonly source: string;
}

/** Only the default host: for commands that must decide whether HOST was left out. */
export function defaultHost(env: NodeJS.ProcessEnv = process.env): DefaultHost | undefined {
  const { file, settings } = readConfigFile(env);
  return defaultHostFrom(env, settings, file);
}

/** The default host: ALTCTL_HOST, else "host" in the config file. */
export function defaultHostFrom(env: NodeJS.ProcessEnv, fromFile: FileSettings, file: string): DefaultHost | undefined {
  const fromEnv = env[HOST_ENV];
  if (fromEnv) return { host: fromEnv, source: HOST_ENV };
  if (fromFile.host) return { host: fromFile.host, source: `"host" in ${file}` };
  return undefined;
}

/** Adds the optional HOST positional of the commands that take HOST alone. */
export function withHost<T>(y: Argv<T>): Argv<T & { host: string | undefined }> {
  return y.positional('host', { type: 'string', describe: HOST_DESCRIPTION }) as Argv<T & { host: string | undefined }>;
}

/** AIX disk device names: hdiskN, and the pseudo-devices of multipath drivers (PowerPath, SDD, HDLM). */
export const DISK_NAME = /^(hdisk|hdiskpower|vpath|dlmfdrv)\d+$/;

export interface SplitPositionals {
  /** HOST from the command line; undefined means the default host (ALTCTL_HOST or the config file). */
  readonly host: string | undefined;
  readonly rest: string[];
}

/**
 * Splits HOST off `HOST ARG...`. HOST may be left out, for the default host, when exactly
 * the required arguments are given (`altctl watch JOB` with ALTCTL_HOST set) and, for
 * DISK... (`disks`), when the first word is a disk name: `altctl plan hdisk1 hdisk4` plans
 * both disks on the default host. Without a default host such a first word is refused,
 * never taken for a host. Too few words is a usage error naming what is missing.
 */
export function splitHost(
  positionals: readonly unknown[] | undefined,
  names: readonly string[],
  options: { variadic?: boolean; disks?: boolean; example: string; usage?: string },
): SplitPositionals {
  const words = (positionals ?? []).map(String);
  const n = names.length;
  const extra = words.length - n;
  const fallback = defaultHost();
  // DISK...: any number of words, so the count cannot tell `host1 hdisk1` from `hdisk1 hdisk4`
  if (options.disks && words[0] !== undefined && DISK_NAME.test(words[0])) {
    if (fallback) return { host: undefined, rest: words };
    throw new UsageError(
      `${words[0]} is a disk name, not HOST: give the agent first (e.g. ${options.example}), or set ${HOST_ENV}; ` +
        `a host whose name looks like a disk is given with its port (${words[0]}:7400)`,
      { field: 'HOST' },
    );
  }
  if (extra === 1 || (options.variadic && extra > 1)) return { host: words[0], rest: words.slice(1) };
  if (extra === 0 && fallback) return { host: undefined, rest: words };
  // a command whose refusal scripts already know keeps it (bosboot): one message for any wrong count
  if (options.usage !== undefined) throw new UsageError(options.usage, { field: names[n - 1] ?? 'HOST' });
  const shape = `HOST ${names.join(' ')}${options.variadic ? '...' : ''}`;
  const alone = `(or ${names.join(' ')}${options.variadic ? '...' : ''} alone when ${HOST_ENV} is set)`;
  if (extra < 0 || (extra === 0 && !fallback)) {
    // without a default host the first word is HOST, so what is missing is at the end
    const given = fallback ? words.length : Math.max(0, words.length - 1);
    const missing = [...(fallback || words.length > 0 ? [] : ['HOST']), ...names.slice(given)];
    const what = `${missing.slice(0, -1).join(', ')}${missing.length > 1 ? ' and ' : ''}${missing.at(-1)}${options.variadic && missing.at(-1) === names.at(-1) ? '...' : ''}`;
    throw new UsageError(`${what} missing: expected ${shape} ${alone}, e.g. ${options.example}`, {
      field: missing[0] ?? 'HOST',
    });
  }
  throw new UsageError(`too many arguments: expected ${shape} ${alone}, e.g. ${options.example}`, {
    field: names[n - 1] ?? 'HOST',
  });
}

/**
 * HOST from the command line, else the default host (ALTCTL_HOST or the config file);
 * either may carry :PORT, or be unix:PATH, or `local` for this host's agent's socket.
 */
export function resolveTarget(host: string | undefined, fallback: DefaultHost | undefined): Endpoint {
  const given = host ?? fallback?.host;
  const text = given === LOCAL_HOST ? `unix:${defaultLocalSocket(process.platform, process.env)}` : given;
  if (text === undefined || text === '') {
    throw new UsageError(
      `HOST is missing: give the agent's host as the first argument (host1, host1:7400, 10.0.0.5), set ${HOST_ENV}, or put "host" in altctl's config file`,
      { field: 'HOST' },
    );
  }
  try {
    return parseEndpoint(text, { field: host === undefined ? (fallback?.source ?? HOST_ENV) : 'HOST' });
  } catch (err) {
    if (err instanceof EndpointError) throw new UsageError(err.message, { field: err.field });
    throw err;
  }
}

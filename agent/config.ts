import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { isLoopback, parseEndpoint, type Endpoint } from '../shared/endpoint';
import { scriptSafePathProblem } from '../shared/names';
import { defaultStateDir } from '../shared/local-socket';
import { LOG_LEVELS, type LogLevel } from './logger';
import { compilePolicy, PolicyError, type AccessPolicy } from './security/access-policy';
import { directoryChainProblem, trustedFileProblem } from './fs/trusted-path';
import { JsonProblem, parseStrictJson } from './strict-json';

/** Settings only a config file can hold (they are structured). */
const POLICY_KEYS = ['roles', 'identities', 'localRole'] as const;
type PolicySettings = Partial<Record<(typeof POLICY_KEYS)[number], unknown>>;

/** Files for mutual TLS. All three or none. */
export interface TlsFiles {
  /** The agent's certificate (PEM). */
  certFile: string;
  /** The agent's private key (PEM). */
  keyFile: string;
  /** CA that signs client certificates (PEM); clients without one it signed are refused. */
  clientCaFile: string;
}

export interface AgentConfig {
  /** Address to listen on. Default 127.0.0.1:7400. */
  listen: Endpoint;
  /** Where the agent keeps its logs, journal and (when emulated) its host. */
  stateDir: string;
  /**
   * Directory the AIX commands come from. Undefined: PATH on AIX, and on any other
   * OS the bundled emulator in STATE_DIR/aixsim (see launch/emulated-host.ts).
   */
  commandsDir: string | undefined;
  /** PATH searched when commandsDir is undefined. */
  searchPath: string;
  logLevel: LogLevel;
  /** Default limit for one run of a host command. */
  commandTimeoutMs: number;
  /** How many discovery commands (bootinfo per disk) may run at once. */
  discoveryConcurrency: number;
  /** Mutual TLS; undefined serves plaintext on loopback only. */
  tls: TlsFiles | undefined;
  /** Connection caps and the handshake deadline (see server/listener.ts). */
  connections: ConnectionLimits;
  /** Who may do what (roles and client identities, from the config file). */
  policy: AccessPolicy;
  /** Caps on what callers can make the agent hold. */
  limits: AgentLimits;
  /** Where each setting came from, for the start-up log line. */
  sources: Record<string, 'default' | 'file' | 'env' | 'flag'>;
}

export interface AgentLimits {
  /** First-boot hooks that may be registered. */
  maxHooks: number;
  /** Their scripts together, in bytes (every one is embedded in each clone's runner). */
  maxHooksBytes: number;
  /** WatchJob streams open at once on one connection. */
  maxWatchesPerConnection: number;
  /** WatchJob streams open at once for one identity, over all its connections. */
  maxWatchesPerIdentity: number;
}

/** How many connections may be open, and how long one has to finish its handshake. */
export interface ConnectionLimits {
  maxConnections: number;
  maxConnectionsPerPeer: number;
  handshakeTimeoutMs: number;
}

/** The settings as a person writes them (flags, environment, JSON file), before checking. */
export interface RawSettings {
  listen?: string;
  stateDir?: string;
  commandsDir?: string;
  logLevel?: string;
  commandTimeoutSeconds?: number | string;
  discoveryConcurrency?: number | string;
  tlsCert?: string;
  tlsKey?: string;
  tlsClientCa?: string;
  maxHooks?: number | string;
  maxHooksBytes?: number | string;
  maxWatchesPerConnection?: number | string;
  maxWatchesPerIdentity?: number | string;
  loopbackRole?: string;
  maxConnections?: number | string;
  maxConnectionsPerPeer?: number | string;
  handshakeTimeoutSeconds?: number | string;
}

const SETTING_KEYS: readonly (keyof RawSettings)[] = [
  'listen',
  'stateDir',
  'commandsDir',
  'logLevel',
  'commandTimeoutSeconds',
  'discoveryConcurrency',
  'tlsCert',
  'tlsKey',
  'tlsClientCa',
  'maxHooks',
  'maxHooksBytes',
  'maxWatchesPerConnection',
  'maxWatchesPerIdentity',
  'loopbackRole',
  'maxConnections',
  'maxConnectionsPerPeer',
  'handshakeTimeoutSeconds',
];

/** Environment variable for each setting: ALTDISKD_LISTEN, ALTDISKD_STATE_DIR, ... */
export const ENV_NAMES: Readonly<Record<keyof RawSettings, string>> = Object.fromEntries(
  SETTING_KEYS.map((key) => [key, `ALTDISKD_${key.replace(/([A-Z])/g, '_$1').toUpperCase()}`]),
) as Record<keyof RawSettings, string>;

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

// /usr/lpp/mmfs/bin: GPFS's commands (mmlsnsd), where GPFS installs them; absent on hosts without GPFS.
const AIX_PATH = '/usr/bin:/etc:/usr/sbin:/usr/ucb:/sbin:/usr/lpp/mmfs/bin';

export interface ConfigInputs {
  flags: RawSettings;
  env: NodeJS.ProcessEnv;
  /** --config FILE; when undefined, ALTDISKD_CONFIG or nothing. */
  configFile?: string;
  platform: NodeJS.Platform;
}

/** Defaults < config file < environment < flags; then every value is checked. */
export function loadConfig(inputs: ConfigInputs): AgentConfig {
  const sources: AgentConfig['sources'] = {};
  const merged: RawSettings = {};
  const fileSettings = readConfigFile(inputs.configFile ?? inputs.env['ALTDISKD_CONFIG']);
  const layers: [AgentConfig['sources'][string], RawSettings][] = [
    ['file', fileSettings],
    ['env', fromEnv(inputs.env)],
    ['flag', inputs.flags],
  ];
  for (const [source, layer] of layers) {
    for (const key of SETTING_KEYS) {
      const value = layer[key];
      if (value !== undefined && value !== '') {
        (merged as Record<string, unknown>)[key] = value;
        sources[key] = source;
      }
    }
  }
  const onAix = inputs.platform === 'aix';
  const listen = parseListen(merged.listen ?? '127.0.0.1:7400');
  const tls = checkTls(merged);
  if (!tls && !isLoopback(listen.host)) {
    throw new ConfigError(
      'listen',
      `refusing to listen on ${listen.target} without TLS: anyone who can reach it could clone disks and change the boot list. Listen on 127.0.0.1, or configure --tls-cert, --tls-key and --tls-client-ca`,
    );
  }
  return {
    listen,
    stateDir: checkStateDir(path.resolve(merged.stateDir ?? defaultStateDir(inputs.platform, inputs.env))),
    commandsDir: merged.commandsDir ? checkCommandsDir(merged.commandsDir) : undefined,
    searchPath: onAix ? AIX_PATH : (inputs.env['PATH'] ?? AIX_PATH),
    logLevel: checkLogLevel(merged.logLevel ?? 'info'),
    commandTimeoutMs: checkPositive('commandTimeoutSeconds', merged.commandTimeoutSeconds ?? 600, 86400) * 1000,
    discoveryConcurrency: checkPositive('discoveryConcurrency', merged.discoveryConcurrency ?? 8, 256),
    tls,
    connections: {
      maxConnections: checkPositive('maxConnections', merged.maxConnections ?? 256, 65535),
      maxConnectionsPerPeer: checkPositive('maxConnectionsPerPeer', merged.maxConnectionsPerPeer ?? 32, 65535),
      handshakeTimeoutMs: checkPositive('handshakeTimeoutSeconds', merged.handshakeTimeoutSeconds ?? 10, 300) * 1000,
    },
    policy: policyFrom({ ...fileSettings, loopbackRole: merged.loopbackRole }),
    limits: {
      maxHooks: checkPositive('maxHooks', merged.maxHooks ?? 64, 10_000),
      maxHooksBytes: checkPositive('maxHooksBytes', merged.maxHooksBytes ?? 1024 * 1024, 64 * 1024 * 1024),
      maxWatchesPerConnection: checkPositive('maxWatchesPerConnection', merged.maxWatchesPerConnection ?? 16, 1000),
      maxWatchesPerIdentity: checkPositive('maxWatchesPerIdentity', merged.maxWatchesPerIdentity ?? 64, 10_000),
    },
    sources,
  };
}

function policyFrom(file: PolicySettings & { loopbackRole?: string | undefined }): AccessPolicy {
  try {
    return compilePolicy(file);
  } catch (err) {
    if (err instanceof PolicyError) throw new ConfigError(err.setting, err.message.replace(`${err.setting}: `, ''));
    throw err;
  }
}

/**
 * The admin's config file, read only if nobody else could have written it, and parsed
 * strictly: a file that does not parse stops the agent, naming the line and column. It is
 * never set aside or replaced by defaults, since defaults may be more open than the file
 * (no identities, the local caller an admin) and a stray comma must not grant that.
 */
function readConfigFile(file: string | undefined): RawSettings & PolicySettings {
  if (!file) return {};
  const untrusted = trustedFileProblem(file);
  if (untrusted) throw new ConfigError('config', `refusing the config file: ${untrusted}`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError('config', `cannot read ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = parseStrictJson(text);
  } catch (err) {
    if (!(err instanceof JsonProblem)) throw err;
    throw new ConfigError(
      'config',
      `${file} is not valid JSON: ${err.message}; correct it (the agent does not start on a config it cannot read)`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('config', `${file} must hold a JSON object such as {"listen": "127.0.0.1:7400"}`);
  }
  const unknown = Object.keys(parsed).filter(
    (k) => !(SETTING_KEYS as readonly string[]).includes(k) && !(POLICY_KEYS as readonly string[]).includes(k),
  );
  if (unknown.length > 0) {
    throw new ConfigError(
      'config',
      `${file} has unknown setting(s) ${unknown.join(', ')}; known settings are ${[...SETTING_KEYS, ...POLICY_KEYS].join(', ')}`,
    );
  }
  return parsed as RawSettings & PolicySettings;
}

function fromEnv(env: NodeJS.ProcessEnv): RawSettings {
  const out: RawSettings = {};
  for (const key of SETTING_KEYS) {
    const value = env[ENV_NAMES[key]];
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

const LISTEN_FORM =
  'give an IP address of this host (or localhost) and a port: 127.0.0.1:7400, or with TLS 0.0.0.0:7400 or [::]:7400';

/**
 * ADDRESS:PORT, the address an IP address of this host or localhost: a name that is not
 * one ("nonsense") is a malformed setting, not a request to listen beyond loopback.
 */
function parseListen(text: string): Endpoint {
  let endpoint: Endpoint;
  try {
    endpoint = parseEndpoint(text, { field: 'listen', allowPortZero: true });
  } catch {
    throw new ConfigError('listen', `${JSON.stringify(text)} is not ADDRESS:PORT; ${LISTEN_FORM}`);
  }
  if (endpoint.socket !== undefined)
    throw new ConfigError('listen', `takes ADDRESS:PORT; the agent's local socket is always STATE_DIR/altdiskd.sock`);
  if (!net.isIP(endpoint.host) && endpoint.host !== 'localhost') {
    throw new ConfigError(
      'listen',
      `${JSON.stringify(text)} is not ADDRESS:PORT: ${endpoint.host} is not an IP address; ${LISTEN_FORM}`,
    );
  }
  return endpoint;
}

function checkTls(s: RawSettings): TlsFiles | undefined {
  const given = [s.tlsCert, s.tlsKey, s.tlsClientCa].filter((v) => v !== undefined && v !== '');
  if (given.length === 0) return undefined;
  if (given.length !== 3) {
    throw new ConfigError('tls', 'give all three of --tls-cert, --tls-key and --tls-client-ca, or none of them');
  }
  // Whoever could write the client CA could let themselves in; the key must stay secret.
  // The files are re-read (renewals), always by their resolved paths: no link is followed again.
  const trusted = (setting: keyof RawSettings, file: string, secret: boolean): string => {
    const problem = trustedFileProblem(file, { secret });
    if (problem) throw new ConfigError(setting, problem);
    return fs.realpathSync(file);
  };
  return {
    certFile: trusted('tlsCert', s.tlsCert!, false),
    keyFile: trusted('tlsKey', s.tlsKey!, true),
    clientCaFile: trusted('tlsClientCa', s.tlsClientCa!, false),
  };
}

/** Job inputs (STATE_DIR/jobs/ID/inputs/...) are given to alt_disk_copy by path: it must be safe there. */
function checkStateDir(dir: string): string {
  const problem = scriptSafePathProblem(dir);
  if (problem)
    throw new ConfigError(
      'stateDir',
      `${dir} ${problem}; the files a clone gets from there are named on its command line: choose a directory whose path has only letters, digits and . _ - / + , : @ % =`,
    );
  return dir;
}

function checkCommandsDir(dir: string): string {
  const abs = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new ConfigError(
      'commandsDir',
      `${abs} does not exist; give the directory holding lspv, lsvg, bootlist ... (for an emulated host: DIR/bin after \`aixsim init DIR\`)`,
    );
  }
  if (!stat.isDirectory()) throw new ConfigError('commandsDir', `${abs} is not a directory`);
  // The agent runs what is there as root: whoever could write it would be root.
  const untrusted = directoryChainProblem(abs);
  if (untrusted) throw new ConfigError('commandsDir', `refusing to run commands from ${abs}: ${untrusted}`);
  return abs;
}

function checkLogLevel(level: string): LogLevel {
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new ConfigError('logLevel', `${JSON.stringify(level)} is not one of ${LOG_LEVELS.join(', ')}`);
}

function checkPositive(setting: string, value: number | string, max: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ConfigError(setting, `${JSON.stringify(value)} is not a whole number from 1 to ${max}`);
  return n;
}

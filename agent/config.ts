import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isLoopback, parseEndpoint, type Endpoint } from '../shared/endpoint';
import { LOG_LEVELS, type LogLevel } from './logger';
import { compilePolicy, PolicyError, type AccessPolicy } from './security/access-policy';
import { setAsideName } from './fs/atomic-write';

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
   * OS the bundled emulator in STATE_DIR/aixsim (see emulated-host.ts).
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
  /** Problems the agent started despite (a corrupt config file set aside), for the log. */
  warnings: string[];
  /** Where each setting came from, for the start-up log line. */
  sources: Record<string, 'default' | 'file' | 'env' | 'flag'>;
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
  maxConnections?: number | string;
  maxConnectionsPerPeer?: number | string;
  handshakeTimeoutSeconds?: number | string;
}

const SETTING_KEYS: readonly (keyof RawSettings)[] = [
  'listen', 'stateDir', 'commandsDir', 'logLevel', 'commandTimeoutSeconds', 'discoveryConcurrency', 'tlsCert', 'tlsKey', 'tlsClientCa',
  'maxConnections', 'maxConnectionsPerPeer', 'handshakeTimeoutSeconds',
];

/** Environment variable for each setting: ALTDISKD_LISTEN, ALTDISKD_STATE_DIR, ... */
export const ENV_NAMES: Readonly<Record<keyof RawSettings, string>> = Object.fromEntries(
  SETTING_KEYS.map((key) => [key, `ALTDISKD_${key.replace(/([A-Z])/g, '_$1').toUpperCase()}`]),
) as Record<keyof RawSettings, string>;

export class ConfigError extends Error {
  constructor(readonly setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

const AIX_PATH = '/usr/bin:/etc:/usr/sbin:/usr/ucb:/sbin';

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
  const warnings: string[] = [];
  const fileSettings = readConfigFile(inputs.configFile ?? inputs.env['ALTDISKD_CONFIG'], warnings);
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
    throw new ConfigError('listen', `refusing to listen on ${listen.target} without TLS: anyone who can reach it could clone disks and change the boot list. Listen on 127.0.0.1, or configure --tls-cert, --tls-key and --tls-client-ca`);
  }
  return {
    listen,
    stateDir: path.resolve(merged.stateDir ?? defaultStateDir(onAix, inputs.env)),
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
    policy: policyFrom(fileSettings),
    warnings,
    sources,
  };
}

function policyFrom(file: RawSettings & PolicySettings): AccessPolicy {
  try {
    return compilePolicy(file);
  } catch (err) {
    if (err instanceof PolicyError) throw new ConfigError(err.setting, err.message.replace(`${err.setting}: `, ''));
    throw err;
  }
}

function readConfigFile(file: string | undefined, warnings: string[]): RawSettings & PolicySettings {
  if (!file) return {};
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError('config', `cannot read ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    // A file that is not JSON at all is damage, not a choice: keep it for the admin and
    // start on flags and environment, which is never more open (no file, no identities).
    const aside = setAsideName(file);
    fs.renameSync(file, aside);
    warnings.push(`the config file ${file} was not valid JSON (${(err as Error).message}); it was moved to ${aside} and the agent started without it`);
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('config', `${file} must hold a JSON object such as {"listen": "127.0.0.1:7400"}`);
  }
  const unknown = Object.keys(parsed).filter((k) => !(SETTING_KEYS as readonly string[]).includes(k) && !(POLICY_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new ConfigError('config', `${file} has unknown setting(s) ${unknown.join(', ')}; known settings are ${[...SETTING_KEYS, ...POLICY_KEYS].join(', ')}`);
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

function parseListen(text: string): Endpoint {
  try {
    return parseEndpoint(text, { field: 'listen', allowPortZero: true });
  } catch (err) {
    throw new ConfigError('listen', (err as Error).message.replace(/^listen: /, ''));
  }
}

function checkTls(s: RawSettings): TlsFiles | undefined {
  const given = [s.tlsCert, s.tlsKey, s.tlsClientCa].filter((v) => v !== undefined && v !== '');
  if (given.length === 0) return undefined;
  if (given.length !== 3) {
    throw new ConfigError('tls', 'give all three of --tls-cert, --tls-key and --tls-client-ca, or none of them');
  }
  const files = { certFile: s.tlsCert!, keyFile: s.tlsKey!, clientCaFile: s.tlsClientCa! };
  for (const [setting, file] of Object.entries(files)) {
    if (!fs.existsSync(file)) throw new ConfigError(setting, `${file} does not exist`);
  }
  return files;
}

function checkCommandsDir(dir: string): string {
  const abs = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new ConfigError('commandsDir', `${abs} does not exist; give the directory holding lspv, lsvg, bootlist ... (for an emulated host: DIR/bin after \`aixsim init DIR\`)`);
  }
  if (!stat.isDirectory()) throw new ConfigError('commandsDir', `${abs} is not a directory`);
  return abs;
}

function checkLogLevel(level: string): LogLevel {
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new ConfigError('logLevel', `${JSON.stringify(level)} is not one of ${LOG_LEVELS.join(', ')}`);
}

function checkPositive(setting: string, value: number | string, max: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ConfigError(setting, `${JSON.stringify(value)} is not a whole number from 1 to ${max}`);
  return n;
}

function defaultStateDir(onAix: boolean, env: NodeJS.ProcessEnv): string {
  if (onAix) return '/var/altdisk';
  const base = env['XDG_STATE_HOME'] || path.join(env['HOME'] || os.homedir(), '.local', 'state');
  return path.join(base, 'altdisk');
}

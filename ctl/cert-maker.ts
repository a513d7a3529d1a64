import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CliError, UsageError } from './errors';
import { EXIT } from './exit-codes';

/**
 * Makes a small CA, agent and client certificates with the `openssl` command, for test
 * set-ups and small fleets (README "Mutual TLS" shows the same commands by hand). Only
 * syntax that OpenSSL 1.1.1 and 3 (AIX's included) accept: extensions come from our own
 * config and -extfile, never -addext, and no shell is involved.
 */

export interface CertsRequest {
  readonly dir: string;
  readonly agents: readonly string[];
  readonly clients: readonly string[];
  readonly days: number;
  readonly force: boolean;
  /** The role each client gets in the agents' config (altdiskd.json); admin by default. */
  readonly role?: string;
  /** The openssl program; `openssl` from PATH by default. */
  readonly openssl?: string;
}

export interface MadeFile {
  readonly file: string;
  readonly role: 'ca' | 'agent' | 'client';
  readonly kind: 'certificate' | 'key' | 'config';
  /** The agent or client name; undefined for the CA. */
  readonly name: string | undefined;
}

export interface CertsResult {
  readonly dir: string;
  readonly files: MadeFile[];
  /** Per agent: its subjectAltName. */
  readonly agentSans: Record<string, string>;
  /** The agents' config file (in dir) mapping each client to a role, when agents and clients were made. */
  readonly agentConfig: { readonly file: string; readonly identities: Record<string, string> } | undefined;
}

/** The agents' config certs init writes: each client's identity, CN=NAME, and its role. */
export const AGENT_CONFIG = 'altdiskd.json';
/** Built-in roles (README "Roles and the audit log"). */
/** How long the certificates may be valid, in days: what --days accepts, and its default. */
export const CERT_DAYS = { min: 1, max: 36500, default: 825 } as const;

export const ROLES = ['viewer', 'cloner', 'operator', 'admin'] as const;

export const CA_SUBJECT = '/CN=altdisk CA';
const DNS_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
// no "/", "=", "," or "+": they would split or escape the -subj value
const CLIENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

const REQ_CONFIG = `[req]
distinguished_name = dn
[dn]
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
`;

const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Checks names and days; throws a UsageError naming the bad one. */
export function checkRequest(req: CertsRequest): void {
  if (req.agents.length === 0 && req.clients.length === 0) {
    throw new UsageError(
      'give --agent NAME (the host name altctl uses to reach an agent), --client NAME (the identity an agent sees, CN=NAME), or both',
      { field: '--agent' },
    );
  }
  for (const name of req.agents) {
    if (!DNS_NAME.test(name) && !net.isIP(name)) {
      throw new UsageError(
        `--agent ${JSON.stringify(name)} is neither a DNS name (letters, digits, "-" and ".") nor an IP address`,
        { field: '--agent' },
      );
    }
  }
  for (const name of req.clients) {
    if (!CLIENT_NAME.test(name)) {
      throw new UsageError(
        `--client ${JSON.stringify(name)} must be 1-64 of letters, digits, ".", "_", "@" and "-", starting with a letter or digit`,
        { field: '--client' },
      );
    }
  }
  if (req.role !== undefined && !(ROLES as readonly string[]).includes(req.role)) {
    throw new UsageError(`--role ${JSON.stringify(req.role)} is not one of ${ROLES.join(', ')}`, { field: '--role' });
  }
  if (!Number.isInteger(req.days) || req.days < CERT_DAYS.min || req.days > CERT_DAYS.max) {
    const range = `${CERT_DAYS.min} to ${CERT_DAYS.max}`;
    throw new UsageError(`--days ${req.days} is not a whole number from ${range}`, { field: '--days' });
  }
}

/** The subjectAltName of an agent's certificate: its name, plus loopback so local tests work. */
export function agentSubjectAltName(name: string): string {
  const own = net.isIP(name) ? `IP:${name}` : `DNS:${name}`;
  return [...new Set([own, 'DNS:localhost', 'IP:127.0.0.1'])].join(',');
}

function agentExtensions(name: string): string {
  return `[ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = ${agentSubjectAltName(name)}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer
`;
}

const CLIENT_EXTENSIONS = `[ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer
`;

/**
 * Makes everything in a private scratch directory inside DIR, then moves the files into
 * place: a failure half-way leaves nothing behind, and keys are never readable by others.
 */
export async function makeCerts(req: CertsRequest): Promise<CertsResult> {
  checkRequest(req);
  const dir = path.resolve(req.dir);
  const agents = [...new Set(req.agents)];
  const clients = [...new Set(req.clients)];
  const files: MadeFile[] = [
    { file: 'ca.key', role: 'ca', kind: 'key', name: undefined },
    { file: 'ca.pem', role: 'ca', kind: 'certificate', name: undefined },
    ...agents.flatMap((name): MadeFile[] => [
      { file: `agent-${name}.key`, role: 'agent', kind: 'key', name },
      { file: `agent-${name}.pem`, role: 'agent', kind: 'certificate', name },
    ]),
    ...clients.flatMap((name): MadeFile[] => [
      { file: `client-${name}.key`, role: 'client', kind: 'key', name },
      { file: `client-${name}.pem`, role: 'client', kind: 'certificate', name },
    ]),
  ];
  // without it the agent maps no client to a role and refuses every call ("has no role")
  const identities =
    agents.length > 0 && clients.length > 0
      ? Object.fromEntries(clients.map((name) => [`CN=${name}`, req.role ?? 'admin']))
      : undefined;
  if (identities) files.push({ file: AGENT_CONFIG, role: 'agent', kind: 'config', name: undefined });
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  if (!req.force) {
    const existing = files.map((f) => f.file).filter((f) => fs.existsSync(path.join(dir, f)));
    if (existing.length > 0) {
      throw new CliError(
        `${dir} already holds ${existing.join(', ')}; refusing to overwrite (give --force to replace them, or choose another directory)`,
        EXIT.PRECONDITION,
        'ALREADY_EXISTS',
        { field: 'DIR' },
      );
    }
  }

  const openssl = req.openssl ?? 'openssl';
  const scratch = fs.mkdtempSync(path.join(dir, '.certs-init-'));
  const at = (f: string) => path.join(scratch, f);
  try {
    fs.writeFileSync(at('req.cnf'), REQ_CONFIG);
    const days = String(req.days);
    await run(openssl, [
      'req',
      '-x509',
      ...NEW_KEY,
      '-keyout',
      at('ca.key'),
      '-out',
      at('ca.pem'),
      '-days',
      days,
      '-sha256',
      '-subj',
      CA_SUBJECT,
      '-config',
      at('req.cnf'),
      '-extensions',
      'ca_ext',
    ]);
    const issue = async (base: string, subject: string, extensions: string) => {
      fs.writeFileSync(at(`${base}.ext`), extensions);
      await run(openssl, [
        'req',
        '-new',
        ...NEW_KEY,
        '-keyout',
        at(`${base}.key`),
        '-out',
        at(`${base}.csr`),
        '-subj',
        subject,
        '-config',
        at('req.cnf'),
      ]);
      await run(openssl, [
        'x509',
        '-req',
        '-in',
        at(`${base}.csr`),
        '-CA',
        at('ca.pem'),
        '-CAkey',
        at('ca.key'),
        '-set_serial',
        `0x${randomBytes(16).toString('hex')}`,
        '-days',
        days,
        '-sha256',
        '-extfile',
        at(`${base}.ext`),
        '-extensions',
        'ext',
        '-out',
        at(`${base}.pem`),
      ]);
    };
    for (const name of agents) await issue(`agent-${name}`, `/CN=${name}`, agentExtensions(name));
    for (const name of clients) await issue(`client-${name}`, `/CN=${name}`, CLIENT_EXTENSIONS);
    if (identities) fs.writeFileSync(at(AGENT_CONFIG), `${JSON.stringify({ identities }, null, 2)}\n`);
    for (const f of files) {
      fs.chmodSync(at(f.file), f.kind === 'key' ? 0o600 : 0o644);
      fs.renameSync(at(f.file), path.join(dir, f.file));
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return {
    dir,
    files,
    agentSans: Object.fromEntries(agents.map((name) => [name, agentSubjectAltName(name)])),
    agentConfig: identities ? { file: AGENT_CONFIG, identities } : undefined,
  };
}

function run(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { timeout: 60_000 }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(
          new CliError(
            `the openssl command was not found on PATH; install OpenSSL (on AIX: the openssl.base fileset)`,
            EXIT.FAILED,
            'OPENSSL_MISSING',
          ),
        );
      }
      reject(
        new CliError(
          `openssl ${args[0]} failed: ${String(stderr).trim() || err.message}`,
          EXIT.FAILED,
          'OPENSSL_FAILED',
        ),
      );
    });
  });
}

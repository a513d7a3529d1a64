import * as path from 'node:path';
import yargs from 'yargs';
import { packageVersion } from '../shared/package-info';
import { startAgent, type AgentWiring } from './agent';
import { ConfigError, ENV_NAMES, loadConfig, type RawSettings } from './config';
import { createLogger, LOG_LEVELS } from './logger';
import { secureStateDir, StateDirError } from './fs/state-dir';
import { UnsafeFileError } from './fs/own-files';

const EXIT_CONFIG = 2;
const EXIT_FAILED = 1;

async function main(argv: string[], wiring: AgentWiring): Promise<void> {
  const args = yargs(argv)
    .scriptName('altdiskd')
    .usage(
      '$0 [options]\n\nThe altdisk agent for this AIX host, served over gRPC (its local socket, and TCP: loopback, or mutual TLS with roles and an audit log): ' +
        'disks and clone targets; clones of rootvg with alt_disk_copy as journaled jobs, with preflight checks, live progress and cancel; ' +
        'boot lists, boot images, boot environments, reboot and rollback; alt_rootvg_op clean-up, wake and sleep; first-boot hooks and their results. ' +
        'It runs the AIX commands without a shell and logs each one. Drive it with altctl.',
    )
    .option('listen', {
      type: 'string',
      describe: `Address to listen on, ADDRESS:PORT: an IP address of this host or localhost (default 127.0.0.1:7400; env ${ENV_NAMES.listen})`,
    })
    .option('state-dir', {
      type: 'string',
      describe: `Directory for logs and job journals (default /var/altdisk on AIX, ~/.local/state/altdisk elsewhere; env ${ENV_NAMES.stateDir})`,
    })
    .option('commands', {
      type: 'string',
      describe: `Directory the AIX commands come from (default: PATH on AIX, the bundled emulator elsewhere; env ${ENV_NAMES.commandsDir})`,
    })
    .option('config', {
      type: 'string',
      describe: 'JSON file with settings, e.g. {"listen": "127.0.0.1:7400"} (env ALTDISKD_CONFIG)',
    })
    .option('check-config', {
      type: 'string',
      requiresArg: true,
      describe:
        'Check the settings as the agent would read them, with FILE as the config file, and exit: 0 valid, 2 not (naming the setting and the fix); nothing is started or written',
    })
    .option('log-level', {
      type: 'string',
      choices: LOG_LEVELS,
      describe: `Log detail (default info; env ${ENV_NAMES.logLevel})`,
    })
    .option('command-timeout', {
      type: 'number',
      describe: `Seconds one host command may run before it is killed (default 600; env ${ENV_NAMES.commandTimeoutSeconds})`,
    })
    .option('max-connections', {
      type: 'number',
      describe: `Connections open at once over TCP, all clients together (the local socket counts apart); more are refused (default 256; env ${ENV_NAMES.maxConnections})`,
    })
    .option('max-connections-per-peer', {
      type: 'number',
      describe: `Connections open at once from one address (default 32; env ${ENV_NAMES.maxConnectionsPerPeer})`,
    })
    .option('handshake-timeout', {
      type: 'number',
      describe: `Seconds a new connection has to finish its TLS handshake and send the HTTP/2 preface before it is closed (default 10; env ${ENV_NAMES.handshakeTimeoutSeconds})`,
    })
    .option('tls-cert', { type: 'string', describe: 'Server certificate (PEM) for mutual TLS' })
    .option('tls-key', { type: 'string', describe: 'Server private key (PEM) for mutual TLS' })
    .option('tls-client-ca', { type: 'string', describe: 'CA certificate (PEM) that signs client certificates' })
    .option('loopback-role', {
      type: 'string',
      describe: `Role of callers over plaintext TCP on loopback, which any user of the host can reach (default viewer; env ${ENV_NAMES.loopbackRole}); root on the host uses the local socket, STATE_DIR/altdiskd.sock`,
    })
    .option('max-hooks', {
      type: 'number',
      describe: `First-boot hooks that may be registered (default 64; env ${ENV_NAMES.maxHooks})`,
    })
    .option('max-hooks-bytes', {
      type: 'number',
      describe: `Bytes of hook scripts in all (default 1048576; env ${ENV_NAMES.maxHooksBytes})`,
    })
    .option('max-watches-per-connection', {
      type: 'number',
      describe: `Job watch streams open at once per connection (default 16; env ${ENV_NAMES.maxWatchesPerConnection})`,
    })
    .option('max-watches-per-identity', {
      type: 'number',
      describe: `Job watch streams open at once per client identity (default 64; env ${ENV_NAMES.maxWatchesPerIdentity})`,
    })
    .strict()
    .version(packageVersion())
    .help()
    .showHelpOnFail(false)
    .fail((message, err) => {
      process.stderr.write(`altdiskd: ${message ?? err?.message}\nRun altdiskd --help for the options.\n`);
      process.exit(EXIT_CONFIG);
    })
    .parseSync();

  const flags: RawSettings = {
    listen: args.listen,
    stateDir: args['state-dir'],
    commandsDir: args.commands,
    logLevel: args['log-level'],
    commandTimeoutSeconds: args['command-timeout'],
    tlsCert: args['tls-cert'],
    tlsKey: args['tls-key'],
    tlsClientCa: args['tls-client-ca'],
    loopbackRole: args['loopback-role'],
    maxHooks: args['max-hooks'],
    maxHooksBytes: args['max-hooks-bytes'],
    maxWatchesPerConnection: args['max-watches-per-connection'],
    maxWatchesPerIdentity: args['max-watches-per-identity'],
    maxConnections: args['max-connections'],
    maxConnectionsPerPeer: args['max-connections-per-peer'],
    handshakeTimeoutSeconds: args['handshake-timeout'],
  };
  const checkOnly = args['check-config'];
  if (checkOnly !== undefined && args.config !== undefined && path.resolve(args.config) !== path.resolve(checkOnly)) {
    process.stderr.write(
      `altdiskd: --config ${args.config} and --check-config ${checkOnly} name two files; give the one to check once\n`,
    );
    process.exit(EXIT_CONFIG);
  }
  let config;
  try {
    config = loadConfig({ flags, env: process.env, configFile: checkOnly ?? args.config, platform: process.platform });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`altdiskd: ${err.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw err;
  }
  if (checkOnly !== undefined) {
    // The state directory is left alone: checking it makes it, which is the start's to do.
    process.stdout.write(
      `altdiskd: ${checkOnly} is valid: listen ${config.listen.target}, ` +
        `TLS ${config.tls ? 'mutual' : 'off (loopback only)'}, state directory ${config.stateDir} (checked when the agent starts)\n`,
    );
    process.exit(0);
  }
  let tightened: string[];
  let logger;
  try {
    // Before the first byte is written there: a state directory others could write is refused.
    const secured = secureStateDir(config.stateDir);
    config = { ...config, stateDir: secured.stateDir };
    tightened = secured.tightened;
    logger = createLogger({ level: config.logLevel, file: path.join(config.stateDir, 'log', 'altdiskd.log') });
  } catch (err) {
    if (err instanceof StateDirError || err instanceof UnsafeFileError) {
      process.stderr.write(`altdiskd: ${err.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw err;
  }
  logger.info('starting', {
    version: packageVersion(),
    pid: process.pid,
    node: process.version,
    settings: config.sources,
  });
  if (tightened.length > 0)
    logger.warn('made state files and directories private (they were readable by others)', { paths: tightened });
  let agent;
  try {
    agent = await startAgent(config, logger, wiring);
  } catch (err) {
    logger.error('could not start', { error: (err as Error).message });
    await logger.close();
    process.stderr.write(
      `altdiskd: could not start: ${startFailure(err as NodeJS.ErrnoException, config.listen.target)}\n`,
    );
    process.exit(EXIT_FAILED);
  }
  const running = agent;
  const stop = (signal: NodeJS.Signals): void => {
    logger.info('signal received', { signal });
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    void running.stop().then(async () => {
      await logger.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Why the agent could not start, said for whoever started it. */
function startFailure(err: NodeJS.ErrnoException & { address?: string; port?: number }, configured: string): string {
  // the error names what it failed on: the TCP address, or the local socket
  const listen =
    err.address === undefined
      ? configured
      : err.port
        ? `${err.address.includes(':') ? `[${err.address}]` : err.address}:${err.port}`
        : err.address;
  if (err.code === 'EADDRINUSE') {
    return `${listen} is taken: another program listens there (another altdiskd?); stop it, or give this agent another --listen ADDRESS:PORT`;
  }
  if (err.code === 'EADDRNOTAVAIL')
    return `${listen} is not an address of this host; give one of its addresses in --listen, such as 127.0.0.1:7400`;
  if (err.code === 'EACCES')
    return `${listen}: the port is privileged (below 1024) or not allowed to this user; run as root or choose a port above 1023`;
  return err.message;
}

/**
 * altdiskd's command line: settings, state directory, logger, then the agent until a
 * signal stops it. The executable (launch/altdiskd.ts) calls this with what it wires in.
 */
export function runAltdiskd(argv: string[], wiring: AgentWiring = {}): void {
  main(argv, wiring).catch((err: unknown) => {
    process.stderr.write(`altdiskd: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(EXIT_FAILED);
  });
}

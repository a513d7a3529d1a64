#!/usr/bin/env node
import yargs from 'yargs';
import { packageVersion } from '../shared/package-info';
import { bootlistCommand } from './commands/bootlist';
import { bosbootCommand } from './commands/bosboot';
import { cancelCommand } from './commands/cancel';
import { certsCommand } from './commands/certs';
import { cleanupCommand } from './commands/cleanup';
import { cloneCommand } from './commands/clone';
import { disksCommand } from './commands/disks';
import { envsCommand } from './commands/envs';
import { firstbootCommand } from './commands/firstboot';
import { hostCommand } from './commands/host';
import { jobCommand } from './commands/job';
import { jobsCommand } from './commands/jobs';
import { lvsCommand } from './commands/lvs';
import { planCommand } from './commands/plan';
import { rebootCommand } from './commands/reboot';
import { rollbackCommand } from './commands/rollback';
import { sleepCommand } from './commands/sleep';
import { targetsCommand } from './commands/targets';
import { vgsCommand } from './commands/vgs';
import { wakeCommand } from './commands/wake';
import { watchCommand } from './commands/watch';
import { reportError, toCliError } from './context';
import { usageErrorFrom } from './usage-errors';
import { configFilePath } from './config-file';
import { HOST_HELP } from './host';
import { numberOption } from './number-options';

const EPILOGUE = `Exit status: 0 ok, 1 operation failed, 2 bad usage or input, 3 host state forbids it,
4 agent unreachable, 5 not allowed, 6 timed out, 7 job cancelled, 130 stopped watching
(Ctrl-C; the job goes on). With --json, the result is one JSON document on stdout (for
clone, watch and cancel: one per line, the finished job last; clone's first, {"start"}, says
with "started" whether it started the job) and an error is one JSON object on stderr.
${HOST_HELP}; the TLS files from ALTCTL_TLS_CA, ALTCTL_TLS_CERT and
ALTCTL_TLS_KEY; both also from ${configFilePath()} (keys host, tlsCa, tlsCert, tlsKey).
Flags win over the environment, which wins over the file.`;

async function main(argv: string[]): Promise<void> {
  const wantsJson = argv.includes('--json');
  const parser = yargs(argv)
    .scriptName('altctl')
    .usage(
      '$0 <command> [HOST] [options]\n\nDrive altdisk agents: discover disks, clone rootvg, manage boot lists, boot images and boot environments on AIX hosts.',
    )
    .option('json', { type: 'boolean', default: false, describe: 'Print one machine-readable JSON document' })
    .option('timeout', {
      type: 'string',
      default: '120',
      requiresArg: true,
      coerce: numberOption('timeout', { min: 1, max: 86400, whole: false, what: 'seconds' }),
      describe: 'Seconds to wait for the agent',
    })
    .option('tls-ca', { type: 'string', describe: "Mutual TLS: the CA that signed the agent's certificate (PEM)" })
    .option('tls-cert', { type: 'string', describe: 'Mutual TLS: your client certificate (PEM)' })
    .option('tls-key', { type: 'string', describe: "Mutual TLS: your client certificate's key (PEM)" })
    .command(hostCommand)
    .command(disksCommand)
    .command(vgsCommand)
    .command(lvsCommand)
    .command(targetsCommand)
    .command(envsCommand)
    .command(bootlistCommand)
    .command(bosbootCommand)
    .command(planCommand)
    .command(cloneCommand)
    .command(jobsCommand)
    .command(jobCommand)
    .command(watchCommand)
    .command(cancelCommand)
    .command(rollbackCommand)
    .command(rebootCommand)
    .command(cleanupCommand)
    .command(wakeCommand)
    .command(sleepCommand)
    .command(firstbootCommand)
    .command(certsCommand)
    .demandCommand(1, 'name a command: altctl --help lists them')
    .recommendCommands()
    .strict()
    .epilogue(EPILOGUE)
    .version(packageVersion())
    .help()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .showHelpOnFail(false)
    .fail((message, err) => {
      // yargs reports parse problems here, some with a YError of its own ("Not enough
      // arguments following: x"); real crashes stand out by not being UsageErrors
      if (err && err.name !== 'YError') throw err;
      throw usageErrorFrom(String(message ?? err?.message));
    });
  try {
    await parser.parseAsync();
  } catch (err) {
    process.exitCode = reportError(toCliError(err, '', 0), wantsJson);
  }
}

// A reader that goes away (altctl clone | head) ends altctl quietly; a job goes on as after Ctrl-C.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

// grpc-js gives TLS the host as server name even when it is an IP address (altctl host
// 10.0.0.5 with --tls-ca), and Node then warns on every run. The address is still checked
// against the certificate's IP subjectAltNames, so the warning says nothing to the user.
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((...args: unknown[]) => {
  const code = typeof args[1] === 'object' && args[1] !== null ? (args[1] as { code?: unknown }).code : args[2];
  if (code !== 'DEP0123') emitWarning(...args);
}) as typeof process.emitWarning;

void main(process.argv.slice(2));

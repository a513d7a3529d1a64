import * as path from 'node:path';
import { AGENT_CONFIG, CERT_DAYS, makeCerts, ROLES, type CertsResult } from '../../cert-maker';
import { defineLocalCommand } from '../../command';
import { configFilePath } from '../../config-file';
import { numberOption } from '../../number-options';

/** `--agent a,b --agent c` -> [a, b, c] */
function names(values: readonly unknown[]): string[] {
  return values
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export const initCommand = defineLocalCommand({
  command: 'init <dir>',
  describe: 'Make a CA, agent and client certificates with openssl, for test set-ups and small fleets',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'Directory for the files (made if missing)' })
      .option('agent', {
        type: 'string',
        array: true,
        default: [] as string[],
        describe: 'Agent host name(s), comma-separated: one certificate each (DNS:NAME, DNS:localhost, IP:127.0.0.1)',
      })
      .option('client', {
        type: 'string',
        array: true,
        default: [] as string[],
        describe: 'Client name(s), comma-separated: one certificate each, subject CN=NAME',
      })
      .option('days', {
        type: 'string',
        default: String(CERT_DAYS.default),
        requiresArg: true,
        coerce: numberOption('days', { min: CERT_DAYS.min, max: CERT_DAYS.max, whole: true, what: 'days' }),
        describe: 'Days the certificates are valid',
      })
      .option('role', {
        choices: ROLES,
        default: 'admin',
        describe: `The role each client gets in ${AGENT_CONFIG}, the agents' config made with the certificates`,
      })
      .option('force', { type: 'boolean', default: false, describe: 'Replace files that exist' })
      .example('$0 certs init ./pki --agent host1,host2 --client alice,ansible', ''),
  run: async ({ args }) => {
    const result = await makeCerts({
      dir: args.dir,
      agents: names(args.agent),
      clients: names(args.client),
      days: args.days ?? CERT_DAYS.default,
      force: args.force,
      role: args.role,
    });
    if (args.json)
      process.stdout.write(
        `${JSON.stringify({ dir: result.dir, files: result.files.map((f) => ({ ...f, path: path.join(result.dir, f.file) })), agentSubjectAltNames: result.agentSans, identities: result.agentConfig?.identities ?? {} })}\n`,
      );
    else process.stdout.write(describe(result));
  },
});

function describe(result: CertsResult): string {
  const at = (f: string) => path.join(result.dir, f);
  const lines = [
    `Made in ${result.dir} (keys are mode 0600):`,
    `  ca.pem, ca.key: the CA; keep ca.key off the hosts, it signs new certificates`,
  ];
  for (const [name, san] of Object.entries(result.agentSans))
    lines.push(`  agent-${name}.pem, agent-${name}.key: altdiskd on ${name} (${san.replace(/,/g, ', ')})`);
  const clients = result.files.filter((f) => f.role === 'client' && f.kind === 'certificate').map((f) => f.name!);
  for (const name of clients) lines.push(`  client-${name}.pem, client-${name}.key: altctl as CN=${name}`);
  const config = result.agentConfig;
  if (config) {
    const roles = [...new Set(Object.values(config.identities))].join(', ');
    lines.push(
      `  ${config.file}: the agents' config, giving ${Object.keys(config.identities).join(', ')} the role ${roles}`,
    );
    if (roles === 'admin')
      lines.push(
        `    (admin may do everything: clone, reboot, run scripts as root; give less with --role, or edit ${config.file})`,
      );
  }
  if (Object.keys(result.agentSans).length > 0)
    lines.push(
      '',
      `On each agent host (copy its two files, ca.pem${config ? ` and ${config.file}` : ''} there; the files owned by root, writable by no one else):`,
    );
  for (const name of Object.keys(result.agentSans)) {
    const withConfig = config ? ` --config ${at(config.file)}` : '';
    lines.push(
      `  altdiskd --listen 0.0.0.0:7400 --tls-cert ${at(`agent-${name}.pem`)} --tls-key ${at(`agent-${name}.key`)} --tls-client-ca ${at('ca.pem')}${withConfig}`,
    );
  }
  if (clients.length > 0)
    lines.push(
      '',
      `For altctl (or ALTCTL_TLS_CA, ALTCTL_TLS_CERT, ALTCTL_TLS_KEY, or tlsCa, tlsCert, tlsKey in ${configFilePath()}):`,
    );
  const firstAgent = Object.keys(result.agentSans)[0] ?? 'HOST';
  for (const name of clients) {
    lines.push(
      `  altctl host ${firstAgent} --tls-ca ${at('ca.pem')} --tls-cert ${at(`client-${name}.pem`)} --tls-key ${at(`client-${name}.key`)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

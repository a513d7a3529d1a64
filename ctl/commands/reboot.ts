import { status } from '@grpc/grpc-js';
import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { CliError, fromServiceError, isServiceError, UsageError } from '../errors';
import { withHost } from './host-positional';

type Args = GlobalArgs & { host: string | undefined; yes: boolean };

export const rebootCommand: CommandModule<GlobalArgs, Args> = {
  command: 'reboot [host]',
  describe: 'Restart the host now (shutdown -Fr) from the first disk of its normal boot list; needs --yes',
  builder: (y) =>
    withHost(y)
      .option('yes', { type: 'boolean', default: false, describe: 'Yes, stop every application on the host and restart it' })
      .example('$0 envs host1 && $0 reboot host1 --yes', 'see which environment boots next (R), then reboot into it'),
  handler: (args) =>
    withAgent(args, args.host, async ({ clients, out, timeout, target, label, overTls }) => {
      if (!args.yes) {
        throw new UsageError(
          `reboot restarts ${label} now (shutdown -Fr): every application on it stops, and it boots from the first disk of its normal boot list ` +
            `(altctl envs ${label} shows which environment that is, marked R); add --yes to reboot`,
          { field: '--yes' },
        );
      }
      let response;
      try {
        response = await call(clients.boot, 'reboot', { confirm: true }, timeout);
      } catch (err) {
        // a host going down can take the connection with it before the answer: say both possibilities
        if (isServiceError(err) && err.code === status.UNAVAILABLE) {
          // the usual advice for an unreachable agent (TLS included), and the other reading
          const unreachable = fromServiceError(err, target, timeout, overTls);
          throw new CliError(
            `${unreachable.message}; or ${label} went down before answering: in a few minutes, altctl host ${label} shows its boot time and altctl envs ${label} which environment runs (N)`,
            unreachable.exitCode, unreachable.code, unreachable.details,
          );
        }
        throw err;
      }
      out.message('RebootResponse', response);
      if (response.output.length > 0) out.text(`${response.output.join('\n')}\n`);
      out.text(`${label} is rebooting from ${response.bootDisk} (${response.environment}).\nNext: when it is back, altctl envs ${label} shows which environment runs (N).\n`);
    }),
};

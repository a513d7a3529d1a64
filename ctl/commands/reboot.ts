import { status } from '@grpc/grpc-js';
import { defineCommand } from '../command';
import { CliError, fromServiceError, isServiceError, UsageError } from '../errors';

export const rebootCommand = defineCommand({
  command: 'reboot',
  describe: 'Restart the host now (shutdown -Fr) from the first disk of its normal boot list; needs --yes',
  builder: (y) =>
    y
      .option('yes', {
        type: 'boolean',
        default: false,
        describe: 'Yes, stop every application on the host and restart it',
      })
      .example('$0 envs host1 && $0 reboot host1 --yes', 'see which environment boots next (R), then reboot into it'),
  run: async ({ args, out, query, timeout, target, label, overTls }) => {
    if (!args.yes) {
      throw new UsageError(
        `reboot restarts ${label} now (shutdown -Fr): every application on it stops, and it boots from the first disk of its normal boot list ` +
          `(altctl envs ${label} shows which environment that is, marked R); add --yes to reboot`,
        { field: '--yes' },
      );
    }
    let answer;
    try {
      answer = await query('boot', 'reboot', { confirm: true });
    } catch (err) {
      // a host going down can take the connection with it before the answer: say both possibilities
      if (isServiceError(err) && err.code === status.UNAVAILABLE) {
        // the usual advice for an unreachable agent (TLS included), and the other reading
        const unreachable = fromServiceError(err, target, timeout, overTls);
        throw new CliError(
          `${unreachable.message}; or ${label} went down before answering: in a few minutes, altctl host ${label} shows its boot time and altctl envs ${label} which environment runs (N)`,
          unreachable.exitCode,
          unreachable.code,
          unreachable.details,
        );
      }
      throw err;
    }
    const { response, type } = answer;
    out.message(type, response);
    if (response.output.length > 0) out.text(`${response.output.join('\n')}\n`);
    out.text(
      `${label} is rebooting from ${response.bootDisk} (${response.environment}).\nNext: when it is back, altctl envs ${label} shows which environment runs (N).\n`,
    );
  },
});

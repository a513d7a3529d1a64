import type { CommandModule } from 'yargs';
import { call } from '../../client';
import { withAgent, type GlobalArgs } from '../../context';
import { renderResults, resultsExitCode } from '../../output/firstboot';
import { withHost } from '../host-positional';

type Args = GlobalArgs & { host: string | undefined };

export const resultsCommand: CommandModule<GlobalArgs, Args> = {
  command: 'results [host]',
  describe: 'How the hooks ran at the last first boot of a clone; exit 1 unless every hook passed',
  builder: (y) => withHost(y),
  handler: (args) =>
    withAgent(args, args.host, async ({ clients, out, timeout }) => {
      const response = await call(clients.firstboot, 'getResults', {}, timeout);
      out.message('GetResultsResponse', response);
      out.text(renderResults(response));
      process.exitCode = resultsExitCode(response);
    }),
};

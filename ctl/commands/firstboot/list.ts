import type { CommandModule } from 'yargs';
import { call } from '../../client';
import { withAgent, type GlobalArgs } from '../../context';
import { renderHookList } from '../../output/firstboot';
import { withHost } from '../host-positional';

type Args = GlobalArgs & { host: string | undefined };

export const listCommand: CommandModule<GlobalArgs, Args> = {
  command: 'list [host]',
  describe: 'List the registered hooks in the order they run, and whether the current clone carries each',
  builder: (y) => withHost(y),
  handler: (args) =>
    withAgent(args, args.host, async ({ clients, out, timeout }) => {
      const response = await call(clients.firstboot, 'listHooks', {}, timeout);
      out.message('ListHooksResponse', response);
      out.text(renderHookList(response));
    }),
};

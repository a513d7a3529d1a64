import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { reportOperationJob } from '../output/job-result';
import { withHost } from './host-positional';

type Args = GlobalArgs & { host: string | undefined };

export const sleepCommand: CommandModule<GlobalArgs, Args> = {
  command: 'sleep [host]',
  describe: 'Unmount /alt_inst and vary off the woken volume group (alt_rootvg_op -S); a woken old_rootvg gets its name back (alt_rootvg_op -v)',
  builder: (y) => withHost(y),
  handler: (args) =>
    withAgent(args, args.host, async (ctx) => {
      const response = await call(ctx.clients.clone, 'sleepAltRootvg', {}, ctx.timeout);
      await reportOperationJob(ctx, 'SleepAltRootvgResponse', response);
    }),
};

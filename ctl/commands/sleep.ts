import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { reportFinishedJob } from '../output/job-result';
import { withHost } from './host-positional';

type Args = GlobalArgs & { host: string | undefined };

export const sleepCommand: CommandModule<GlobalArgs, Args> = {
  command: 'sleep [host]',
  describe: 'Unmount /alt_inst and vary off the woken volume group (alt_rootvg_op -S)',
  builder: (y) => withHost(y),
  handler: (args) =>
    withAgent(args, args.host, async ({ clients, out, timeout }) => {
      reportFinishedJob(out, 'SleepAltRootvgResponse', await call(clients.clone, 'sleepAltRootvg', {}, timeout));
    }),
};

import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { reportOperationJob } from '../output/job-result';
import { splitHost } from './positionals';

type Args = GlobalArgs & { args: string[] | undefined };

export const wakeCommand: CommandModule<GlobalArgs, Args> = {
  command: 'wake [args..]',
  describe: 'Vary on a non-booted rootvg (altinst_rootvg or old_rootvg) and mount it under /alt_inst (alt_rootvg_op -W; AIX calls it altinst_rootvg while awake): altctl wake HOST DISK',
  builder: (y) =>
    y
      .positional('args', { type: 'string', array: true, describe: 'HOST DISK: a disk of the volume group to wake' })
      .example('$0 wake host1 hdisk1', 'inspect or change the clone under /alt_inst; then altctl sleep host1') as never,
  handler: (args) => {
    const { host, rest } = splitHost(args.args, ['DISK'], { example: 'altctl wake host1 hdisk1' });
    return withAgent(args, host, async (ctx) => {
      const response = await call(ctx.clients.clone, 'wakeAltRootvg', { disk: rest[0] as string }, ctx.timeout);
      await reportOperationJob(ctx, 'WakeAltRootvgResponse', response);
    });
  },
};

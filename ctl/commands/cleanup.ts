import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { UsageError } from '../errors';
import { reportOperationJob } from '../output/job-result';
import { splitHost } from './positionals';

type Args = GlobalArgs & { args: string[] | undefined; yes: boolean };

const REMOVABLE = ['altinst_rootvg', 'old_rootvg'];

export const cleanupCommand: CommandModule<GlobalArgs, Args> = {
  command: 'cleanup [args..]',
  describe: 'Remove altinst_rootvg or old_rootvg (alt_rootvg_op -X), freeing its disks; needs --yes: altctl cleanup HOST VG',
  builder: (y) =>
    y
      .positional('args', { type: 'string', array: true, describe: 'HOST altinst_rootvg|old_rootvg' })
      .option('yes', { type: 'boolean', default: false, describe: 'Yes, remove that boot environment' })
      .example('$0 cleanup host1 old_rootvg --yes', 'drop the previous rootvg once the clone has proven itself') as never,
  handler: (args) => {
    const { host, rest } = splitHost(args.args, ['VG'], { example: 'altctl cleanup host1 old_rootvg --yes' });
    const vg = rest[0] as string;
    return withAgent(args, host, async (ctx) => {
      if (!REMOVABLE.includes(vg)) {
        throw new UsageError(`VG: ${JSON.stringify(vg)} cannot be cleaned up; name altinst_rootvg or old_rootvg (altctl envs ${ctx.label} lists them)`, { field: 'VG' });
      }
      if (!args.yes) {
        throw new UsageError(
          `cleanup removes ${vg} from ${ctx.label} (alt_rootvg_op -X): its definition goes and its disks are freed, so that boot environment can no longer ` +
            `be booted, woken or rolled back to; add --yes to remove it`,
          { field: '--yes' },
        );
      }
      const response = await call(ctx.clients.clone, 'removeAltRootvg', { vg }, ctx.timeout);
      await reportOperationJob(ctx, 'RemoveAltRootvgResponse', response);
    });
  },
};

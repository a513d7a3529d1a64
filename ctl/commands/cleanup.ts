import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { reportOperationJob } from '../output/job-result';

const REMOVABLE = ['altinst_rootvg', 'old_rootvg'];

export const cleanupCommand = defineCommand({
  command: 'cleanup',
  describe:
    'Remove altinst_rootvg or old_rootvg (alt_rootvg_op -X), freeing its disks; needs --yes: altctl cleanup HOST VG',
  positionals: {
    names: ['VG'],
    describe: 'HOST altinst_rootvg|old_rootvg',
    example: 'altctl cleanup host1 old_rootvg --yes',
  },
  builder: (y) =>
    y
      .option('yes', { type: 'boolean', default: false, describe: 'Yes, remove that boot environment' })
      .example('$0 cleanup host1 old_rootvg --yes', 'drop the previous rootvg once the clone has proven itself'),
  rpc: { service: 'clone', method: 'removeAltRootvg' },
  request: ({ args, words: { VG: vg }, label }) => {
    if (!REMOVABLE.includes(vg)) {
      throw new UsageError(
        `VG: ${JSON.stringify(vg)} cannot be cleaned up; name altinst_rootvg or old_rootvg (altctl envs ${label} lists them)`,
        { field: 'VG' },
      );
    }
    if (!args.yes) {
      throw new UsageError(
        `cleanup removes ${vg} from ${label} (alt_rootvg_op -X): its definition goes and its disks are freed, so that boot environment can no longer ` +
          `be booted, woken or rolled back to; add --yes to remove it`,
        { field: '--yes' },
      );
    }
    return { vg };
  },
  ownJson: true,
  render: (response, ctx) => reportOperationJob(ctx, ctx.responseType, response),
});

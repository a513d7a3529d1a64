import { defineCommand } from '../command';
import { reportOperationJob } from '../output/job-result';

export const sleepCommand = defineCommand({
  command: 'sleep',
  describe:
    'Unmount /alt_inst and vary off the woken volume group (alt_rootvg_op -S); a woken old_rootvg gets its name back (alt_rootvg_op -v)',
  rpc: { service: 'clone', method: 'sleepAltRootvg' },
  ownJson: true,
  render: (response, ctx) => reportOperationJob(ctx, ctx.responseType, response),
});

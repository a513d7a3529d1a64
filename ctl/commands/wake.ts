import { defineCommand } from '../command';
import { reportOperationJob } from '../output/job-result';

export const wakeCommand = defineCommand({
  command: 'wake',
  describe:
    'Vary on a non-booted rootvg (altinst_rootvg or old_rootvg) and mount it under /alt_inst (alt_rootvg_op -W; AIX calls it altinst_rootvg while awake): altctl wake HOST DISK',
  positionals: {
    names: ['DISK'],
    describe: 'HOST DISK: a disk of the volume group to wake',
    example: 'altctl wake host1 hdisk1',
  },
  builder: (y) =>
    y.example('$0 wake host1 hdisk1', 'inspect or change the clone under /alt_inst; then altctl sleep host1'),
  rpc: { service: 'clone', method: 'wakeAltRootvg' },
  request: ({ words }) => ({ disk: words.DISK }),
  ownJson: true,
  render: (response, ctx) => reportOperationJob(ctx, ctx.responseType, response),
});

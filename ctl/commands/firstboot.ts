import { defineGroup } from '../command';
import { addCommand } from './firstboot/add';
import { listCommand } from './firstboot/list';
import { resultsCommand } from './firstboot/results';
import { rmCommand } from './firstboot/rm';
import { showCommand } from './firstboot/show';

export const firstbootCommand = defineGroup({
  command: 'firstboot',
  describe: 'First-boot hooks: scripts a clone runs once at its first boot',
  subcommands: [addCommand, listCommand, showCommand, rmCommand, resultsCommand],
});

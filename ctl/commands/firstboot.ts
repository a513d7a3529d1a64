import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context';
import { addCommand } from './firstboot/add';
import { listCommand } from './firstboot/list';
import { resultsCommand } from './firstboot/results';
import { rmCommand } from './firstboot/rm';
import { showCommand } from './firstboot/show';

export const firstbootCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'firstboot',
  describe: 'First-boot hooks: scripts a clone runs once at its first boot (add, list, show, rm, results)',
  builder: (y) =>
    y
      .command(addCommand as never)
      .command(listCommand as never)
      .command(showCommand as never)
      .command(rmCommand as never)
      .command(resultsCommand as never)
      .demandCommand(1, 'name a firstboot command: add, list, show, rm or results') as never,
  handler: () => undefined,
};

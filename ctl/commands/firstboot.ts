import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context';
import { addCommand } from './firstboot/add';
import { listCommand } from './firstboot/list';
import { resultsCommand } from './firstboot/results';
import { rmCommand } from './firstboot/rm';
import { showCommand } from './firstboot/show';
import { subcommandList } from './subcommands';

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
      .demandCommand(1, subcommandList('firstboot', [addCommand, listCommand, showCommand, rmCommand, resultsCommand] as never[])) as never,
  handler: () => undefined,
};

import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context';
import { initCommand } from './certs/init';
import { subcommandList } from './subcommands';

export const certsCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'certs',
  describe: 'Certificates for mutual TLS between altctl and the agents (init)',
  builder: (y) => y.command(initCommand as never).demandCommand(1, subcommandList('certs', [initCommand] as never[])) as never,
  handler: () => undefined,
};

import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context';
import { initCommand } from './certs/init';

export const certsCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'certs',
  describe: 'Certificates for mutual TLS between altctl and the agents (init)',
  builder: (y) => y.command(initCommand as never).demandCommand(1, 'name a certs command: init') as never,
  handler: () => undefined,
};

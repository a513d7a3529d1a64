import { defineGroup } from '../command';
import { initCommand } from './certs/init';

export const certsCommand = defineGroup({
  command: 'certs',
  describe: 'Certificates for mutual TLS between altctl and the agents',
  subcommands: [initCommand],
});

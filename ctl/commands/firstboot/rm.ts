import { defineCommand } from '../../command';

export const rmCommand = defineCommand({
  command: 'rm',
  describe: 'Unregister a hook (a clone already made keeps it): altctl firstboot rm HOST NAME',
  positionals: { names: ['NAME'], describe: 'HOST NAME', example: 'altctl firstboot rm host1 ntp' },
  rpc: { service: 'firstboot', method: 'removeHook' },
  request: ({ words }) => ({ name: words.NAME }),
  render: (_response, { out, words }) => out.text(`hook ${words.NAME} removed\n`),
});

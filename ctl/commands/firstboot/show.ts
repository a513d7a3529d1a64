import { defineCommand } from '../../command';
import { renderHook } from '../../output/firstboot';

export const showCommand = defineCommand({
  command: 'show',
  describe: 'Show one hook and its content: altctl firstboot show HOST NAME',
  positionals: { names: ['NAME'], describe: 'HOST NAME', example: 'altctl firstboot show host1 ntp' },
  rpc: { service: 'firstboot', method: 'getHook' },
  request: ({ words }) => ({ name: words.NAME }),
  render: (response, { out }) => out.text(renderHook(response)),
});

import { defineCommand } from '../../command';
import { renderHookList } from '../../output/firstboot';

export const listCommand = defineCommand({
  command: 'list',
  describe: 'List the registered hooks in the order they run, and whether the current clone carries each',
  rpc: { service: 'firstboot', method: 'listHooks' },
  render: (response, { out }) => out.text(renderHookList(response)),
});

import { defineCommand } from '../../command';
import { renderResults, resultsExitCode } from '../../output/firstboot';

export const resultsCommand = defineCommand({
  command: 'results',
  describe: 'How the hooks ran at the last first boot of a clone; exit 1 unless every hook passed',
  rpc: { service: 'firstboot', method: 'getResults' },
  render: (response, { out }) => {
    out.text(renderResults(response));
    return resultsExitCode(response);
  },
});

import { specFromArgs, withCloneSpecFlags } from '../clone-spec';
import { defineCommand } from '../command';
import { EXIT } from '../exit-codes';
import { countErrors, renderFindingsTable } from '../output/findings';
import { shellLine } from '../output/job';
import { renderFields } from '../output/table';
import { lineWidth } from '../output/wrap';

export const planCommand = defineCommand({
  command: 'plan',
  describe:
    'Run the preflight checks for a clone and show exactly what it would run; changes nothing: altctl plan HOST DISK... [clone options]',
  positionals: {
    list: 'DISK',
    disks: true,
    describe: 'HOST DISK...: as for altctl clone',
    example: 'altctl plan host1 hdisk1',
  },
  builder: (y) =>
    withCloneSpecFlags(y)
      .example('$0 plan host1 hdisk1', 'would a clone to hdisk1 start, and what would it run?')
      .epilogue('Exit status 0 when the clone could start, 3 when a finding is an error.'),
  rpc: { service: 'clone', method: 'planClone' },
  request: ({ args, words }) => ({ spec: specFromArgs(args, words.DISK) }),
  render: (response, { out }) => {
    const errors = countErrors(response.findings);
    out.text(
      response.findings.length > 0
        ? renderFindingsTable(response.findings, lineWidth(process.stdout))
        : 'No findings.\n',
    );
    out.text('\n');
    out.text(
      renderFields([
        [
          'Ready',
          response.ready && errors === 0
            ? 'yes: altctl clone with the same arguments would start'
            : `no: ${errors} error finding(s) above must be fixed first`,
        ],
        [
          'Space',
          `the clone needs ${response.requiredMb} MB (${copiesNote(response.cloneCopies, response.requiredMb, response.rootvgUsedMb)}); the target disks have ${response.targetMb} MB`,
        ],
        ['Command', response.command.length > 0 ? shellLine(response.command) : '-'],
        ['Environment', response.environment.length > 0 ? response.environment.join(' ') : '(none)'],
      ]),
    );
    return !response.ready || errors > 0 ? EXIT.PRECONDITION : EXIT.OK;
  },
});

/** What the space counts: the clone's copies, and rootvg's own use when its mirrors make it larger. */
function copiesNote(cloneCopies: number, requiredMb: number, rootvgUsedMb: number): string {
  const copies =
    cloneCopies > 1
      ? `up to ${cloneCopies} copies of each logical volume, as the image.data says`
      : 'one copy of each logical volume';
  return rootvgUsedMb > requiredMb ? `${copies}; rootvg uses ${rootvgUsedMb} MB counting its mirrors` : copies;
}

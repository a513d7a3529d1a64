import type { CommandModule } from 'yargs';
import { specFromArgs, withCloneSpecFlags } from '../clone-spec';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { EXIT } from '../exit-codes';
import { countErrors, renderFindingsTable } from '../output/findings';
import { shellLine } from '../output/job';
import { renderFields } from '../output/table';
import { lineWidth } from '../output/wrap';
import { splitHost } from './positionals';

type Args = GlobalArgs & { args: string[] | undefined } & Record<string, unknown>;

export const planCommand: CommandModule<GlobalArgs, Args> = {
  command: 'plan [args..]',
  describe: 'Run the preflight checks for a clone and show exactly what it would run; changes nothing: altctl plan HOST DISK... [clone options]',
  builder: (y) =>
    withCloneSpecFlags(y.positional('args', { type: 'string', array: true, describe: 'HOST DISK...: as for altctl clone' }))
      .example('$0 plan host1 hdisk1', 'would a clone to hdisk1 start, and what would it run?')
      .epilogue('Exit status 0 when the clone could start, 3 when a finding is an error.') as never,
  handler: (args) => {
    const { host, rest: disks } = splitHost(args.args, ['DISK'], { variadic: true, disks: true, example: 'altctl plan host1 hdisk1' });
    return withAgent(args, host, async ({ clients, out, timeout }) => {
      const response = await call(clients.clone, 'planClone', { spec: specFromArgs(args, disks) }, timeout);
      const errors = countErrors(response.findings);
      out.message('PlanCloneResponse', response);
      out.text(response.findings.length > 0 ? renderFindingsTable(response.findings, lineWidth(process.stdout)) : 'No findings.\n');
      out.text('\n');
      out.text(
        renderFields([
          ['Ready', response.ready && errors === 0 ? 'yes: altctl clone with the same arguments would start' : `no: ${errors} error finding(s) above must be fixed first`],
          ['Space', `the clone needs ${response.requiredMb} MB (${copiesNote(response.cloneCopies, response.requiredMb, response.rootvgUsedMb)}); the target disks have ${response.targetMb} MB`],
          ['Command', response.command.length > 0 ? shellLine(response.command) : '-'],
          ['Environment', response.environment.length > 0 ? response.environment.join(' ') : '(none)'],
        ]),
      );
      if (!response.ready || errors > 0) process.exitCode = EXIT.PRECONDITION;
    });
  },
};

/** What the space counts: the clone's copies, and rootvg's own use when its mirrors make it larger. */
function copiesNote(cloneCopies: number, requiredMb: number, rootvgUsedMb: number): string {
  const copies = cloneCopies > 1 ? `up to ${cloneCopies} copies of each logical volume, as the image.data says` : 'one copy of each logical volume';
  return rootvgUsedMb > requiredMb ? `${copies}; rootvg uses ${rootvgUsedMb} MB counting its mirrors` : copies;
}

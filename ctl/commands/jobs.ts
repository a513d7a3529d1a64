import type { CommandModule } from 'yargs';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { shortEnum } from '../output/enums';
import { formatPercent } from '../output/job';
import { renderTable } from '../output/table';
import { withHost } from './host-positional';
import { numberOption } from '../number-options';

type Args = GlobalArgs & { host: string | undefined; limit: number | undefined };

export const jobsCommand: CommandModule<GlobalArgs, Args> = {
  command: 'jobs [host]',
  describe: "List the host's jobs (clones, removals, wakes, sleeps), newest first",
  builder: (y) => withHost(y).option('limit', { type: 'string', requiresArg: true, coerce: numberOption('limit', { min: 1, max: 1000, whole: true, what: 'jobs' }), describe: 'At most this many jobs, 1-1000 (default 50)' }),
  handler: (args) =>
    withAgent(args, args.host, async ({ clients, out, timeout }) => {
      const limit = args.limit ?? 0;
      const response = await call(clients.clone, 'listJobs', { limit }, timeout);
      out.message('ListJobsResponse', response);
      if (response.jobs.length === 0) {
        out.text('No jobs on this host yet.\n');
        return;
      }
      out.text(
        renderTable(
          ['ID', 'KIND', 'STATE', 'DISKS', 'PHASE', 'PERCENT', 'STARTED', 'FINISHED'],
          response.jobs.map((j) => [
            j.id,
            shortEnum('JobKind', j.kind),
            shortEnum('JobState', j.state),
            j.disks.join(',') || '-',
            j.phase ? `${j.phase}/3` : '-',
            formatPercent(j.percent),
            j.startedAt || '-',
            j.finishedAt || '-',
          ]),
        ),
      );
    }),
};

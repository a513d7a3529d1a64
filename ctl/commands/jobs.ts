import { defineCommand } from '../command';
import { shortEnum } from '../output/enums';
import { formatPercent } from '../output/job';
import { renderTable } from '../output/table';
import { numberOption } from '../number-options';

export const jobsCommand = defineCommand({
  command: 'jobs',
  describe: "List the host's jobs (clones, removals, wakes, sleeps), newest first",
  builder: (y) =>
    y.option('limit', {
      type: 'string',
      requiresArg: true,
      coerce: numberOption('limit', { min: 1, max: 1000, whole: true, what: 'jobs' }),
      describe: 'At most this many jobs, 1-1000 (default 50)',
    }),
  rpc: { service: 'clone', method: 'listJobs' },
  request: ({ args }) => ({ limit: args.limit ?? 0 }),
  render: (response, { out }) => {
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
  },
});

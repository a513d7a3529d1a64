import type { CommandModule } from 'yargs';
import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import { call } from '../client';
import { withAgent, type GlobalArgs } from '../context';
import { shortEnum } from '../output/enums';
import { formatDuration, formatPercent, isFinished, phaseLabel, shellLine } from '../output/job';
import { renderFields } from '../output/table';
import { splitHost } from './positionals';
import { fillHost } from '../output/host-placeholder';

type Args = GlobalArgs & { args: string[] | undefined };

export const jobCommand: CommandModule<GlobalArgs, Args> = {
  command: 'job [args..]',
  describe: 'Show one job in full: state, progress, command, outcome and next step: altctl job HOST JOB',
  builder: (y) => y.positional('args', { type: 'string', array: true, describe: 'HOST JOB' }).example('$0 job host1 20261123-101500-clone-3f2a9c', '') as never,
  handler: (args) => {
    const { host, rest } = splitHost(args.args, ['JOB'], { example: 'altctl job host1 20261123-101500-clone-3f2a9c' });
    return withAgent(args, host, async ({ clients, out, timeout }) => {
      const response = await call(clients.clone, 'getJob', { jobId: rest[0] as string }, timeout);
      out.message('GetJobResponse', response);
      if (response.job) out.text(renderJob(response.job));
    });
  },
};

export function renderJob(job: Job__Output): string {
  const fields: [string, string | number][] = [
    ['Job', job.id],
    ['Kind', shortEnum('JobKind', job.kind)],
    ['State', isFinished(job.state) ? `${shortEnum('JobState', job.state)} (exit ${job.exitCode})` : shortEnum('JobState', job.state)],
    ['Disks', job.disks.join(' ') || '-'],
    ['Phase', phaseLabel(job.phase) || '-'],
    ['Step', job.step || '-'],
    ['Progress', `${formatPercent(job.percent)}${!isFinished(job.state) && job.etaSeconds >= 0 ? `, about ${formatDuration(job.etaSeconds)} left` : ''}`],
    ['Created', job.createdAt || '-'],
    ['Started', job.startedAt || '-'],
    ['Finished', job.finishedAt || '-'],
    ['Command', job.command.length > 0 ? shellLine(job.command) : '-'],
    ['Environment', job.environment.join(' ') || '(none)'],
    ['Request id', job.requestId || '-'],
    ['Last event', job.lastSequence],
    ['Summary', fillHost(job.summary) || '-'],
    ['Next step', fillHost(job.nextStep) || '-'],
    ['Left on host', fillHost(job.leftover) || '(nothing)'],
  ];
  job.warnings.forEach((w, i) => fields.push([i === 0 ? 'Warnings' : '', w]));
  return renderFields(fields);
}

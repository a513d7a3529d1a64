import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import { defineCommand } from '../command';
import { shortEnum } from '../output/enums';
import { formatDuration, formatPercent, isFinished, phaseLabel, shellLine } from '../output/job';
import { renderFields } from '../output/table';
import { fillHost } from '../output/host-placeholder';

export const jobCommand = defineCommand({
  command: 'job',
  describe: 'Show one job in full: state, progress, command, outcome and next step: altctl job HOST JOB',
  positionals: { names: ['JOB'], describe: 'HOST JOB', example: 'altctl job host1 20261123-101500-clone-3f2a9c' },
  builder: (y) => y.example('$0 job host1 20261123-101500-clone-3f2a9c', ''),
  rpc: { service: 'clone', method: 'getJob' },
  request: ({ words }) => ({ jobId: words.JOB }),
  render: (response, { out }) => {
    if (response.job) out.text(renderJob(response.job));
  },
});

export function renderJob(job: Job__Output): string {
  const fields: [string, string | number][] = [
    ['Job', job.id],
    ['Kind', shortEnum('JobKind', job.kind)],
    [
      'State',
      isFinished(job.state)
        ? `${shortEnum('JobState', job.state)} (exit ${job.exitCode})`
        : shortEnum('JobState', job.state),
    ],
    ['Disks', job.disks.join(' ') || '-'],
    ['Phase', phaseLabel(job.phase) || '-'],
    ['Step', job.step || '-'],
    [
      'Progress',
      `${formatPercent(job.percent)}${!isFinished(job.state) && job.etaSeconds >= 0 ? `, about ${formatDuration(job.etaSeconds)} left` : ''}`,
    ],
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

import type { JobEvent__Output } from '../../shared/generated/altdisk/v1/JobEvent';
import { shortEnum } from '../output/enums';
import { PHASE_NAMES } from '../../shared/phases';
import { formatDuration, formatPercent, oneLine } from '../output/job';

/** One event as one line of text (without time stamp): the plain log and the TTY's lines above. */
export function describeEvent(e: JobEvent__Output): string {
  const text = oneLine(e.text);
  // the agent may already start its text with the same word ("started: alt_disk_copy ...")
  const withText = (head: string) =>
    !text ? head : text.toLowerCase().startsWith(head.toLowerCase()) ? text : `${head}: ${text}`;
  switch (e.type) {
    case 'EVENT_TYPE_STARTED':
      return withText('started');
    case 'EVENT_TYPE_PHASE_STARTED':
      return `phase ${e.phase}/3 started: ${PHASE_NAMES[e.phase] ?? 'unknown phase'}`;
    case 'EVENT_TYPE_PHASE_FINISHED':
      return `phase ${e.phase}/3 finished: ${PHASE_NAMES[e.phase] ?? 'unknown phase'}`;
    case 'EVENT_TYPE_STEP':
      return `step: ${oneLine(e.step)}`;
    case 'EVENT_TYPE_PROGRESS':
      return `progress: ${formatPercent(e.percent)}${e.etaSeconds >= 0 ? `, about ${formatDuration(e.etaSeconds)} left` : ''}`;
    case 'EVENT_TYPE_OUTPUT':
      return `output: ${text}`;
    case 'EVENT_TYPE_WARNING':
      return `warning: ${text}`;
    case 'EVENT_TYPE_CANCEL_REQUESTED':
      return withText('cancel requested');
    case 'EVENT_TYPE_FINISHED':
      return withText(`finished: ${shortEnum('JobState', e.state)} (exit ${e.exitCode})`);
    default:
      // an event type newer than this altctl: still show what it says
      return withText(`event ${shortEnum('EventType', e.type)}`);
  }
}

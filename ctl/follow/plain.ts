import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import type { JobEvent__Output } from '../../shared/generated/altdisk/v1/JobEvent';
import { interruptedMessage, isoSeconds, outcomeLines } from '../output/job';
import { describeEvent } from './describe';
import type { Interruption, JobRenderer, TextSink } from './renderer';

/**
 * For pipes and log files: one time-stamped line per event, nothing redrawn, no control
 * characters, so `altctl clone ... | tee clone.log` reads like a log.
 */
export class PlainRenderer implements JobRenderer {
  constructor(
    private readonly out: TextSink,
    private readonly now: () => number,
  ) {}

  begin(_job?: Job__Output): void {}

  event(event: JobEvent__Output): void {
    // the agent's time, not ours: it is when the host did it
    this.out.write(`${event.time || isoSeconds(this.now())} ${describeEvent(event)}\n`);
  }

  notice(message: string): void {
    this.out.write(`${isoSeconds(this.now())} ${message}\n`);
  }

  line(text: string): void {
    this.out.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  tick(): void {}

  finish(job: Job__Output): void {
    for (const line of outcomeLines(job)) this.out.write(`${line}\n`);
  }

  interrupted(info: Interruption): void {
    this.out.write(`${interruptedMessage(info.jobId, info.host)}\n`);
  }

  close(): void {}
}

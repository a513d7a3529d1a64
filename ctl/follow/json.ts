import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import type { JobEvent__Output } from '../../shared/generated/altdisk/v1/JobEvent';
import { jsonLine, renderType } from '../output/json';
import { interruptedMessage, isoSeconds } from '../output/job';
import type { Interruption, JobRenderer, TextSink } from './renderer';

/**
 * JSON Lines on stdout: {"event": ...} per event, and last {"job": ...} (GetJobResponse)
 * or {"interrupted": ...}. Notices about the connection go to stderr, so stdout holds
 * only the job's own documents.
 */
export class JsonRenderer implements JobRenderer {
  constructor(
    private readonly out: TextSink,
    private readonly err: TextSink,
    private readonly now: () => number,
    /** Added to the finished {"job"} line, e.g. clone's `started`. */
    private readonly finalFields: Record<string, unknown> = {},
  ) {}

  begin(_job?: Job__Output): void {}

  event(event: JobEvent__Output): void {
    this.out.write(jsonLine({ event: renderType('JobEvent', event) }));
  }

  notice(message: string): void {
    this.err.write(jsonLine({ notice: { time: isoSeconds(this.now()), message } }));
  }

  line(_text?: string): void {}

  tick(): void {}

  finish(job: Job__Output): void {
    this.out.write(jsonLine({ ...renderType('GetJobResponse', { job }), ...this.finalFields }));
  }

  interrupted(info: Interruption): void {
    this.out.write(
      jsonLine({
        interrupted: {
          jobId: info.jobId,
          host: info.host,
          lastSequence: info.lastSequence,
          message: interruptedMessage(info.jobId, info.host),
          // with --from, a script resumes exactly after the last event it saw
          reattach: ['altctl', 'watch', info.host, info.jobId, '--from', String(info.lastSequence), '--json'],
        },
      }),
    );
  }

  close(): void {}
}

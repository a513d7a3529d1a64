import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import type { JobEvent__Output } from '../../shared/generated/altdisk/v1/JobEvent';
import { PHASE_NAMES } from '../../shared/phases';
import { formatDuration, formatPercent, interruptedMessage, oneLine, outcomeLines } from '../output/job';
import { describeEvent } from './describe';
import type { Interruption, JobRenderer, TextSink } from './renderer';

/** Carriage return, then erase the whole line: the status line is redrawn in place. */
export const CLEAR_LINE = '\r\x1b[2K';
const SPINNER = ['|', '/', '-', '\\'];
const BAR_WIDTH = 20;

export interface TtyStream extends TextSink {
  readonly columns?: number;
}

/**
 * The live display for a terminal: one status line at the bottom (phase, bar, percent,
 * ETA, current step), redrawn in place; phase boundaries, warnings and output are
 * printed as ordinary lines above it. Written by hand rather than with cli-progress:
 * the display needs lines printed above the bar as events arrive (cli-progress buffers
 * those until its next timed redraw), redraws driven by events rather than a timer, and
 * output that tests can assert byte for byte; that is about a hundred lines.
 */
export class TtyRenderer implements JobRenderer {
  private phase = 0;
  private step = '';
  private percent = 0;
  private etaSeconds = -1;
  private etaAt = 0;
  private spin = 0;
  /** The job runs and the status line belongs at the bottom. */
  private live = false;
  /** A status line is on the screen now (and must be erased before other output). */
  private drawn = false;

  constructor(
    private readonly out: TtyStream,
    private readonly now: () => number,
  ) {}

  begin(job: Job__Output | undefined): void {
    if (job) {
      this.phase = job.phase;
      this.step = job.step;
      this.percent = job.percent;
      this.setEta(job.etaSeconds);
    }
    this.live = true;
    this.draw();
  }

  event(e: JobEvent__Output): void {
    if (e.phase) this.phase = e.phase;
    switch (e.type) {
      case 'EVENT_TYPE_STEP':
        this.step = e.step;
        break;
      case 'EVENT_TYPE_PROGRESS':
        this.percent = e.percent;
        this.setEta(e.etaSeconds);
        if (e.step) this.step = e.step;
        break;
      case 'EVENT_TYPE_PHASE_STARTED':
        this.step = ''; // the last phase's step would read as this phase's
        this.above(describeEvent(e));
        break;
      case 'EVENT_TYPE_FINISHED':
        this.live = false;
        this.above(describeEvent(e));
        return;
      default:
        this.above(describeEvent(e));
    }
    this.draw();
  }

  notice(message: string): void {
    this.above(message);
    this.draw();
  }

  line(text: string): void {
    this.above(text.endsWith('\n') ? text.slice(0, -1) : text);
    this.draw();
  }

  tick(): void {
    this.spin += 1;
    this.draw();
  }

  finish(job: Job__Output): void {
    this.live = false;
    this.erase();
    for (const line of outcomeLines(job)) this.out.write(`${line}\n`);
  }

  interrupted(info: Interruption): void {
    this.live = false;
    this.erase();
    this.out.write(`${interruptedMessage(info.jobId, info.host)}\n`);
  }

  close(): void {
    this.live = false;
    this.erase();
  }

  /** The status line as it would be drawn now (without the escape codes). */
  statusLine(): string {
    const phase = this.phase ? `phase ${this.phase}/3 ${PHASE_NAMES[this.phase] ?? ''}`.trimEnd() : 'starting';
    const filled = Math.min(BAR_WIDTH, Math.max(0, Math.floor((this.percent / 100) * BAR_WIDTH)));
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
    const remaining = this.etaSeconds < 0 ? -1 : Math.max(0, this.etaSeconds - (this.now() - this.etaAt) / 1000);
    const eta = remaining < 0 ? 'ETA --' : `ETA ${formatDuration(remaining)}`;
    const text =
      `${SPINNER[this.spin % SPINNER.length]} ${phase}  ${bar} ${formatPercent(this.percent).padStart(4)}  ${eta}  ${oneLine(this.step)}`.trimEnd();
    // one column short of the width: a line that fills the last column wraps on some
    // terminals, and a wrapped status line can no longer be redrawn with \r
    const width = Math.max(20, (this.out.columns || 80) - 1);
    return text.length > width ? `${text.slice(0, width - 3)}...` : text;
  }

  private setEta(seconds: number): void {
    this.etaSeconds = seconds;
    this.etaAt = this.now();
  }

  private draw(): void {
    if (!this.live) return;
    this.out.write(`${CLEAR_LINE}${this.statusLine()}`);
    this.drawn = true;
  }

  private above(text: string): void {
    this.erase();
    this.out.write(`${text}\n`);
  }

  private erase(): void {
    if (!this.drawn) return;
    this.out.write(CLEAR_LINE);
    this.drawn = false;
  }
}

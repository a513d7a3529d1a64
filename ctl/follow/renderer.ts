import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import type { JobEvent__Output } from '../../shared/generated/altdisk/v1/JobEvent';
import { JsonRenderer } from './json';
import { PlainRenderer } from './plain';
import { TtyRenderer } from './tty';

/** Where a renderer writes: a stream, or a capture in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/** Where Ctrl-C left a followed job. */
export interface Interruption {
  readonly jobId: string;
  /** HOST as the user gave it, for the re-attach command. */
  readonly host: string;
  readonly lastSequence: number;
}

/**
 * Shows a followed job. The follower calls these in order: begin, then event/notice/tick
 * any number of times, then finish or interrupted, and close on every path. Three
 * implementations: a live status line for a terminal, time-stamped lines for a pipe, and
 * JSON Lines for scripts.
 */
export interface JobRenderer {
  /** The job as known before its events arrive (StartClone's answer, GetJob), if any. */
  begin(job: Job__Output | undefined): void;
  /** One event, each at most once, in sequence order. */
  event(event: JobEvent__Output): void;
  /** Something about the following itself (lost the agent, reconnected). */
  notice(message: string): void;
  /** Text for people before the events (warnings of the start, what is followed); not in JSON. */
  line(text: string): void;
  /** About once a second, so a live display can show it is alive between events. */
  tick(): void;
  /** The finished job (GetJob): what happened and what to do next. */
  finish(job: Job__Output): void;
  /** Ctrl-C: the job goes on; say how to come back to it. */
  interrupted(info: Interruption): void;
  /** Leaves the terminal clean (no half-drawn status line), whatever happened. */
  close(): void;
}

export interface RendererStreams {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => number;
}

export type RendererKind = 'tty' | 'plain' | 'json';

/** --json wins; a terminal gets the live display unless TERM says it cannot redraw. */
export function chooseRenderer(json: boolean, streams: RendererStreams): RendererKind {
  if (json) return 'json';
  const term = (streams.env ?? process.env)['TERM'];
  return streams.stdout.isTTY === true && term !== 'dumb' ? 'tty' : 'plain';
}

export function createRenderer(kind: RendererKind, streams: RendererStreams): JobRenderer {
  const now = streams.now ?? Date.now;
  switch (kind) {
    case 'json':
      return new JsonRenderer(streams.stdout, streams.stderr, now);
    case 'tty':
      return new TtyRenderer(streams.stdout, now);
    case 'plain':
      return new PlainRenderer(streams.stdout, now);
  }
}

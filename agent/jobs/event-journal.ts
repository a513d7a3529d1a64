import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import type { EventType } from '../../shared/generated/altdisk/v1/EventType';
import type { JobState } from '../../shared/generated/altdisk/v1/JobState';
import type { JobConclusion, JobEnd, JobProgress } from './job-record';
import { setAsideName, writeFileAtomic } from '../fs/atomic-write';
import { openOwnFile, readOwnFile } from '../fs/own-files';

/** A job event as journaled: the contract's JobEvent without the job id. */
export interface JournalEvent {
  sequence: number;
  time: string;
  type: Exclude<EventType, number>;
  phase: number;
  step: string;
  percent: number;
  etaSeconds: number;
  text: string;
  state: Exclude<JobState, number>;
  exitCode: number;
}

export type NewEvent = Partial<Omit<JournalEvent, 'sequence' | 'time'>> & Pick<JournalEvent, 'type'>;

/**
 * Where the follower had got to when a batch was committed: how far it had read
 * the command's output, its interpreter's state and the job's progress. Resuming
 * from the last cursor re-reads nothing twice and skips nothing.
 */
export interface Cursor {
  outputOffset: number;
  interpreter: unknown;
  progress: JobProgress;
  /** Set once the command's end is known and its closing events are in: how it ended. */
  ended?: JobEnd;
  /** Set with the FINISHED event: the job's final fields, for a restart to finish saving them. */
  concluded?: JobConclusion;
}

interface JournalLine {
  e: JournalEvent;
  /** Present on the last line of every committed batch. */
  c?: Cursor;
}

const DEFAULTS: Omit<JournalEvent, 'sequence' | 'time' | 'type'> = {
  phase: 0,
  step: '',
  percent: 0,
  etaSeconds: -1,
  text: '',
  state: 'JOB_STATE_RUNNING',
  exitCode: -1,
};

/**
 * The append-only journal of one job's events (STATE_DIR/jobs/ID/events.jsonl).
 *
 * Events are written in batches: one write and one fsync per batch, the batch's last
 * line carrying the cursor. A batch is committed once fsynced; readers never look
 * past the committed length. After a crash, open() drops whatever follows the last
 * cursor (a torn line, or a batch no reader was ever shown), so sequence numbers
 * continue without a gap or a duplicate.
 */
export class EventJournal extends EventEmitter {
  private fd: number;
  private length: number;
  private sequence: number;
  private cursor: Cursor | undefined;

  private constructor(
    readonly file: string,
    fd: number,
    length: number,
    sequence: number,
    cursor: Cursor | undefined,
  ) {
    super();
    this.fd = fd;
    this.length = length;
    this.sequence = sequence;
    this.cursor = cursor;
  }

  /** Where a journal with damage before its end was copied before recovery cut it; undefined if none. */
  setAside: string | undefined;

  static open(file: string): EventJournal {
    const { length, sequence, cursor, damaged } = recover(file);
    let setAside: string | undefined;
    if (damaged) {
      // Committed events follow the damage: keep the whole file before cutting it back.
      setAside = setAsideName(file);
      writeFileAtomic(setAside, readOwnFile(file));
    }
    const fd = openOwnFile(file, fs.constants.O_RDWR | fs.constants.O_CREAT);
    if (fs.fstatSync(fd).size !== length) {
      fs.ftruncateSync(fd, length);
      fs.fsyncSync(fd);
    }
    const journal = new EventJournal(file, fd, length, sequence, cursor);
    journal.setAside = setAside;
    return journal;
  }

  get lastSequence(): number {
    return this.sequence;
  }

  get lastCursor(): Cursor | undefined {
    return this.cursor;
  }

  /** Bytes readers may read: everything committed. */
  get committedLength(): number {
    return this.length;
  }

  /** Appends a batch and commits it; returns the events as journaled. */
  append(events: readonly NewEvent[], cursor: Cursor, now: Date = new Date()): JournalEvent[] {
    if (events.length === 0) return [];
    const time = now.toISOString();
    const written = events.map((e, i) => ({ ...DEFAULTS, ...e, sequence: this.sequence + i + 1, time }));
    const lines =
      written.map((e, i) => JSON.stringify(i === written.length - 1 ? { e, c: cursor } : { e })).join('\n') + '\n';
    const bytes = Buffer.from(lines, 'utf8');
    try {
      let done = 0;
      while (done < bytes.length) done += fs.writeSync(this.fd, bytes, done, bytes.length - done, this.length + done);
      fs.fsyncSync(this.fd);
    } catch (err) {
      // Nothing of a failed batch counts: cut back what reached the file, keep the sequence.
      try {
        fs.ftruncateSync(this.fd, this.length);
      } catch {
        // open() cuts back to the last cursor anyway
      }
      throw err;
    }
    this.sequence += written.length;
    this.length += bytes.length;
    this.cursor = cursor;
    this.emit('append', this.length);
    return written;
  }

  close(): void {
    fs.closeSync(this.fd);
    this.emit('close');
  }
}

/** Finds the last committed batch: its end, its last sequence, its last event's type and its cursor. Reads only. */
export function recover(file: string): {
  length: number;
  sequence: number;
  lastType: JournalEvent['type'] | undefined;
  cursor: Cursor | undefined;
  damaged: boolean;
} {
  let text: string;
  try {
    text = readOwnFile(file).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return { length: 0, sequence: 0, lastType: undefined, cursor: undefined, damaged: false };
    throw err;
  }
  let offset = 0;
  let committed = {
    length: 0,
    sequence: 0,
    lastType: undefined as JournalEvent['type'] | undefined,
    cursor: undefined as Cursor | undefined,
    damaged: false,
  };
  const lines = text.split('\n');
  const total = Buffer.byteLength(text, 'utf8');
  for (const [i, line] of lines.entries()) {
    const end = offset + Buffer.byteLength(line, 'utf8') + 1;
    if (end > total) break; // a last line without its newline is torn
    offset = end;
    let parsed: JournalLine;
    try {
      parsed = JSON.parse(line) as JournalLine;
    } catch {
      // torn or corrupt: nothing after it can be trusted; more than a torn tail is damage
      committed.damaged = lines.slice(i + 1).some((l) => l.trim() !== '');
      break;
    }
    if (parsed.c)
      committed = {
        length: end,
        sequence: parsed.e.sequence,
        lastType: parsed.e.type,
        cursor: parsed.c,
        damaged: false,
      };
  }
  return committed;
}

/**
 * Reads the events between two byte offsets of a journal, in order. Memory stays
 * bounded whatever the journal's size, and no descriptor is held while the consumer
 * waits (a watcher whose client stops reading): each step opens the file, reads at most
 * `chunkBytes` and closes it again before yielding the lines it holds.
 */
export async function* readJournal(
  file: string,
  from: number,
  to: number,
  chunkBytes = 16 * 1024,
): AsyncGenerator<{ event: JournalEvent; end: number }> {
  let position = from;
  let carry = Buffer.alloc(0);
  while (position < to) {
    const chunk = readChunk(file, position, Math.min(chunkBytes, to - position));
    if (chunk.length === 0) break;
    position += chunk.length;
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const base = position - data.length;
    let lineStart = 0;
    let newline: number;
    while ((newline = data.indexOf(10, lineStart)) >= 0) {
      const line = data.toString('utf8', lineStart, newline);
      lineStart = newline + 1;
      yield { event: (JSON.parse(line) as JournalLine).e, end: base + lineStart };
    }
    carry = Buffer.from(data.subarray(lineStart));
  }
}

function readChunk(file: string, position: number, length: number): Buffer {
  const fd = openOwnFile(file, fs.constants.O_RDONLY);
  try {
    const buffer = Buffer.alloc(length);
    const read = fs.readSync(fd, buffer, 0, length, position);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { FailedPreconditionError } from '../../shared/errors';
import { syncDirectory } from '../fs/atomic-write';
import { readOwnJson } from '../fs/own-files';
import * as path from 'node:path';

interface Holder {
  /** The job's id, or an id made up for a short operation that is not a job. */
  jobId: string;
  what: string;
  since: string;
  /** false for a short operation (bootlist, bosboot, rollback, reboot); absent means a job. */
  job?: boolean;
}

/**
 * One operation on the host's root volume groups and boot state at a time, across agent
 * restarts: STATE_DIR/jobs/ACTIVE is created exclusively (O_EXCL) by the job or short
 * operation that holds it and removed when that one is over. A file left by a holder that
 * is no longer active (the agent died before the job was written, or after it ended) is
 * stale and taken over. Short operations of this process (exclusive()) also queue behind
 * each other in the order they were asked, so two of them never refuse each other.
 */
export class HostOperationLock {
  /** Short operations of this process, in the order asked: each runs when the one before is over. */
  private queue: Promise<unknown> = Promise.resolve();
  /** What the short operation at the head of the queue is, for messages. */
  private running: string | undefined;
  /** Ids of the short operations holding the lock now: active while they run, never stale. */
  private readonly operations = new Set<string>();

  /** isActive says whether a job (by its id) is still active in this process: a lock it holds is not stale. */
  constructor(
    private readonly file: string,
    private readonly isActive: (jobId: string) => boolean,
  ) {}

  /** The short operation (bootlist, bosboot ...) this process runs under the lock now; undefined when none. */
  get heldBy(): string | undefined {
    return this.running;
  }

  /**
   * Runs a short change of the host's boot state (bootlist, bosboot, rollback, reboot):
   * after the short operations asked before it, and under the same host lock as jobs, so
   * neither can start while the other runs (one that finds a job holding it is refused).
   */
  exclusive<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      this.running = what;
      try {
        const id = `operation-${randomBytes(4).toString('hex')}`;
        this.operations.add(id); // active while it runs, so no one takes its lock as stale
        try {
          this.acquire(id, what, false);
          try {
            return await fn();
          } finally {
            this.release(id);
          }
        } finally {
          this.operations.delete(id);
        }
      } finally {
        this.running = undefined;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private holds(id: string): boolean {
    return this.operations.has(id) || this.isActive(id);
  }

  /** Takes the lock for a job, or (job false) for a short operation run under exclusive(). */
  acquire(jobId: string, what: string, job = true): void {
    for (let attempt = 0; attempt < 3; attempt++) {
      let fd: number;
      try {
        fd = fs.openSync(
          this.file,
          fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0),
          0o600,
        );
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = this.holder();
        if (holder && this.holds(holder.jobId)) {
          if (holder.job === false) {
            throw new FailedPreconditionError(
              'operation-running',
              `${holder.what} has been changing the host's boot state since ${holder.since}; only one such operation runs at a time`,
              'retry when it is done (it takes seconds)',
            );
          }
          throw new FailedPreconditionError(
            'operation-running',
            `job ${holder.jobId} (${holder.what}) has been changing the root volume groups since ${holder.since}; only one such operation runs at a time`,
            `follow it with \`altctl watch HOST ${holder.jobId}\`, or cancel it with \`altctl cancel HOST ${holder.jobId}\``,
          );
        }
        fs.rmSync(this.file, { force: true }); // stale
        continue;
      }
      try {
        fs.writeFileSync(
          fd,
          JSON.stringify({
            jobId,
            what,
            since: new Date().toISOString(),
            ...(job ? {} : { job: false }),
          } satisfies Holder),
        );
        fs.fsyncSync(fd);
      } catch (err) {
        fs.rmSync(this.file, { force: true }); // a half-written lock would read as stale to others
        throw err;
      } finally {
        fs.closeSync(fd);
      }
      syncDirectory(path.dirname(this.file));
      return;
    }
    throw new Error(`could not take ${this.file}`);
  }

  /**
   * Removes a lock whose holder is no longer active, as a new agent finds it when the
   * last one died between saving a job final and releasing its lock. Returns the holder
   * it removed ('' for a torn lock), or undefined when the lock is free or held.
   */
  releaseStale(): string | undefined {
    if (!fs.existsSync(this.file)) return undefined;
    const holder = this.holder();
    if (holder && this.holds(holder.jobId)) return undefined;
    fs.rmSync(this.file, { force: true });
    syncDirectory(path.dirname(this.file));
    return holder?.jobId ?? '';
  }

  release(jobId: string): void {
    if (this.holder()?.jobId === jobId) fs.rmSync(this.file, { force: true });
  }

  holder(): Holder | undefined {
    try {
      return readOwnJson<Holder>(this.file);
    } catch {
      return undefined; // torn by a crash mid-write: treated as stale
    }
  }
}

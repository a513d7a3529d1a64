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
 * One operation on the host's root volume groups at a time, across agent restarts:
 * STATE_DIR/jobs/ACTIVE is created exclusively (O_EXCL) by the job that holds it
 * and removed when that job is over. A file left by a job that is no longer active
 * (the agent died before the job was written, or after it ended) is stale and taken over.
 */
export class HostOperationLock {
  constructor(private readonly file: string, private readonly isActive: (jobId: string) => boolean) {}

  /** Takes the lock for a job, or (job false) for a short operation run under exclusive(). */
  acquire(jobId: string, what: string, job = true): void {
    for (let attempt = 0; attempt < 3; attempt++) {
      let fd: number;
      try {
        fd = fs.openSync(this.file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o600);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = this.holder();
        if (holder && this.isActive(holder.jobId)) {
          if (holder.job === false) {
            throw new FailedPreconditionError('operation-running', `${holder.what} has been changing the host's boot state since ${holder.since}; only one such operation runs at a time`, 'retry when it is done (it takes seconds)');
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
        fs.writeFileSync(fd, JSON.stringify({ jobId, what, since: new Date().toISOString(), ...(job ? {} : { job: false }) } satisfies Holder));
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
    if (holder && this.isActive(holder.jobId)) return undefined;
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

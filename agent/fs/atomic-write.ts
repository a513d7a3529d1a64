import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces a file so that a reader, or the agent after a crash, sees either the
 * old content or the new, never a mix: write a temporary file, fsync it, rename it
 * over the target, fsync the directory.
 */
export function writeFileAtomic(file: string, data: string | Buffer, mode = 0o600): void {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  // O_EXCL refuses anything already at the temporary name (a link included); the rename
  // then replaces whatever is at `file` without following it.
  const fd = fs.openSync(
    tmp,
    fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0),
    mode,
  );
  try {
    try {
      // writeFileSync on a descriptor writes until all is written; writeSync may stop short
      fs.writeFileSync(fd, data);
      // open()'s mode is filtered by the umask; scripts need exactly 0700.
      fs.fchmodSync(fd, mode);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    // a full disk must not also keep the half-written temporary file
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  syncDirectory(path.dirname(file));
}

/** fsync a directory so a rename or a new file in it survives a crash. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // some platforms cannot fsync a directory; the rename is still atomic
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Where a file or directory is kept for the admin when the agent cannot use it:
 * PATH.corrupt-<UTC time> (damaged), PATH.foreign-<UTC time> (from another boot environment).
 */
export function setAsideName(file: string, why: SetAsideReason = 'corrupt', now: Date = new Date()): string {
  return `${file}.${why}-${now.toISOString().replace(/[-:.]/g, '')}`;
}

export type SetAsideReason = 'corrupt' | 'foreign';

/** Whether a name is one setAsideName made, so scans can skip it. */
export function isSetAside(name: string): boolean {
  return /\.(corrupt|foreign)-\d{8}T\d{9}Z$/.test(name);
}

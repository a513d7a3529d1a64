import * as fs from 'node:fs';

/**
 * The agent's own files (everything under its state directory) are opened so that a
 * planted name cannot redirect a root process: never through a symbolic link (O_NOFOLLOW),
 * never a FIFO or device that would block or leak (O_NONBLOCK, then a regular-file check),
 * only files the agent's own user owns, and only with one link, so a hard link made to
 * /etc/passwd while the directory was writable is refused rather than appended to.
 */
export class UnsafeFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(
      `${file} ${problem}; the agent does not open it: remove it (or move it away) and check who could write the agent's state directory`,
    );
    this.name = 'UnsafeFileError';
  }
}

const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** The user whose files the agent trusts: root on AIX, the agent's own user elsewhere. */
export function agentUid(): number {
  return process.geteuid?.() ?? 0;
}

/** open(2) on one of the agent's files, checked as above; the caller closes the descriptor. */
export function openOwnFile(file: string, flags: number, mode = 0o600): number {
  // Without O_NOFOLLOW (no such platform is known), the name is looked at first and the
  // opened file compared with it, so a link swapped in between is still caught.
  const before = NOFOLLOW === 0 ? lstatIfAny(file) : undefined;
  if (before?.isSymbolicLink()) throw new UnsafeFileError(file, 'is a symbolic link');
  let fd: number;
  try {
    fd = fs.openSync(file, flags | NOFOLLOW | NONBLOCK, mode);
  } catch (err) {
    // Linux and AIX say ELOOP for O_NOFOLLOW on a link; the BSDs say EMLINK.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw new UnsafeFileError(file, 'is a symbolic link');
    throw err;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (before && (before.ino !== stat.ino || before.dev !== stat.dev))
      throw new UnsafeFileError(file, 'changed while it was being opened');
    const problem = ownFileProblem(stat);
    if (problem) throw new UnsafeFileError(file, problem);
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
  return fd;
}

/** Why a stat of one of the agent's files is not trusted; undefined when it is. */
export function ownFileProblem(stat: fs.Stats): string | undefined {
  if (stat.isSymbolicLink()) return 'is a symbolic link';
  if (!stat.isFile()) return 'is not a regular file';
  if (stat.uid !== agentUid()) return `is owned by uid ${stat.uid}, not by the agent's user (uid ${agentUid()})`;
  if (stat.nlink > 1) return `has ${stat.nlink} hard links, so it is also reachable by another name`;
  if ((stat.mode & 0o022) !== 0) return `is writable by group or others (mode ${(stat.mode & 0o777).toString(8)})`;
  return undefined;
}

/** The whole content of one of the agent's files. */
export function readOwnFile(file: string): Buffer {
  const fd = openOwnFile(file, fs.constants.O_RDONLY);
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads and parses one of the agent's JSON files; undefined when it does not exist. */
export function readOwnJson<T>(file: string): T | undefined {
  let text: string;
  try {
    text = readOwnFile(file).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return JSON.parse(text) as T;
}

/** A descriptor that appends to one of the agent's files, made 0600 if new. */
export function openOwnFileForAppend(file: string, mode = 0o600): number {
  return openOwnFile(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, mode);
}

/** Appends text to one of the agent's files, all of it. */
export function appendOwnFile(file: string, text: string): void {
  const fd = openOwnFileForAppend(file);
  try {
    fs.writeFileSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

function lstatIfAny(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

import * as fs from 'node:fs';
import { LockTimeoutError } from '../errors';

/**
 * An exclusive lock file holding the holder's pid, for the read-modify-write of
 * state.json by short-lived command processes.
 *
 * Synchronous on purpose: every command is a process that does one thing and exits, and
 * a blocking wait keeps start-up free of promises and timers.
 *
 * A lock whose pid is dead is broken. Breaking is itself guarded by a second lock file
 * (<lock>.break) so that two waiters who both saw the same dead pid cannot remove a
 * fresh lock taken in between by a third process.
 */
export interface LockOptions {
  /** Give up after this long. Default 15 s: a mutation takes milliseconds. */
  timeoutMs?: number;
  /** A lock file that is still empty (holder died between create and write) after this long is stale. Default 2 s. */
  emptyGraceMs?: number;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
/** Blocks the process for ms: the emulated commands are synchronous (see above). */
export function sleepMs(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

export function withLock<T>(lockPath: string, fn: () => T, options: LockOptions = {}): T {
  const release = acquire(lockPath, options);
  try {
    return fn();
  } finally {
    release();
  }
}

/** Takes the lock and returns the function that releases it. */
export function acquire(lockPath: string, options: LockOptions = {}): () => void {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const emptyGraceMs = options.emptyGraceMs ?? 2_000;
  const started = Date.now();
  const token = `${process.pid}\n`;
  let delay = 2;
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o644);
      try {
        fs.writeSync(fd, token);
      } finally {
        fs.closeSync(fd);
      }
      return () => releaseIfOurs(lockPath, token);
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
    }
    const holder = readHolder(lockPath);
    if (holder !== undefined && isStale(lockPath, holder, emptyGraceMs)) {
      breakLock(lockPath, holder);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= timeoutMs) {
      throw new LockTimeoutError(lockPath, holder === null ? 'an unknown process' : `pid ${holder}`, waited);
    }
    // Jittered, growing back-off: parallel bootlist runs should not retry in lockstep.
    sleepMs(delay + Math.floor(Math.random() * delay));
    delay = Math.min(delay * 2, 50);
  }
}

/** pid in the lock file, null if it is empty or garbled, undefined if the file is gone. */
function readHolder(lockPath: string): number | null | undefined {
  let text: string;
  try {
    text = fs.readFileSync(lockPath, 'utf8');
  } catch (err) {
    if (isCode(err, 'ENOENT')) return undefined;
    throw err;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isStale(lockPath: string, holder: number | null, emptyGraceMs: number): boolean {
  if (holder === null) {
    try {
      return Date.now() - fs.statSync(lockPath).mtimeMs > emptyGraceMs;
    } catch {
      return false;
    }
  }
  return !processAlive(holder);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return !isCode(err, 'ESRCH');
  }
}

function breakLock(lockPath: string, seenHolder: number | null): void {
  const guard = `${lockPath}.break`;
  let fd: number;
  try {
    fd = fs.openSync(guard, 'wx', 0o644);
  } catch (err) {
    if (!isCode(err, 'EEXIST')) throw err;
    // Someone else is breaking it; a guard left by a breaker that died is removed after a while.
    try {
      if (Date.now() - fs.statSync(guard).mtimeMs > 5_000) fs.rmSync(guard, { force: true });
    } catch {
      /* gone meanwhile */
    }
    sleepMs(2);
    return;
  }
  try {
    fs.closeSync(fd);
    // Re-check under the guard: the lock may have been released and re-taken since we looked.
    const now = readHolder(lockPath);
    if (now !== undefined && now === seenHolder) fs.rmSync(lockPath, { force: true });
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

function releaseIfOurs(lockPath: string, token: string): void {
  try {
    if (fs.readFileSync(lockPath, 'utf8') === token) fs.unlinkSync(lockPath);
  } catch (err) {
    if (!isCode(err, 'ENOENT')) throw err;
  }
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { StateCorruptError } from '../errors';
import { withLock, type LockOptions } from './lock';
import { STATE_SCHEMA_VERSION, type HostState } from './model';
import type { HostPaths } from './paths';

/**
 * Reading and writing DIR/state.json.
 *
 * Readers take no lock: the file is only ever replaced by rename(2) of a fully written,
 * fsynced temporary file, so a reader sees either the old or the new state, never half.
 * Writers serialise on DIR/state.lock and re-read inside it (read-modify-write).
 */

export function readState(paths: HostPaths): HostState {
  let text: string;
  try {
    text = fs.readFileSync(paths.state, 'utf8');
  } catch (err) {
    throw new StateCorruptError(
      `cannot read ${paths.state}: ${(err as Error).message}; is ${paths.root} a host made by "aixsim init"?`,
      { cause: err },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new StateCorruptError(`${paths.state} is not valid JSON; recreate the host with "aixsim init --force"`, {
      cause: err,
    });
  }
  const state = parsed as Partial<HostState>;
  if (state.schemaVersion !== STATE_SCHEMA_VERSION) {
    throw new StateCorruptError(
      `${paths.state} has schema version ${String(state.schemaVersion)}, this aixsim reads ${STATE_SCHEMA_VERSION}; ` +
        'recreate the host with "aixsim init --force"',
    );
  }
  return parsed as HostState;
}

let tmpCounter = 0;

/** Replaces state.json atomically: temp file, fsync, rename, fsync of the directory. */
export function writeStateAtomic(paths: HostPaths, state: HostState): void {
  const tmp = path.join(path.dirname(paths.state), `.state.json.${process.pid}.${tmpCounter++}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    fs.writeSync(fd, JSON.stringify(state));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, paths.state);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  syncDirectory(path.dirname(paths.state));
}

/**
 * Read-modify-write under the lock. `change` mutates the state it is given and returns
 * a result; when it throws, nothing is written. Also mirrors state.ipldevice to
 * DIR/dev/ipldevice when it changed.
 */
export function mutateState<T>(paths: HostPaths, change: (state: HostState) => T, options?: LockOptions): T {
  return withLock(
    paths.lock,
    () => {
      const state = readState(paths);
      const ipldeviceBefore = state.ipldevice;
      const result = change(state);
      state.generation += 1;
      writeStateAtomic(paths, state);
      if (state.ipldevice !== ipldeviceBefore) writeIpldevice(paths, state.ipldevice);
      return result;
    },
    options,
  );
}

/** DIR/dev/ipldevice is a small file naming the boot disk (a symlink to a device we do not have would dangle). */
export function writeIpldevice(paths: HostPaths, disk: string | null): void {
  if (disk === null) {
    fs.rmSync(paths.ipldevice, { force: true });
    return;
  }
  fs.mkdirSync(paths.dev, { recursive: true });
  fs.writeFileSync(paths.ipldevice, `${disk}\n`);
}

/** The disk /dev/ipldevice names, or null when the file is missing or empty. */
export function readIpldevice(paths: HostPaths): string | null {
  try {
    const name = fs
      .readFileSync(paths.ipldevice, 'utf8')
      .trim()
      .replace(/^\/dev\/r?/, '');
    return name === '' ? null : name;
  } catch {
    return null;
  }
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

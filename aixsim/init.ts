import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InitError } from './errors';
import { writeBinStubs } from './init/bin-stubs';
import { buildState } from './init/build-state';
import { compileInitOptions, type InitOptions } from './init/options';
import { populateFileSystems } from './init/populate';
import { hostPaths } from './state/paths';
import { writeIpldevice, writeStateAtomic } from './state/store';

export type { InitOptions } from './init/options';

/** Where the parts of a new host are. */
export interface HostLayout {
  dir: string;
  /** DIR/bin: run DIR/bin/<command> with execFile. */
  bin: string;
  statePath: string;
  lockPath: string;
  ipldevicePath: string;
  /** DIR/disks/<disk>/lv/<lv>/: file-system contents. */
  disksDir: string;
  /** Absolute paths of the command executables. */
  commands: string[];
  hostname: string;
  /** Every disk, boot disk first. */
  disks: string[];
}

/**
 * Creates an emulated AIX host in `dir` (see aixsim/README.md). Refuses a non-empty
 * directory unless options.force.
 */
export async function initHost(dir: string, options: InitOptions = {}): Promise<HostLayout> {
  const opts = compileInitOptions(options);
  const paths = hostPaths(dir);
  prepareDirectory(paths.root, opts.force);
  const state = buildState(opts);
  populateFileSystems(paths, state, opts.files);
  writeStateAtomic(paths, state);
  writeIpldevice(paths, state.ipldevice);
  const commands = writeBinStubs(paths, state);
  return {
    dir: paths.root,
    bin: paths.bin,
    statePath: paths.state,
    lockPath: paths.lock,
    ipldevicePath: paths.ipldevice,
    disksDir: paths.disks,
    commands,
    hostname: state.hostname,
    disks: state.disks.map((d) => d.name),
  };
}

function prepareDirectory(dir: string, force: boolean): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    fs.mkdirSync(dir, { recursive: true });
    return;
  }
  if (entries.length === 0) return;
  if (!force) {
    throw new InitError(`${dir} is not empty; choose an empty directory or pass --force to replace its contents`);
  }
  // --force empties the directory: refuse the places where that would be a disaster.
  const forbidden = new Set([path.parse(dir).root, os.homedir(), process.cwd()]);
  if (forbidden.has(dir) || process.cwd().startsWith(`${dir}${path.sep}`)) {
    throw new InitError(`refusing to empty ${dir} (the file-system root, your home or the current directory)`);
  }
  for (const e of entries) fs.rmSync(path.join(dir, e), { recursive: true, force: true });
}

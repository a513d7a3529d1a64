import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initHost, type HostLayout, type InitOptions } from '../../aixsim/init';

/** A fresh emulated AIX host in a temporary directory. */
export interface TestHost {
  /** Host directory (state.json, disks/, dev/). */
  dir: string;
  /** DIR/bin: the AIX commands, run them with execFile. */
  bin: string;
  layout: HostLayout;
  /** Removes the host directory. Safe to call twice. */
  cleanup(): void;
}

/**
 * Creates a host with aixsim's defaults (or the given options) in a new temp directory.
 * Call cleanup() when done (e.g. in after()).
 */
export async function createHost(options: Omit<InitOptions, 'force'> = {}): Promise<TestHost> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aixsim-'));
  try {
    const layout = await initHost(dir, options);
    return {
      dir: layout.dir,
      bin: layout.bin,
      layout,
      cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

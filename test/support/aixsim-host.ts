import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addDisks, type AddDiskSpec, type AddedDisks } from '../../aixsim/admin/disks';
import { addFault, clearFaults, type FaultSpec } from '../../aixsim/admin/faults';
import { rebootHost } from '../../aixsim/admin/reboot';
import { tuneHost } from '../../aixsim/admin/tune';
import { initHost, type HostLayout, type InitOptions } from '../../aixsim/init';
import type { Fault, Settings } from '../../aixsim/state/model';
import type { RebootOutcome } from '../../aixsim/ops/reboot';

/** A fresh emulated AIX host in a temporary directory. */
export interface TestHost {
  /** Host directory (state.json, disks/, dev/). */
  dir: string;
  /** DIR/bin: the AIX commands, run them with execFile. */
  bin: string;
  layout: HostLayout;
  /** Removes the host directory. Safe to call twice. */
  cleanup(): void;
  /** aixsim tune: e.g. { copyRateMbPerSec: 20 } for a clone slow enough to cancel. */
  tune(settings: Partial<Settings>): Settings;
  /** aixsim fault add: e.g. { kind: 'disk-error', disk: 'hdisk1', afterPercent: 50 }. */
  fault(spec: FaultSpec): Fault;
  clearFaults(): void;
  /** aixsim disk add: e.g. { kind: 'powerpath', paths: 2, vg: 'emcvg' }. */
  addDisks(spec: AddDiskSpec): AddedDisks;
  /** aixsim reboot (shutdown -Fr without its messages); throws BootError when nothing can boot. */
  reboot(): RebootOutcome;
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
      // Retries: a clone's discarded directories are deleted by a detached process (aixsim/state/trash.ts).
      cleanup: () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10 }),
      tune: (settings) => tuneHost(layout.dir, settings),
      fault: (spec) => addFault(layout.dir, spec),
      clearFaults: () => void clearFaults(layout.dir),
      addDisks: (spec) => addDisks(layout.dir, spec),
      reboot: () => rebootHost(layout.dir),
    };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

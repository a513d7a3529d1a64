import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeBinStubs } from '../init/bin-stubs';
import { runningOp } from '../state/altvg';
import { applyBoot, bootTarget, type BootResult } from '../state/boot';
import type { HostState } from '../state/model';
import type { HostPaths } from '../state/paths';
import { mutateState, readState } from '../state/store';
import { hostPathOf, mountTable, rootvgOf } from './host-files';

/**
 * A whole reboot of an emulated host (shutdown -Fr, aixsim reboot): processes killed,
 * the boot applied to the state, the commands of the booted system put in DIR/bin, and on
 * a clone's first boot its alt_disk_copy -x script run "after all file systems are
 * mounted".
 *
 * The first-boot script runs as a real process: cwd and $AIXSIM_ROOT are the new rootvg's
 * / directory, $AIXSIM_MOUNTS lists "mount point<TAB>directory" lines, $AIXSIM_HOST is the
 * host directory, and DIR/bin comes first in $PATH (so `lspv` is the emulated one). Its
 * stdout and stderr go to /var/adm/ras/alt_disk_first_boot.log of the new system; the
 * exit status and time are recorded in state.firstBoot (exitStatus null: killed by a
 * signal or the 10-minute limit).
 */
export const FIRST_BOOT_LOG = '/var/adm/ras/alt_disk_first_boot.log';
const FIRST_BOOT_LIMIT_MS = 10 * 60_000;

/** Throws BootError (nothing changed) when the first bootlist entry cannot boot. */
export function checkBootable(state: HostState): void {
  bootTarget(state);
}

export interface RebootOutcome extends BootResult {
  firstBootStatus?: number | null;
}

export function reboot(paths: HostPaths, now: () => Date = () => new Date()): RebootOutcome {
  stopAltDiskOp(paths);
  const result: RebootOutcome = mutateState(paths, (s) => applyBoot(s, now()));
  const state = readState(paths);
  writeBinStubs(paths, state);
  if (result.firstBoot) result.firstBootStatus = runFirstBoot(paths, state, result.firstBoot.script, now);
  return result;
}

/** shutdown kills every process: a running alt_disk_copy dies where it is. */
function stopAltDiskOp(paths: HostPaths): void {
  const op = runningOp(readState(paths));
  if (!op) return;
  try {
    process.kill(op.pid, 'SIGKILL');
  } catch {
    return;
  }
  const until = Date.now() + 3000;
  while (Date.now() < until) {
    try {
      process.kill(op.pid, 0);
    } catch {
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}

function runFirstBoot(paths: HostPaths, state: HostState, script: string, now: () => Date): number | null {
  const rootvg = rootvgOf(state);
  if (!rootvg) return null;
  const root = hostPathOf(paths, rootvg, '/');
  const logFile = hostPathOf(paths, rootvg, FIRST_BOOT_LOG);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = fs.openSync(logFile, 'w');
  let status: number | null;
  try {
    const r = spawnSync(hostPathOf(paths, rootvg, script), [], {
      cwd: root,
      stdio: ['ignore', fd, fd],
      timeout: FIRST_BOOT_LIMIT_MS,
      env: {
        ...process.env,
        PATH: `${paths.bin}${path.delimiter}${process.env['PATH'] ?? ''}`,
        AIXSIM_HOST: paths.root,
        AIXSIM_ROOT: root,
        AIXSIM_MOUNTS: mountTable(paths, rootvg),
      },
    });
    status = r.error ? 127 : r.status;
    if (r.error) fs.writeSync(fd, `${script}: ${r.error.message}\n`);
  } finally {
    fs.closeSync(fd);
  }
  const ranAt = now().toISOString();
  mutateState(paths, (s) => {
    if (!s.firstBoot) return;
    s.firstBoot.ranAt = ranAt;
    s.firstBoot.exitStatus = status;
    s.firstBoot.log = FIRST_BOOT_LOG;
  });
  return status;
}

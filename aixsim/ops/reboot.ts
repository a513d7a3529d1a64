import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeBinStubs } from '../init/bin-stubs';
import { runningOp } from '../state/altvg';
import { applyBoot, bootTarget, type BootResult } from '../state/boot';
import type { HostState } from '../state/model';
import type { HostPaths } from '../state/paths';
import { sleepMs } from '../state/lock';
import { mutateState, readState } from '../state/store';
import { rootvg as rootvgOf } from '../state/queries';
import { hostPathOf, mountTable } from './host-files';

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

/** Throws BootError (nothing changed) when no entry of the normal bootlist can boot. */
export function checkBootable(state: HostState): void {
  bootTarget(state);
}

export interface RebootOutcome extends BootResult {
  firstBootStatus?: number | null;
}

export function reboot(paths: HostPaths, now: () => Date = () => new Date()): RebootOutcome {
  // Check before killing anything: a host that cannot boot is left exactly as it was.
  const before = readState(paths);
  checkBootable(before);
  stopAltDiskOp(before);
  let state = before;
  const result: RebootOutcome = mutateState(paths, (s) => {
    const booted = applyBoot(s, now());
    state = s;
    return booted;
  });
  writeBinStubs(paths, state);
  if (result.firstBoot) result.firstBootStatus = runFirstBoot(paths, state, result.firstBoot.script, now);
  return result;
}

/** shutdown kills every process: a running alt_disk_copy dies where it is. */
function stopAltDiskOp(state: HostState): void {
  const op = runningOp(state);
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
    sleepMs(20);
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
    // killed at the limit: spawnSync reports ETIMEDOUT and no status (null, as documented above)
    const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    status = r.error && !timedOut ? 127 : r.status;
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

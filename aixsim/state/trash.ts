import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostPaths } from './paths';

/**
 * Throws a data directory away without waiting: it is renamed into DIR/disks/.trash (one
 * rename, so the state change that goes with it is immediate) and a detached process
 * deletes it. Deleting 200,000 freshly written files can take a minute on a busy disk;
 * alt_rootvg_op -X must not.
 */
export function discard(paths: HostPaths, dir: string): void {
  const trash = path.join(paths.disks, '.trash');
  const target = path.join(trash, `${path.basename(dir)}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    fs.mkdirSync(trash, { recursive: true });
    fs.renameSync(dir, target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  const child = spawn(
    process.execPath,
    [
      '-e',
      'try { require("fs").rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 3 }) } catch {}',
      target,
    ],
    { detached: true, stdio: 'ignore' },
  );
  child.on('error', () => undefined);
  child.unref();
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Resident set size of another process in MB, from `ps -o rss= -p PID` (kilobytes): POSIX,
 * so the same on Linux and AIX, and no dependency that AIX cannot install.
 */
export async function rssMb(pid: number): Promise<number> {
  const { stdout } = await run('ps', ['-o', 'rss=', '-p', String(pid)]);
  const kb = Number(stdout.trim());
  if (stdout.trim() === '' || !Number.isFinite(kb)) throw new Error(`process ${pid} not found`);
  return kb / 1024;
}

import * as si from 'systeminformation';

/**
 * Resident set size of another process in MB. systeminformation reads it the same
 * way on Linux and AIX-like systems, so the bench does not parse /proc itself.
 */
export async function rssMb(pid: number): Promise<number> {
  const { list } = await si.processes();
  const proc = list.find((p) => p.pid === pid);
  if (!proc) throw new Error(`process ${pid} not found`);
  return proc.memRss / 1024;
}

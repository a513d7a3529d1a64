import * as fs from 'node:fs';
import { rssMb } from './rss';

/**
 * Peak resident memory of a process so far, in MB. On Linux the kernel keeps the
 * exact high-water mark (VmHWM); elsewhere the best we have is the current RSS,
 * which the caller samples.
 */
export async function peakRssMb(pid: number): Promise<number> {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux
  }
  return rssMb(pid);
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileSystem, FsUsage } from './model';

/**
 * Space a file system uses, as df reports it. Files count in whole 4 KB blocks (JFS2's
 * allocation unit), directories as inodes only. Scanned once (init, clone) and cached in
 * the state: df must stay fast with 200,000 files.
 */
export const FS_BLOCK = 4096;

export function allocated(size: number): number {
  return Math.ceil(size / FS_BLOCK) * FS_BLOCK;
}

/** Walks a data directory: allocated bytes and entries (files + directories, not the root). */
export function scanTree(dir: string): FsUsage {
  const total: FsUsage = { bytes: 0, files: 0 };
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      total.files += 1;
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) total.bytes += allocated(fs.statSync(p).size);
    }
  }
  return total;
}

export function usageOf(fsys: FileSystem): FsUsage {
  return fsys.usage ?? fsys.base ?? { bytes: 0, files: 0 };
}

export function addUsage(a: FsUsage, b: FsUsage): FsUsage {
  return { bytes: a.bytes + b.bytes, files: a.files + b.files };
}

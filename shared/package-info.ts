import * as fs from 'node:fs';
import * as path from 'node:path';

let version: string | undefined;

/** The altdisk package's version, read from package.json once. */
export function packageVersion(): string {
  if (version !== undefined) return version;
  let dir = __dirname;
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'altdisk' && typeof pkg.version === 'string') return (version = pkg.version);
    }
    const parent = path.dirname(dir);
    if (parent === dir) return (version = '0.0.0-unknown');
    dir = parent;
  }
}

import * as fs from 'node:fs';
import * as path from 'node:path';

let root: string | undefined;

/** The repository root: compiled tests run from dist/test/..., sources from test/... */
export function repoRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'altdisk')
      return (root = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no altdisk package.json above ${__dirname}`);
    dir = parent;
  }
}

/** A compiled entry point, e.g. distPath('launch/altdiskd.js'). */
export function distPath(relative: string): string {
  return path.join(repoRoot(), 'dist', relative);
}

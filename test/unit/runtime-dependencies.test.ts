import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/repo';

interface LockedPackage {
  dev?: boolean;
  os?: string[];
}

/** Whether npm would install a package on AIX: no `os` field, or one that allows aix and does not exclude it. */
function installsOnAix(os: readonly string[] | undefined): boolean {
  if (!os || os.length === 0) return true;
  if (os.includes('!aix')) return false;
  const allowed = os.filter((o) => !o.startsWith('!'));
  return allowed.length === 0 || allowed.includes('aix');
}

test('every runtime dependency installs on AIX (dev-only packages may not)', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockedPackage>;
  };
  const refused = Object.entries(lock.packages)
    .filter(([name, pkg]) => name !== '' && !pkg.dev && !installsOnAix(pkg.os))
    .map(([name, pkg]) => `${name} (os: ${JSON.stringify(pkg.os)})`);
  assert.deepEqual(refused, [], 'make these dev-only or replace them with pure JavaScript that allows aix');
});

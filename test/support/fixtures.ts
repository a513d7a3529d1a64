import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './repo';

// Real AIX outputs live in the source tree (test/fixtures/aix), not in dist; repoRoot() walks up from __dirname
// to the altdisk package.json, so this works from test/... and from dist/test/... alike.

/** Path inside test/fixtures/aix, e.g. fixturePath('lspv.altinst.01.txt'). */
export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', 'aix', ...parts);
}

/** The text of test/fixtures/aix/<name>, as stored (no trimming). */
export function readFixture(name: string): string {
  return fs.readFileSync(fixturePath(name), 'utf8');
}

/** Names of the .txt fixtures whose name starts with `prefix` (e.g. 'lspv.'), sorted. */
export function listFixtures(prefix: string): string[] {
  return fs
    .readdirSync(fixturePath())
    .filter((name) => name.startsWith(prefix) && name.endsWith('.txt'))
    .sort();
}

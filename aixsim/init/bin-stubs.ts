import * as fs from 'node:fs';
import * as path from 'node:path';
import { InitError } from '../errors';
import { COMMAND_FILESET, COMMAND_NAMES } from '../commands/registry';
import type { HostState } from '../state/model';
import type { HostPaths } from '../state/paths';

/**
 * DIR/bin/<command>: a three-line Node script per command. The shebang names this
 * node binary by absolute path (no env lookup, no shell); the dispatcher is required by
 * absolute path from this checkout's dist/; the host directory is computed from the
 * script's own location, so a host directory can be moved or copied.
 *
 * A command whose fileset is not installed (alt_disk_copy without
 * bos.alt_disk_install.rte) has no file, as on AIX: running it fails with ENOENT. The set
 * follows the running system, so a reboot rewrites it (state/boot.ts).
 */
export function writeBinStubs(paths: HostPaths, state?: HostState): string[] {
  const dispatcher = path.resolve(__dirname, '..', 'dispatch.js');
  if (!fs.existsSync(dispatcher)) {
    throw new InitError(`${dispatcher} does not exist; run "npm run build" first`);
  }
  if (/\s/.test(process.execPath)) {
    throw new InitError(`node is installed at a path with blanks (${process.execPath}); a #! line cannot name it`);
  }
  fs.mkdirSync(paths.bin, { recursive: true });
  const installed = state ? new Set(state.filesets.map((f) => f.name)) : null;
  const written: string[] = [];
  for (const name of COMMAND_NAMES) {
    const file = path.join(paths.bin, name);
    const fileset = COMMAND_FILESET[name];
    if (installed && fileset !== undefined && !installed.has(fileset)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    const body =
      `#!${process.execPath}\n` +
      `'use strict';\n` +
      `require(${JSON.stringify(dispatcher)}).main(require('path').resolve(__dirname, '..'), ${JSON.stringify(name)});\n`;
    fs.writeFileSync(file, body, { mode: 0o755 });
    fs.chmodSync(file, 0o755);
    written.push(file);
  }
  return written;
}

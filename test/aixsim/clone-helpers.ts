import * as fs from 'node:fs';
import * as path from 'node:path';
import { tuneHost } from '../../aixsim/admin/tune';
import type { InitOptions } from '../../aixsim/init';
import type { HostState } from '../../aixsim/state/model';
import { createHost, type TestHost } from '../support/aixsim-host';

/** A host whose alt_disk_copy runs in a blink (no step pauses, 100 GB/s), unless told otherwise. */
export async function fastHost(
  options: Omit<InitOptions, 'force'> = {},
  tune: { copyRateMbPerSec?: number; stepDelayMs?: number; filesPerSec?: number } = {},
): Promise<TestHost> {
  const host = await createHost(options);
  tuneHost(host.dir, { copyRateMbPerSec: 100_000, stepDelayMs: 0, ...tune });
  return host;
}

export function stateOf(host: TestHost): HostState {
  return JSON.parse(fs.readFileSync(path.join(host.dir, 'state.json'), 'utf8')) as HostState;
}

/** Every file (not directory) under a tree, as paths relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out.push(r);
    }
  };
  if (fs.existsSync(dir)) walk(dir, '');
  return out.sort();
}

export async function waitFor(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The rootvg LV directory of a mount point (/usr -> DIR/disks/hdisk0/lv/hd2). */
export function dataDir(host: TestHost, disk: string, lv: string): string {
  return path.join(host.dir, 'disks', disk, 'lv', lv);
}

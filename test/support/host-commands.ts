import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLspv, type LspvEntry } from '../../agent/aix/parsers/lspv';
import { distPath } from './repo';

/** Runs one of an emulated host's AIX commands, as the agent would, and returns stdout. */
export function hostCommand(bin: string, command: string, args: string[] = []): string {
  return execFileSync(path.join(bin, command), args, { encoding: 'utf8' });
}

/** lspv on the host, parsed. */
export function lspv(bin: string): LspvEntry[] {
  return parseLspv(hostCommand(bin, 'lspv'));
}

/** Runs the aixsim CLI (init, tune, fault, reboot ...) and fails loudly if it fails. */
export function aixsim(args: string[]): string {
  const result = spawnSync(process.execPath, [distPath('aixsim/main.js'), ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`aixsim ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** Every file under a directory, as paths relative to it, sorted. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out.sort();
}

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The processes now running one of an emulated host's commands (Linux /proc), with their arguments. */
export function hostProcesses(bin: string, command: string): Array<{ pid: number; args: string[] }> {
  const file = path.join(bin, command);
  const found: Array<{ pid: number; args: string[] }> = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = fs
        .readFileSync(`/proc/${entry}/cmdline`, 'utf8')
        .split('\0')
        .filter((a) => a !== '');
    } catch {
      continue; // gone meanwhile
    }
    // a stub runs as `node DIR/bin/lsvg ARGS...`
    const at = argv.indexOf(file);
    if (at >= 0 && at <= 1) found.push({ pid: Number(entry), args: argv.slice(at + 1) });
  }
  return found;
}

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What one of a host's AIX commands printed, run the way the agent runs it (execFile, no shell). */
export interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

export function run(
  bin: string,
  command: string,
  args: readonly string[] = [],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Run & { signal: NodeJS.Signals | null } {
  const r = spawnSync(path.join(bin, command), args, {
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, signal: r.signal };
}

/** The aixsim CLI of this checkout (dist/aixsim/main.js), run as a process. */
export function aixsim(args: readonly string[]): Run {
  const r = spawnSync(process.execPath, [path.resolve(__dirname, '..', '..', 'aixsim', 'main.js'), ...args], {
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

export function runAsync(bin: string, command: string, args: readonly string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(bin, command), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ stdout, stderr, status }));
  });
}

export function lines(text: string): string[] {
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** A real AIX sample from test/fixtures/aix (the tests run from dist/test/aixsim). */
export function fixture(name: string): string[] {
  const file = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'aix', name);
  return lines(fs.readFileSync(file, 'utf8'));
}

/** Columns where a field starts: position 0 if not blank, and each non-blank after a blank. */
export function fieldStarts(line: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== ' ' && (i === 0 || line[i - 1] === ' ')) starts.push(i);
  }
  return starts;
}

/** Start columns of the "KEY:" labels of a two-column page (labels end with ':' or are known keys). */
export function labelStarts(line: string, labels: readonly string[]): Array<[string, number]> {
  return labels.filter((l) => line.includes(l)).map((l) => [l, line.indexOf(l)] as [string, number]);
}

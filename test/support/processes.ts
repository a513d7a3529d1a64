import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { distPath } from './repo';

export interface AgentProcess {
  /** host:port the agent bound (a real port; tests ask for :0). */
  readonly address: string;
  /** HOST for altctl through the agent's local socket: unix:STATE_DIR/altdiskd.sock. */
  readonly local: string;
  readonly stateDir: string;
  readonly child: ChildProcess;
  /** Every JSON log line the agent wrote to stderr so far. */
  readonly logs: Record<string, unknown>[];
  /** SIGTERM, then wait for exit. */
  stop(): Promise<number | null>;
}

export interface StartAgentOptions {
  /** The altdiskd executable; by default this checkout's dist/launch/altdiskd.js. */
  executable?: string;
  commandsDir?: string;
  stateDir?: string;
  listen?: string;
  extraArgs?: string[];
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the "listening" log line. */
  timeoutMs?: number;
  /** A command the agent runs under, e.g. ['prlimit', '--nofile=128:128', '--'] (it must exec the agent, keeping the pid). */
  wrapper?: readonly string[];
}

/** Starts a real altdiskd process and resolves once it logs the address it listens on. */
export function startAgentProcess(options: StartAgentOptions = {}): Promise<AgentProcess> {
  const stateDir = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
  const args = [
    options.executable ?? distPath('launch/altdiskd.js'),
    '--listen',
    options.listen ?? '127.0.0.1:0',
    '--state-dir',
    stateDir,
    ...(options.extraArgs ?? []),
  ];
  if (options.commandsDir) args.push('--commands', options.commandsDir);
  const [command, ...commandArgs] = [...(options.wrapper ?? []), process.execPath, ...args] as [string, ...string[]];
  // Tests drive the agent over TCP loopback as its administrator: a test host has no other
  // users. Production leaves such callers viewers (the default); tests of that say so.
  const env = { ...process.env, ALTDISKD_LOOPBACK_ROLE: 'admin', ...options.env };
  const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  let stderrText = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`altdiskd did not start within ${options.timeoutMs ?? 20000} ms; stderr:\n${stderrText}`));
    }, options.timeoutMs ?? 20000);
    let buffered = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderrText += chunk;
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue; // a non-JSON line (a crash trace) stays in stderrText
        }
        logs.push(entry);
        if (entry['message'] === 'listening') {
          clearTimeout(timer);
          resolve({
            address: String(entry['address']),
            local: `unix:${path.join(stateDir, 'altdiskd.sock')}`,
            stateDir,
            child,
            logs,
            stop: () => stopChild(child),
          });
        }
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`altdiskd exited with ${code} before listening; stderr:\n${stderrText}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<number | null> {
  // killed by a test (SIGKILL): it has exited already and will not say so again
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

export interface CtlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real altctl CLI as a process. */
export function runCtl(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CtlResult> {
  return runNode(distPath('ctl/main.js'), args, options);
}

/**
 * The environment for altctl (and scripts) in a test: the developer's own altctl settings
 * (ALTCTL_* variables, ~/.config/altdisk/altctl.json, a COLUMNS that would wrap output) must
 * not leak in, only what the test gives.
 */
export function testCtlEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const childEnv = { ...process.env, ...env };
  for (const name of ['ALTCTL_HOST', 'ALTCTL_TLS_CA', 'ALTCTL_TLS_CERT', 'ALTCTL_TLS_KEY', 'COLUMNS'])
    if (!env[name]) delete childEnv[name];
  if (!env['XDG_CONFIG_HOME']) childEnv['XDG_CONFIG_HOME'] = '/nonexistent/altctl-test-config';
  return childEnv;
}

export function runNode(
  script: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CtlResult> {
  const env = testCtlEnv(options.env);
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${path.basename(script)} ${args.join(' ')} did not finish within ${options.timeoutMs ?? 60000} ms`),
      );
    }, options.timeoutMs ?? 60000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

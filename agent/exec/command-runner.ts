import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '../logger';
import {
  CommandNotFoundError,
  CommandOutputTooLargeError,
  CommandStoppedError,
  CommandTimeoutError,
  UntrustedCommandError,
  type CommandResult,
} from './command-errors';
import { currentCallScope } from './call-scope';
import { trustedProgramProblem } from '../fs/trusted-path';
import { RunSlots } from './run-slots';

export interface RunOptions {
  /** Kill the command after this long (default: the runner's). */
  timeoutMs?: number;
  /**
   * The command only reads the host, so it may be killed when nobody waits for its answer:
   * when the gRPC call it runs for ends (see call-scope.ts), or `signal` aborts. Commands
   * that change the host are never stopped half-way like that.
   */
  readOnly?: boolean;
  /** Kill the command (or give up its place in the queue) when this aborts. */
  signal?: AbortSignal;
  /** Standard error as it arrives, for commands that say why they wait (an LVM lock). */
  onStderr?: (chunk: string) => void;
}

/**
 * Runs a host command by name. The narrow interface keeps everything above it
 * testable and independent of where commands come from.
 */
export interface CommandRunner {
  run(command: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** Absolute path a command would run from (for jobs started outside the runner). */
  resolve(command: string): string;
  /** The environment commands run with. */
  environment(): Record<string, string>;
}

export interface ExecRunnerOptions {
  /** Directory holding the commands (aixsim's bin, or a test's); undefined means search PATH. */
  commandsDir?: string;
  /** PATH to search when commandsDir is undefined. */
  searchPath: string;
  defaultTimeoutMs: number;
  logger: Logger;
}

/** Commands running at once (see ExecFileRunner.slots). */
const MAX_CONCURRENT_COMMANDS = 16;

/** Output past this is cut off: no AIX listing the agent reads comes near it. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/**
 * Spawns commands with execFile: no shell ever sees an argument, so no caller's
 * string can become shell syntax. The environment is fixed (C locale, so the
 * messages we parse are AIX's English ones) and not inherited from the caller.
 */
export class ExecFileRunner implements CommandRunner {
  private readonly resolved = new Map<string, string>();
  private readonly env: NodeJS.ProcessEnv;
  /**
   * Every command costs descriptors (its pipes): however many calls arrive at once, only
   * this many commands run, and a flood of calls queues instead of running the agent out.
   */
  private readonly slots = new RunSlots(MAX_CONCURRENT_COMMANDS);

  constructor(private readonly options: ExecRunnerOptions) {
    const pathDirs = options.commandsDir ? [options.commandsDir, options.searchPath] : [options.searchPath];
    // ODMDIR as /etc/environment sets it on AIX: odmget and the LVM commands read the ODM there.
    this.env = { PATH: pathDirs.join(path.delimiter), LANG: 'C', LC_ALL: 'C', ODMDIR: '/etc/objrepos' };
    // AIX commands print local times (who -b); keep the agent's zone if it has one set
    if (process.env['TZ'] !== undefined) this.env['TZ'] = process.env['TZ'];
  }

  async run(command: string, args: readonly string[], runOptions: RunOptions = {}): Promise<CommandResult> {
    const file = this.locate(command);
    const signals = [runOptions.signal, runOptions.readOnly ? currentCallScope()?.signal : undefined].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const stopped = () => new CommandStoppedError(command, args, '', '', signal?.reason);
    if (signal?.aborted) throw stopped();
    return this.slots.run(() => this.execute(command, file, args, { ...runOptions, signal }), signal, stopped);
  }

  /** One run, its timeout counted from its start, not from its wait for a slot. */
  private execute(
    command: string,
    file: string,
    args: readonly string[],
    runOptions: RunOptions,
  ): Promise<CommandResult> {
    const timeoutMs = runOptions.timeoutMs ?? this.options.defaultTimeoutMs;
    const { signal, onStderr } = runOptions;
    const started = process.hrtime.bigint();
    return new Promise<CommandResult>((resolve, reject) => {
      let stoppedEarly = false;
      const stop = (): void => {
        stoppedEarly = true;
        child.kill('SIGKILL');
        // A child of the command (a script's) may hold the pipes open: do not wait for it.
        child.stdout?.destroy();
        child.stderr?.destroy();
      };
      const child = execFile(
        file,
        [...args],
        {
          shell: false,
          timeout: timeoutMs,
          killSignal: 'SIGKILL',
          maxBuffer: MAX_OUTPUT_BYTES,
          env: this.env,
          windowsHide: true,
        },
        (error, stdout, stderr) => {
          signal?.removeEventListener('abort', stop);
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          const failure = error as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
          if (stoppedEarly) {
            this.options.logger.info('command stopped: its caller no longer waits', {
              command,
              args,
              durationMs,
              stderr: String(stderr).slice(0, 500),
            });
            reject(new CommandStoppedError(command, args, String(stdout), String(stderr), signal?.reason));
            return;
          }
          if (failure && failure.killed) {
            this.options.logger.warn('command timed out', { command, args, timeoutMs, durationMs });
            reject(new CommandTimeoutError(command, args, timeoutMs));
            return;
          }
          if (failure && failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
            this.options.logger.warn('command output too large', {
              command,
              args,
              limitBytes: MAX_OUTPUT_BYTES,
              durationMs,
            });
            reject(new CommandOutputTooLargeError(command, args, MAX_OUTPUT_BYTES));
            return;
          }
          if (failure && typeof failure.code === 'string') {
            // spawn itself failed (ENOENT, EACCES): there is no exit status to report
            this.resolved.delete(command);
            this.options.logger.error('command could not start', { command, args, error: failure.message });
            reject(failure.code === 'ENOENT' ? new CommandNotFoundError(command, this.searchDirs()) : failure);
            return;
          }
          const exitCode = failure ? (typeof failure.code === 'number' ? failure.code : 1) : 0;
          const result: CommandResult = {
            command,
            args,
            exitCode,
            stdout: String(stdout),
            stderr: String(stderr),
            durationMs,
          };
          this.options.logger.info('command ran', {
            command,
            args,
            exitCode,
            durationMs: Math.round(durationMs * 10) / 10,
            stdoutBytes: result.stdout.length,
            stderr: result.stderr.slice(0, 500),
          });
          resolve(result);
        },
      );
      if (onStderr) child.stderr?.on('data', (chunk: Buffer | string) => onStderr(String(chunk)));
      signal?.addEventListener('abort', stop, { once: true });
      if (signal?.aborted) stop();
    });
  }

  resolve(command: string): string {
    return this.locate(command);
  }

  environment(): Record<string, string> {
    return { ...(this.env as Record<string, string>) };
  }

  /** Absolute path of a command; looked up once and remembered. */
  private locate(command: string): string {
    if (!/^[A-Za-z0-9_.-]+$/.test(command))
      throw new Error(`refusing to run a command named ${JSON.stringify(command)}`);
    const known = this.resolved.get(command);
    if (known) return known;
    for (const dir of this.searchDirs()) {
      const candidate = path.join(dir, command);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
      } catch {
        continue; // not here; try the next directory
      }
      // Run as root: a program someone else could rewrite would run their code as root.
      const untrusted = trustedProgramProblem(candidate);
      if (untrusted) throw new UntrustedCommandError(command, untrusted);
      this.resolved.set(command, candidate);
      return candidate;
    }
    throw new CommandNotFoundError(command, this.searchDirs());
  }

  private searchDirs(): string[] {
    // A configured commands directory is the only source: falling back to PATH would
    // let a Linux tool named like an AIX one answer for the emulated host.
    if (this.options.commandsDir) return [this.options.commandsDir];
    return this.options.searchPath.split(path.delimiter).filter((d) => path.isAbsolute(d));
  }
}

import { status } from '@grpc/grpc-js';
import { AltdiskError, HostCommandError, HostTimeoutError } from '../../shared/errors';

/** What one finished run of a host command produced. */
export interface CommandResult {
  readonly command: string;
  readonly args: readonly string[];
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/** The command is not in the commands directory or on PATH. */
export class CommandNotFoundError extends HostCommandError {
  constructor(
    readonly command: string,
    searched: readonly string[],
  ) {
    super(
      `the host command ${command} was not found (looked in ${searched.join(', ') || 'an empty PATH'}); install it, or point the agent at the right directory with --commands DIR`,
    );
  }
}

/** The command's file could be changed by someone other than root: the agent, root, does not run it. */
export class UntrustedCommandError extends HostCommandError {
  constructor(
    readonly command: string,
    problem: string,
  ) {
    super(`refusing to run the host command ${command}: ${problem}`, { command });
  }
}

/** The command ran past its timeout and was killed. */
export class CommandTimeoutError extends HostTimeoutError {
  constructor(
    readonly command: string,
    readonly args: readonly string[],
    readonly timeoutMs: number,
  ) {
    super(
      `${[command, ...args].join(' ')} did not finish within ${timeoutMs} ms and was killed; check the host (a hung disk or LVM lock), then retry`,
      {
        command,
        'timeout-ms': String(timeoutMs),
      },
    );
  }
}

/**
 * The command was stopped (killed) because whoever asked for it stopped waiting: its
 * call was cancelled, passed its deadline or was answered already. Carries what the
 * command had printed by then, which may say why it was slow (an LVM lock).
 */
export class CommandStoppedError extends AltdiskError {
  readonly code = status.CANCELLED;
  constructor(
    readonly command: string,
    readonly args: readonly string[],
    readonly stdout: string,
    readonly stderr: string,
    readonly reason: unknown,
  ) {
    super(`${[command, ...args].join(' ')} was stopped: its caller no longer waits for it`, { command });
  }
}

/** The command printed more than the agent keeps of one command's output, and was stopped. */
export class CommandOutputTooLargeError extends HostCommandError {
  constructor(
    readonly command: string,
    readonly args: readonly string[],
    limitBytes: number,
  ) {
    super(
      `${[command, ...args].join(' ')} printed more than ${limitBytes} bytes and was stopped; its output was not used. Check the host`,
      { command },
    );
  }
}

/** The command exited non-zero where success was required. */
export class CommandFailedError extends HostCommandError {
  constructor(readonly result: CommandResult) {
    const said = firstLine(result.stderr) || firstLine(result.stdout) || 'no message';
    super(`${[result.command, ...result.args].join(' ')} failed with exit status ${result.exitCode}: ${said}`, {
      command: result.command,
      'exit-status': String(result.exitCode),
    });
  }
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? ''
  );
}

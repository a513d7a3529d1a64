import * as fs from 'node:fs';
import * as path from 'node:path';
import * as winston from 'winston';
import TransportStream from 'winston-transport';
import { openOwnFileForAppend } from './fs/own-files';

/** The narrow logging interface the agent's modules depend on; winston is only the adapter. */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

export interface LoggerOptions {
  level: LogLevel;
  /** File the JSON lines are appended to as well as stderr; none when undefined. */
  file?: string;
}

/**
 * JSON lines on stderr (stdout stays free for anything a wrapper wants to read)
 * and in a file under the state directory, one object per event.
 */
export function createLogger(options: LoggerOptions): Logger & { close(): Promise<void> } {
  const format = winston.format.combine(winston.format.timestamp(), winston.format.json());
  const transports: winston.transport[] = [new winston.transports.Console({ stderrLevels: [...LOG_LEVELS] })];
  let file: FileTransport | undefined;
  if (options.file) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
    file = new FileTransport(openOwnFileForAppend(options.file));
    transports.push(file);
  }
  const logger = winston.createLogger({ level: options.level, format, transports });
  logger.on('error', (err: Error) => process.stderr.write(`altdiskd: cannot write the log: ${err.message}\n`));
  return {
    debug: (message, meta) => logger.debug(message, meta),
    info: (message, meta) => logger.info(message, meta),
    warn: (message, meta) => logger.warn(message, meta),
    error: (message, meta) => logger.error(message, meta),
    close: () =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          file?.closeFile();
          resolve();
        };
        logger.on('finish', done);
        logger.end();
        // winston's finish can be lost when no transport has pending writes
        setTimeout(done, 200).unref();
      }),
  };
}

/**
 * The log file: opened by the agent, not by winston's File transport, so that a link
 * planted at its name is refused instead of followed (fs/own-files.ts), and written
 * synchronously, so every line is in the file before the agent exits. A write that
 * fails (disk full, read-only) is said on stderr once and never takes the agent down.
 */
class FileTransport extends TransportStream {
  private failed = false;

  constructor(private fd: number | undefined) {
    super();
  }

  override log(info: Record<string | symbol, unknown>, callback: () => void): void {
    if (this.fd !== undefined) {
      try {
        fs.writeFileSync(this.fd, `${String(info[MESSAGE])}\n`);
        this.failed = false;
      } catch (err) {
        if (!this.failed) process.stderr.write(`altdiskd: cannot write the log: ${(err as Error).message}\n`);
        this.failed = true;
      }
    }
    callback();
  }

  closeFile(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Where winston's formats leave the finished line (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for('message');

/** A logger that drops everything, for code paths and tests that do not log. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

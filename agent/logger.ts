import * as fs from 'node:fs';
import * as path from 'node:path';
import * as winston from 'winston';

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
  const transports: winston.transport[] = [
    new winston.transports.Console({ stderrLevels: [...LOG_LEVELS] }),
  ];
  if (options.file) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
    transports.push(new winston.transports.File({ filename: options.file }));
  }
  const logger = winston.createLogger({ level: options.level, format, transports });
  // A log file that cannot be written (disk full, read-only) must not take the agent down.
  logger.on('error', (err: Error) => process.stderr.write(`altdiskd: cannot write the log: ${err.message}\n`));
  return {
    debug: (message, meta) => logger.debug(message, meta),
    info: (message, meta) => logger.info(message, meta),
    warn: (message, meta) => logger.warn(message, meta),
    error: (message, meta) => logger.error(message, meta),
    close: () =>
      new Promise<void>((resolve) => {
        logger.on('finish', () => resolve());
        logger.end();
        // winston's finish can be lost when no transport has pending writes
        setTimeout(resolve, 200).unref();
      }),
  };
}

/** A logger that drops everything, for code paths and tests that do not log. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

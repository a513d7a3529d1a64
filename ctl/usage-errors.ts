import { UsageError } from './errors';

/**
 * A parse problem yargs reports, as altctl's usage error: what is wrong in altctl's words,
 * the flag it concerns as `field`, and where to read more. yargs's own wording is kept
 * where it already says it (unknown arguments, invalid choices).
 */
export function usageErrorFrom(message: string): UsageError {
  const missingValue = /^Not enough arguments following: (\S+)$/.exec(message)?.[1];
  if (missingValue !== undefined) {
    const flag = `${missingValue.length === 1 ? '-' : '--'}${missingValue}`;
    return new UsageError(`${flag} needs a value; run altctl --help for usage`, { field: flag });
  }
  // a listing of subcommands already says where to go next
  if (message.includes('\n')) return new UsageError(message);
  const flag = /^(--?[\w-]+): /.exec(message)?.[1];
  return new UsageError(`${message}; run altctl --help for usage`, flag ? { field: flag } : {});
}

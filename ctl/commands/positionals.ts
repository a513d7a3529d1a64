import { UsageError } from '../errors';
import { defaultHost } from '../settings';
import { HOST_ENV } from '../target';

export interface SplitPositionals {
  /** HOST from the command line; undefined means the default host (ALTCTL_HOST or the config file). */
  readonly host: string | undefined;
  readonly rest: string[];
}

/**
 * Splits HOST off `HOST ARG...`. HOST may be left out, for the default host, only when exactly
 * the required arguments are given: `altctl watch JOB` with ALTCTL_HOST set, never a guess
 * whether the first of several words is a host or a disk.
 */
export function splitHost(positionals: readonly unknown[], names: readonly string[], options: { variadic?: boolean; example: string }): SplitPositionals {
  const words = positionals.map(String);
  const n = names.length;
  const extra = words.length - n;
  if (extra === 1 || (options.variadic && extra > 1)) return { host: words[0], rest: words.slice(1) };
  if (extra === 0 && defaultHost()) return { host: undefined, rest: words };
  const shape = `HOST ${names.join(' ')}${options.variadic ? '...' : ''}`;
  throw new UsageError(`expected ${shape} (or ${names.join(' ')} alone when ${HOST_ENV} is set), e.g. ${options.example}`, { field: names[n - 1] ?? 'HOST' });
}

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
 * whether the first of several words is a host or a disk. Too few words is a usage error
 * naming what is missing.
 */
export function splitHost(positionals: readonly unknown[] | undefined, names: readonly string[], options: { variadic?: boolean; example: string }): SplitPositionals {
  const words = (positionals ?? []).map(String);
  const n = names.length;
  const extra = words.length - n;
  if (extra === 1 || (options.variadic && extra > 1)) return { host: words[0], rest: words.slice(1) };
  const fallback = defaultHost();
  if (extra === 0 && fallback) return { host: undefined, rest: words };
  const shape = `HOST ${names.join(' ')}${options.variadic ? '...' : ''}`;
  const alone = `(or ${names.join(' ')}${options.variadic ? '...' : ''} alone when ${HOST_ENV} is set)`;
  if (extra < 0 || (extra === 0 && !fallback)) {
    // without a default host the first word is HOST, so what is missing is at the end
    const given = fallback ? words.length : Math.max(0, words.length - 1);
    const missing = [...(fallback || words.length > 0 ? [] : ['HOST']), ...names.slice(given)];
    const what = `${missing.slice(0, -1).join(', ')}${missing.length > 1 ? ' and ' : ''}${missing.at(-1)}${options.variadic && missing.at(-1) === names.at(-1) ? '...' : ''}`;
    throw new UsageError(`${what} missing: expected ${shape} ${alone}, e.g. ${options.example}`, { field: missing[0] ?? 'HOST' });
  }
  throw new UsageError(`too many arguments: expected ${shape} ${alone}, e.g. ${options.example}`, { field: names[n - 1] ?? 'HOST' });
}

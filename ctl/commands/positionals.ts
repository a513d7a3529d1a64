import { UsageError } from '../errors';
import { defaultHost } from '../settings';
import { HOST_ENV } from '../target';

/** AIX disk device names: hdiskN, and the pseudo-devices of multipath drivers (PowerPath, SDD, HDLM). */
export const DISK_NAME = /^(hdisk|hdiskpower|vpath|dlmfdrv)\d+$/;

export interface SplitPositionals {
  /** HOST from the command line; undefined means the default host (ALTCTL_HOST or the config file). */
  readonly host: string | undefined;
  readonly rest: string[];
}

/**
 * Splits HOST off `HOST ARG...`. HOST may be left out, for the default host, when exactly
 * the required arguments are given (`altctl watch JOB` with ALTCTL_HOST set) and, for
 * DISK... (`disks`), when the first word is a disk name: `altctl plan hdisk1 hdisk4` plans
 * both disks on the default host. Without a default host such a first word is refused,
 * never taken for a host. Too few words is a usage error naming what is missing.
 */
export function splitHost(positionals: readonly unknown[] | undefined, names: readonly string[], options: { variadic?: boolean; disks?: boolean; example: string; usage?: string }): SplitPositionals {
  const words = (positionals ?? []).map(String);
  const n = names.length;
  const extra = words.length - n;
  const fallback = defaultHost();
  // DISK...: any number of words, so the count cannot tell `host1 hdisk1` from `hdisk1 hdisk4`
  if (options.disks && words[0] !== undefined && DISK_NAME.test(words[0])) {
    if (fallback) return { host: undefined, rest: words };
    throw new UsageError(
      `${words[0]} is a disk name, not HOST: give the agent first (e.g. ${options.example}), or set ${HOST_ENV}; ` +
        `a host whose name looks like a disk is given with its port (${words[0]}:7400)`,
      { field: 'HOST' },
    );
  }
  if (extra === 1 || (options.variadic && extra > 1)) return { host: words[0], rest: words.slice(1) };
  if (extra === 0 && fallback) return { host: undefined, rest: words };
  // a command whose refusal scripts already know keeps it (bosboot): one message for any wrong count
  if (options.usage !== undefined) throw new UsageError(options.usage, { field: names[n - 1] ?? 'HOST' });
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

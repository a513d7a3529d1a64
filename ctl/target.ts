import { EndpointError, parseEndpoint, type Endpoint } from '../shared/endpoint';
import { UsageError } from './errors';
import type { DefaultHost } from './settings';
import { defaultLocalSocket } from '../shared/local-socket';

/** Environment variable naming the agent when HOST is not given. */
export const HOST_ENV = 'ALTCTL_HOST';

/** HOST `local`: the agent of this host, through its local socket in the default state directory. */
export const LOCAL_HOST = 'local';

/**
 * HOST from the command line, else the default host (ALTCTL_HOST or the config file);
 * either may carry :PORT, or be unix:PATH, or `local` for this host's agent's socket.
 */
export function resolveTarget(host: string | undefined, fallback: DefaultHost | undefined): Endpoint {
  const given = host ?? fallback?.host;
  const text = given === LOCAL_HOST ? `unix:${defaultLocalSocket(process.platform, process.env)}` : given;
  if (text === undefined || text === '') {
    throw new UsageError(`HOST is missing: give the agent's host as the first argument (host1, host1:7400, 10.0.0.5), set ${HOST_ENV}, or put "host" in altctl's config file`, { field: 'HOST' });
  }
  try {
    return parseEndpoint(text, { field: host === undefined ? (fallback?.source ?? HOST_ENV) : 'HOST' });
  } catch (err) {
    if (err instanceof EndpointError) throw new UsageError(err.message, { field: err.field });
    throw err;
  }
}

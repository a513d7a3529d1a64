import { EndpointError, parseEndpoint, type Endpoint } from '../shared/endpoint';
import { UsageError } from './errors';

/** Environment variable naming the agent when HOST is not given. */
export const HOST_ENV = 'ALTCTL_HOST';

/** HOST from the command line, else from ALTCTL_HOST; either may carry :PORT. */
export function resolveTarget(host: string | undefined, env: NodeJS.ProcessEnv = process.env): Endpoint {
  const text = host ?? env[HOST_ENV];
  if (text === undefined || text === '') {
    throw new UsageError(`HOST is missing: give the agent's host as the first argument (host1, host1:7400, 10.0.0.5) or set ${HOST_ENV}`, { field: 'HOST' });
  }
  try {
    return parseEndpoint(text, { field: host === undefined ? HOST_ENV : 'HOST' });
  } catch (err) {
    if (err instanceof EndpointError) throw new UsageError(err.message, { field: err.field });
    throw err;
  }
}

import type { Argv } from 'yargs';
import { HOST_ENV } from '../target';

export const HOST_DESCRIPTION = `The agent: NAME, NAME:PORT, an IPv4 address or [IPv6]:PORT (default port 7400; default host from ${HOST_ENV})`;

/** Adds the optional HOST positional every command starts with. */
export function withHost<T>(y: Argv<T>): Argv<T & { host: string | undefined }> {
  return y.positional('host', { type: 'string', describe: HOST_DESCRIPTION }) as Argv<T & { host: string | undefined }>;
}

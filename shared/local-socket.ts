import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The agent's local socket, in its state directory: only the agent's own user (root on
 * AIX) can reach it, so its callers are the host's administrator (localRole).
 */
export const LOCAL_SOCKET = 'altdiskd.sock';

/** The agent's state directory when none is configured: /var/altdisk on AIX, the XDG state directory elsewhere. */
export function defaultStateDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'aix') return '/var/altdisk';
  const base = env['XDG_STATE_HOME'] || path.join(env['HOME'] || os.homedir(), '.local', 'state');
  return path.join(base, 'altdisk');
}

/** Where the agent's local socket is when its state directory is the default one (altctl's HOST `local`). */
export function defaultLocalSocket(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  return path.join(defaultStateDir(platform, env), LOCAL_SOCKET);
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { agentUid } from './own-files';

/**
 * Whether a path the agent acts on as root can be trusted, in the manner of sshd's
 * StrictModes: whoever can write a file, or any directory above it, decides what the
 * agent reads there (roles in the config file, the client CA) or can swap it for a
 * link. Each function returns what is wrong, in words, or undefined.
 */

/**
 * AIX's system directories (/usr, /usr/bin, /var) belong to the system accounts bin
 * (uid 2) and sys (uid 3), which no one logs in as; they are as trusted as root.
 */
const SYSTEM_ACCOUNTS: ReadonlySet<number> = new Set([2, 3]);

/** Root, the system accounts, or the agent's own user (off AIX, where the agent need not be root). */
function trustedOwner(uid: number): boolean {
  return uid === 0 || uid === agentUid() || SYSTEM_ACCOUNTS.has(uid);
}

function mode(stat: fs.Stats): string {
  return (stat.mode & 0o7777).toString(8).padStart(4, '0');
}

/**
 * Each symbolic link met along the path as given must belong to a trusted account:
 * whoever owns a link decides where it points, now and later. (Callers then use the
 * resolved path, so a trusted link re-pointed later changes nothing either.)
 */
function linkProblem(given: string): string | undefined {
  let current = path.parse(path.resolve(given)).root;
  for (const part of path
    .resolve(given)
    .split(path.sep)
    .filter((p) => p !== '')) {
    current = path.join(current, part);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(current);
    } catch {
      return undefined; // what is missing, the checks of the resolved path report
    }
    if (stat.isSymbolicLink() && !trustedOwner(stat.uid))
      return `${current} is a symbolic link owned by uid ${stat.uid}, who can point it anywhere; give the real path`;
  }
  return undefined;
}

/**
 * `dir` and every directory above it (resolved: links followed) must be owned by a
 * trusted account and not writable by group or others, unless sticky (/tmp), where
 * others cannot rename what they do not own; links on the way, by a trusted account.
 */
export function directoryChainProblem(dir: string): string | undefined {
  const link = linkProblem(dir);
  if (link) return link;
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (err) {
    return `${dir} cannot be resolved (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  for (let current = real; ; current = path.dirname(current)) {
    const stat = fs.statSync(current);
    if (!trustedOwner(stat.uid))
      return `${current} is owned by uid ${stat.uid}; it must belong to root (chown root ${current})`;
    const writableByOthers = (stat.mode & 0o022) !== 0;
    const sticky = (stat.mode & 0o1000) !== 0;
    if (writableByOthers && !sticky)
      return `${current} is writable by group or others (mode ${mode(stat)}), so they could replace what is below it (chmod go-w ${current})`;
    if (current === path.dirname(current)) return undefined;
  }
}

/** A program the agent runs as root: owned by a trusted account and writable by no one else. */
export function trustedProgramProblem(file: string): string | undefined {
  const stat = fs.statSync(file);
  if (!trustedOwner(stat.uid))
    return `${file} is owned by uid ${stat.uid}; it must belong to root (chown root ${file})`;
  if ((stat.mode & 0o022) !== 0)
    return `${file} is writable by group or others (mode ${mode(stat)}); chmod go-w ${file}`;
  return undefined;
}

/**
 * A file the admin names (the config file, TLS certificates and keys): owned by root or
 * the agent's user, not writable by group or others, in trusted directories; a private
 * key also not readable by group or others.
 */
export function trustedFileProblem(file: string, options: { secret?: boolean } = {}): string | undefined {
  const link = linkProblem(file);
  if (link) return link;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file} (${code ?? (err as Error).message})`;
  }
  if (!stat.isFile()) return `${file} is not a regular file`;
  if (!trustedOwner(stat.uid))
    return `${file} is owned by uid ${stat.uid}; it must belong to root (chown root ${file})`;
  if ((stat.mode & 0o022) !== 0)
    return `${file} is writable by group or others (mode ${mode(stat)}); chmod go-w ${file}`;
  if (options.secret && (stat.mode & 0o077) !== 0)
    return `${file} is a private key readable by group or others (mode ${mode(stat)}); chmod 600 ${file}`;
  return directoryChainProblem(path.dirname(fs.realpathSync(file)));
}

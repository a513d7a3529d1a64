import * as fs from 'node:fs';
import * as path from 'node:path';
import { agentUid, ownFileProblem } from './own-files';
import { directoryChainProblem } from './trusted-path';
import { LOCAL_SOCKET } from '../../shared/local-socket';

/** The state directory cannot be trusted: the agent does not start on it. */
export class StateDirError extends Error {
  constructor(
    readonly stateDir: string,
    problem: string,
  ) {
    super(
      `the state directory ${stateDir} cannot be trusted: ${problem}; fix it, or give another directory with --state-dir`,
    );
    this.name = 'StateDirError';
  }
}

/** Subdirectories that are not the agent's state: the emulated host (off AIX only). */
const NOT_STATE = new Set(['aixsim']);

/**
 * Makes the state directory if it is missing and checks, before the agent writes a
 * byte there, that nobody but the agent's user could have planted anything in it:
 * the directory, every directory and file under it, and every directory above it.
 * A link, a file of another owner, a hard link or anything writable by group or
 * others stops the start (StateDirError). What is merely readable by others (an
 * older agent made its log 0644) is tightened, and returned so the caller logs it.
 * Returns the directory's resolved path, which the agent uses from then on: a link on
 * the way, even a trusted one, is not followed again.
 */
export function secureStateDir(given: string): { stateDir: string; tightened: string[] } {
  const fail = (problem: string): never => {
    throw new StateDirError(given, problem);
  };
  if (!fs.existsSync(given)) {
    // Nothing is made below a directory someone else could have prepared.
    let existing = path.dirname(given);
    while (!fs.existsSync(existing)) existing = path.dirname(existing);
    const before = directoryChainProblem(existing);
    if (before) fail(before);
    fs.mkdirSync(path.dirname(given), { recursive: true });
    fs.mkdirSync(given, { mode: 0o700 });
  }
  const stateDir = path.join(fs.realpathSync(path.dirname(given)), path.basename(given));
  const top = fs.lstatSync(stateDir);
  if (top.isSymbolicLink()) fail('it is a symbolic link; give the directory it points to');
  const above = directoryChainProblem(path.dirname(stateDir));
  if (above) fail(above);
  const tightened: string[] = [];
  const localSocket = path.join(stateDir, LOCAL_SOCKET);
  const visit = (entry: string, stat: fs.Stats): void => {
    // the agent's own socket, left by a killed agent, is replaced when it listens
    if (entry === localSocket && stat.isSocket() && stat.uid === agentUid()) return;
    if (stat.isDirectory()) {
      if (stat.uid !== agentUid())
        fail(`${entry} is owned by uid ${stat.uid}, not by the agent's user (uid ${agentUid()})`);
      if ((stat.mode & 0o022) !== 0)
        fail(`${entry} is writable by group or others (mode ${(stat.mode & 0o777).toString(8)})`);
    } else {
      const problem = ownFileProblem(stat);
      if (problem) fail(`${entry} ${problem}`);
    }
    if ((stat.mode & 0o077) !== 0) {
      fs.chmodSync(entry, stat.mode & 0o700);
      tightened.push(entry);
    }
    if (!stat.isDirectory()) return;
    for (const name of fs.readdirSync(entry)) {
      if (entry === stateDir && NOT_STATE.has(name)) continue;
      const child = path.join(entry, name);
      visit(child, fs.lstatSync(child));
    }
  };
  visit(stateDir, top);
  return { stateDir, tightened };
}

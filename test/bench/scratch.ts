import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Everything the bench makes (emulated hosts, agents' state, certificates) goes under one
 * temporary directory, removed when the bench ends: done, failed or stopped with Ctrl-C.
 * TMPDIR points there, so os.tmpdir() in the bench and in the processes it starts uses it.
 */
let stopping = false;

/** A Ctrl-C or SIGTERM arrived: its handler is cleaning up and sets the exit status, not the bench's failure path. */
export function stoppedBySignal(): boolean {
  return stopping;
}

export function useScratchDir(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-bench-'));
  process.env['TMPDIR'] = root;
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    // retries: a clone's discarded directories are deleted by a detached aixsim process
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };
  process.on('exit', remove);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      stopping = true;
      void cancelJobsUnder(root).finally(() => {
        remove();
        process.exit(code);
      });
    });
  }
  return root;
}

/**
 * A clone's supervisor runs in its own process group, so Ctrl-C does not reach it; told
 * SIGTERM it cancels its command. Done before the directory it runs from is removed.
 */
async function cancelJobsUnder(root: string): Promise<void> {
  const supervisors: number[] = [];
  for (const stateDir of safeList(root)) {
    for (const job of safeList(path.join(root, stateDir, 'jobs'))) {
      try {
        const info = JSON.parse(fs.readFileSync(path.join(root, stateDir, 'jobs', job, 'supervisor.json'), 'utf8')) as {
          pid?: number;
        };
        if (typeof info.pid === 'number' && info.pid > 1) supervisors.push(info.pid);
      } catch {
        // no supervisor there (a finished job's record, another file)
      }
    }
  }
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const pid of supervisors.filter(alive)) process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 15_000 && supervisors.some(alive); waited += 200)
    await new Promise((r) => setTimeout(r, 200));
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

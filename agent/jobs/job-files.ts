import * as path from 'node:path';

/** The files of one job's directory, STATE_DIR/jobs/ID/. */
export interface JobFiles {
  dir: string;
  /** The job record (job.json). */
  record: string;
  /** What the supervisor runs (launch.json). */
  launch: string;
  /** The command's standard output and error, as it wrote them. */
  output: string;
  /** Written by the supervisor when the command has exited. */
  exit: string;
  /** The supervisor's pid and the command's. */
  supervisor: string;
  /** Touched by the supervisor every few seconds while it lives. */
  heartbeat: string;
  /** The supervisor's own errors. */
  supervisorLog: string;
  /** The job's events. */
  events: string;
  /** Files the caller sent (exclude list, scripts ...). */
  inputs: string;
}

export function jobFiles(jobsDir: string, id: string): JobFiles {
  const dir = path.join(jobsDir, id);
  return {
    dir,
    record: path.join(dir, 'job.json'),
    launch: path.join(dir, 'launch.json'),
    output: path.join(dir, 'output.log'),
    exit: path.join(dir, 'exit.json'),
    supervisor: path.join(dir, 'supervisor.json'),
    heartbeat: path.join(dir, 'heartbeat'),
    supervisorLog: path.join(dir, 'supervisor.log'),
    events: path.join(dir, 'events.jsonl'),
    inputs: path.join(dir, 'inputs'),
  };
}

/** launch.json: what the supervisor runs. */
export interface LaunchSpec {
  /** Absolute path of the command. */
  file: string;
  args: string[];
  env: Record<string, string>;
}

/** supervisor.json: written before the command starts (commandPid 0), then with its pid. */
export interface SupervisorInfo {
  pid: number;
  /** The command's pid, which is also its process group's; 0 until it has started. */
  commandPid: number;
  startedAt: string;
}

/** exit.json */
export interface ExitRecord {
  /** null when the command was killed by a signal. */
  exitCode: number | null;
  signal: string | null;
  finishedAt: string;
  /** Set when the command could not be started at all. */
  error?: string;
}

/** How often the supervisor proves it is alive, and when silence means it is gone. */
export const HEARTBEAT_MS = 2000;
export const HEARTBEAT_STALE_MS = 15000;

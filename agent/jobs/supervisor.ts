#!/usr/bin/env node
/**
 * The job supervisor: `node supervisor.js JOB_DIR`, started detached by the agent.
 *
 * It exists so that a clone outlives the agent: it starts the command in its own
 * process group with its output going to JOB_DIR/output.log, waits for it, and
 * writes JOB_DIR/exit.json. The agent may be restarted or killed -9 meanwhile; it
 * finds exit.json (or a live heartbeat) when it comes back. SIGTERM from the agent
 * means cancel: forwarded to the command's group, SIGKILL if it does not stop.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write';
import { appendOwnFile, openOwnFile, openOwnFileForAppend, readOwnJson } from '../fs/own-files';
import { HEARTBEAT_MS, type ExitRecord, type LaunchSpec, type SupervisorInfo, jobFiles } from './job-files';
import * as path from 'node:path';

const KILL_AFTER_MS = 30_000;

/** How long a supervisor keeps trying to record the command's end when the disk is full. */
const EXIT_RECORD_TRIES = 600;

function main(jobDir: string): void {
  const files = jobFiles(path.dirname(jobDir), path.basename(jobDir));
  // Its own log is best effort: a full disk must not end the supervisor of a running clone.
  const log = (message: string): void => {
    try {
      appendOwnFile(files.supervisorLog, `${new Date().toISOString()} ${message}\n`);
    } catch {
      // nowhere to say it
    }
  };
  const launch = readOwnJson<LaunchSpec>(files.launch);
  if (!launch) {
    log(`no ${files.launch}`);
    writeFileAtomic(
      files.exit,
      JSON.stringify({
        exitCode: 127,
        signal: null,
        finishedAt: new Date().toISOString(),
        error: 'launch.json missing',
      } satisfies ExitRecord),
    );
    return;
  }
  // A cancel (SIGTERM from the agent) is heard from the start, not killing the supervisor
  // between its first record and the command's: signals are handled once this function has
  // returned, with the command started, and stop its process group.
  let commandPid: number | undefined;
  const cancel = (signal: NodeJS.Signals): void => {
    if (commandPid === undefined) return;
    const pid = commandPid;
    log(`${signal} received: stopping the command's process group`);
    signalGroup(pid, 'SIGTERM');
    setTimeout(() => {
      log('the command did not stop: SIGKILL');
      signalGroup(pid, 'SIGKILL');
    }, KILL_AFTER_MS).unref();
  };
  process.on('SIGTERM', cancel);
  process.on('SIGINT', cancel);
  // The agent's terminal or session going away must not end the job.
  process.on('SIGHUP', () => log('SIGHUP ignored'));

  // Everything the supervisor needs is made before the command starts: what fails here
  // (a full disk) leaves a command that never ran, which the agent can say for sure.
  const heartbeat = openOwnFile(files.heartbeat, fs.constants.O_WRONLY | fs.constants.O_CREAT);
  const startedAt = new Date().toISOString();
  writeFileAtomic(
    files.supervisor,
    JSON.stringify({ pid: process.pid, commandPid: 0, startedAt } satisfies SupervisorInfo),
  );
  const out = openOwnFileForAppend(files.output);
  let finished = false;
  const finish = (record: ExitRecord, tries = 0): void => {
    if (finished && tries === 0) return;
    finished = true;
    try {
      writeFileAtomic(files.exit, JSON.stringify(record));
    } catch (err) {
      // Full disk: keep beating and try again; the agent waits for a live supervisor.
      if (tries < EXIT_RECORD_TRIES) {
        setTimeout(() => finish(record, tries + 1), 1000);
        return;
      }
      log(`could not record how the command ended: ${(err as Error).message}`);
      process.exit(1);
    }
    log(`command ended: ${JSON.stringify(record)}`);
    process.exit(0);
  };
  const child = spawn(launch.file, launch.args, {
    detached: true,
    stdio: ['ignore', out, out],
    env: launch.env,
    shell: false,
  });
  fs.closeSync(out);
  child.on('error', (err) => {
    log(`could not start ${launch.file}: ${err.message}`);
    finish({ exitCode: 127, signal: null, finishedAt: new Date().toISOString(), error: err.message });
  });
  child.on('exit', (code, signal) => finish({ exitCode: code, signal, finishedAt: new Date().toISOString() }));
  if (child.pid === undefined) return; // 'error' follows
  commandPid = child.pid;
  try {
    writeFileAtomic(
      files.supervisor,
      JSON.stringify({ pid: process.pid, commandPid: child.pid, startedAt } satisfies SupervisorInfo),
    );
  } catch (err) {
    // Nobody could find the command again without this: stop it now, moments after it began.
    log(`could not record the command (${(err as Error).message}): stopping it`);
    signalGroup(child.pid, 'SIGKILL');
    return; // 'exit' follows and records it, as far as the disk allows
  }
  log(`started ${launch.file} ${launch.args.join(' ')} as pid ${child.pid}`);

  // One descriptor for the life of the job: touching it by name would follow a planted link.
  const beat = (): void => {
    const now = new Date();
    fs.futimesSync(heartbeat, now, now);
  };
  beat();
  setInterval(beat, HEARTBEAT_MS);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

main(path.resolve(process.argv[2] ?? '.'));

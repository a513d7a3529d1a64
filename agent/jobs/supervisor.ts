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

function main(jobDir: string): void {
  const files = jobFiles(path.dirname(jobDir), path.basename(jobDir));
  const log = (message: string): void => appendOwnFile(files.supervisorLog, `${new Date().toISOString()} ${message}\n`);
  const launch = readOwnJson<LaunchSpec>(files.launch);
  if (!launch) {
    log(`no ${files.launch}`);
    writeFileAtomic(files.exit, JSON.stringify({ exitCode: 127, signal: null, finishedAt: new Date().toISOString(), error: 'launch.json missing' } satisfies ExitRecord));
    return;
  }
  const out = openOwnFileForAppend(files.output);
  const child = spawn(launch.file, launch.args, { detached: true, stdio: ['ignore', out, out], env: launch.env, shell: false });
  fs.closeSync(out);
  let finished = false;
  const finish = (record: ExitRecord): void => {
    if (finished) return;
    finished = true;
    writeFileAtomic(files.exit, JSON.stringify(record));
    log(`command ended: ${JSON.stringify(record)}`);
    process.exit(0);
  };
  child.on('error', (err) => {
    appendOwnFile(files.output, `altdiskd: could not start ${launch.file}: ${err.message}\n`);
    finish({ exitCode: 127, signal: null, finishedAt: new Date().toISOString(), error: err.message });
  });
  child.on('exit', (code, signal) => finish({ exitCode: code, signal, finishedAt: new Date().toISOString() }));
  if (child.pid === undefined) return; // 'error' follows
  const info: SupervisorInfo = { pid: process.pid, commandPid: child.pid, startedAt: new Date().toISOString() };
  writeFileAtomic(files.supervisor, JSON.stringify(info));
  log(`started ${launch.file} ${launch.args.join(' ')} as pid ${child.pid}`);

  // One descriptor for the life of the job: touching it by name would follow a planted link.
  const heartbeat = openOwnFile(files.heartbeat, fs.constants.O_WRONLY | fs.constants.O_CREAT);
  const beat = (): void => {
    const now = new Date();
    fs.futimesSync(heartbeat, now, now);
  };
  beat();
  setInterval(beat, HEARTBEAT_MS);

  const cancel = (signal: NodeJS.Signals): void => {
    log(`${signal} received: stopping the command's process group`);
    signalGroup(child.pid!, 'SIGTERM');
    setTimeout(() => {
      log('the command did not stop: SIGKILL');
      signalGroup(child.pid!, 'SIGKILL');
    }, KILL_AFTER_MS).unref();
  };
  process.on('SIGTERM', cancel);
  process.on('SIGINT', cancel);
  // The agent's terminal or session going away must not end the job.
  process.on('SIGHUP', () => log('SIGHUP ignored'));
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

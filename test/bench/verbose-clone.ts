import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHost } from '../support/aixsim-host';
import { aixsim } from '../support/host-commands';
import { distPath } from '../support/repo';
import { startAgentProcess } from '../support/processes';
import { peakRssMb } from './peak-rss';

export interface VerboseCloneFigures {
  files: number;
  events: number;
  /** Events per second as altctl received them, from the first event to the finished job. */
  eventsPerSecond: number;
  seconds: number;
  agentPeakRssMb: number;
  agentIdleRssMb: number;
}

/**
 * A -V clone of a host with `files` extra files: every file copied is one output
 * line, one journaled event and one JSON line at altctl. The emulator copies as
 * fast as it can, so the agent's path from output file to gRPC stream is what is
 * measured.
 */
export async function verboseClone(files: number, agentEnv: NodeJS.ProcessEnv = {}): Promise<VerboseCloneFigures> {
  const host = await createHost({ files });
  aixsim(['tune', host.dir, '--copy-rate-mb', '100000', '--step-delay-ms', '0']);
  const agent = await startAgentProcess({
    commandsDir: host.bin,
    stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-bench-')),
    env: agentEnv,
  });
  try {
    const idle = await peakRssMb(agent.child.pid!);
    const ctl = spawn(
      process.execPath,
      [distPath('ctl/main.js'), 'clone', agent.address, 'hdisk1', '--verbose', '--json'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let events = 0;
    let first = 0;
    let last = 0;
    let carry = '';
    ctl.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (carry + chunk).split('\n');
      carry = lines.pop() ?? '';
      const now = performance.now();
      if (first === 0) first = now;
      last = now;
      events += lines.filter((l) => l.startsWith('{"event"')).length;
    });
    let peak = idle;
    const sampler = setInterval(() => {
      void peakRssMb(agent.child.pid!).then(
        (mb) => (peak = Math.max(peak, mb)),
        () => undefined,
      );
    }, 250);
    const code = await new Promise<number | null>((resolve) => ctl.on('close', resolve));
    clearInterval(sampler);
    peak = Math.max(peak, await peakRssMb(agent.child.pid!));
    if (code !== 0) throw new Error(`the -V clone of ${files} files exited ${code}`);
    const seconds = (last - first) / 1000;
    return { files, events, eventsPerSecond: events / seconds, seconds, agentPeakRssMb: peak, agentIdleRssMb: idle };
  } finally {
    await agent.stop();
    host.cleanup();
  }
}

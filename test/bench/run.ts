// npm run bench: the figures the foundation issue asks for, as medians and ratios.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHost } from '../support/aixsim-host';
import { runCtl, runNode, startAgentProcess, type AgentProcess } from '../support/processes';
import { rssMb } from './rss';
import { fmt, median, sample } from './stats';
import { stoppedBySignal, useScratchDir } from './scratch';
import { verboseClone } from './verbose-clone';

/**
 * `npm run bench` takes about 13 minutes on 2 CPUs; `npm run bench -- quick` runs every part
 * smaller (fewer runs, disks and files) in about 4 minutes, for a rough figure. Any other
 * words name the parts to run: cli, memory, discovery, verbose, tls.
 */
const WORDS = process.argv.slice(2);
const QUICK = WORDS.includes('quick');
const RUNS = Number(process.env['BENCH_RUNS'] ?? (QUICK ? 5 : 15));
const BIG_HOST_DISKS = Number(process.env['BENCH_DISKS'] ?? (QUICK ? 100 : 1000));
const SMALL_FILES = Number(process.env['BENCH_SMALL_FILES'] ?? (QUICK ? 2_000 : 20_000));
const FILES = Number(process.env['BENCH_FILES'] ?? (QUICK ? 20_000 : 200_000));

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(58)} ${value}\n`);
}

async function must(result: Promise<{ code: number | null; stderr: string }>): Promise<void> {
  const r = await result;
  if (r.code !== 0) throw new Error(`benchmark step failed: ${r.stderr}`);
}

async function cliVersusBareCall(agent: AgentProcess): Promise<void> {
  const minimal = path.join(__dirname, 'minimal-client.js');
  await must(runCtl(['disks', agent.address, '--json']));
  const ctl = await sample(RUNS, () => must(runCtl(['disks', agent.address, '--json'])));
  const bare = await sample(RUNS, () => must(runNode(minimal, [agent.address])));
  process.stdout.write('\n1. `altctl disks --json` end to end vs a bare grpc-js unary call (both whole processes)\n');
  line(`altctl disks, median of ${RUNS}`, fmt(median(ctl)));
  line(`minimal grpc-js client script, median of ${RUNS}`, fmt(median(bare)));
  line('ratio altctl / bare call', `${(median(ctl) / median(bare)).toFixed(2)}x`);
}

async function idleMemory(agent: AgentProcess): Promise<void> {
  const server = spawn(process.execPath, [path.join(__dirname, 'minimal-server.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => server.stdout.once('data', () => resolve()));
  await new Promise((r) => setTimeout(r, 2000)); // let both settle after start-up
  const agentRss: number[] = [];
  const serverRss: number[] = [];
  for (let i = 0; i < 5; i++) {
    agentRss.push(await rssMb(agent.child.pid!));
    serverRss.push(await rssMb(server.pid!));
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  process.stdout.write('\n2. Idle resident memory: the agent (after serving calls) vs a minimal grpc-js server\n');
  line('altdiskd idle RSS, median of 5 readings', `${median(agentRss).toFixed(1)} MB`);
  line('minimal grpc-js server idle RSS, median of 5 readings', `${median(serverRss).toFixed(1)} MB`);
  line('ratio agent / minimal server', `${(median(agentRss) / median(serverRss)).toFixed(2)}x`);
}

async function bigHostDiscovery(): Promise<void> {
  const host = await createHost({ disks: BIG_HOST_DISKS });
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      // A fresh agent each time: its per-disk cache starts empty.
      const agent = await startAgentProcess({
        commandsDir: host.bin,
        stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-bench-')),
      });
      try {
        cold.push(...(await sample(1, () => must(runCtl(['disks', agent.address, '--json'], { timeoutMs: 600_000 })))));
        if (i === 0) warm.push(...(await sample(5, () => must(runCtl(['disks', agent.address, '--json'])))));
      } finally {
        await agent.stop();
      }
    }
  } finally {
    host.cleanup();
  }
  process.stdout.write(
    `\n3. Discovery on an emulated host with ${BIG_HOST_DISKS} spare disks (+ rootvg, datavg), altctl disks end to end\n`,
  );
  line('cold: first call of a new agent, median of 3', fmt(median(cold)));
  line('warm: per-disk facts cached, median of 5', fmt(median(warm)));
  line('per disk, cold', fmt(median(cold) / (BIG_HOST_DISKS + 2)));
  line('ratio cold / warm', `${(median(cold) / median(warm)).toFixed(1)}x`);
}

async function verboseCloneStream(): Promise<void> {
  const small = await verboseClone(SMALL_FILES);
  const large = await verboseClone(FILES);
  // V8 grows its heap lazily under a steady stream of short-lived objects, so peak RSS
  // also measures GC slack. Capping the old space shows whether the live set grows.
  const capped = await verboseClone(large.files, { NODE_OPTIONS: '--max-old-space-size=48' });
  process.stdout.write(
    "\n4. A -V clone streamed to altctl --json (one event per file copied), and the agent's memory\n",
  );
  for (const [label, run] of [
    ['', small],
    ['', large],
    [' (old space capped at 48 MB)', capped],
  ] as const) {
    line(
      `${run.files} files${label}: events at altctl`,
      `${run.events} in ${run.seconds.toFixed(1)} s = ${Math.round(run.eventsPerSecond)} events/s`,
    );
    line(
      `${run.files} files${label}: agent peak RSS (idle ${run.agentIdleRssMb.toFixed(1)} MB)`,
      `${run.agentPeakRssMb.toFixed(1)} MB`,
    );
  }
  line('peak RSS ratio, 10x the events, uncapped', `${(large.agentPeakRssMb / small.agentPeakRssMb).toFixed(2)}x`);
  line(
    'peak RSS ratio, 10x the events, capped vs 1x uncapped',
    `${(capped.agentPeakRssMb / small.agentPeakRssMb).toFixed(2)}x`,
  );
}

/**
 * What mutual TLS costs a caller: altctl makes one connection per run, so each run pays a
 * handshake and the agent's check of the client certificate, role lookup included.
 */
async function tlsVersusPlaintext(): Promise<void> {
  const host = await createHost();
  const pki = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-bench-pki-'));
  // altdiskd.json, written with the certificates, maps CN=bench to viewer
  await must(runCtl(['certs', 'init', pki, '--agent', 'localhost', '--client', 'bench', '--role', 'viewer']));
  const config = path.join(pki, 'altdiskd.json');
  const plain = await startAgentProcess({ commandsDir: host.bin });
  const tls = await startAgentProcess({
    commandsDir: host.bin,
    extraArgs: [
      '--config',
      config,
      '--tls-cert',
      path.join(pki, 'agent-localhost.pem'),
      '--tls-key',
      path.join(pki, 'agent-localhost.key'),
      '--tls-client-ca',
      path.join(pki, 'ca.pem'),
    ],
  });
  const client = [
    '--tls-ca',
    path.join(pki, 'ca.pem'),
    '--tls-cert',
    path.join(pki, 'client-bench.pem'),
    '--tls-key',
    path.join(pki, 'client-bench.key'),
  ];
  const tlsAddress = tls.address.replace(/^127\.0\.0\.1:/, 'localhost:'); // the name in the agent's certificate
  try {
    await must(runCtl(['disks', plain.address, '--json']));
    await must(runCtl(['disks', tlsAddress, '--json', ...client]));
    const plainTimes = await sample(RUNS, () => must(runCtl(['disks', plain.address, '--json'])));
    const tlsTimes = await sample(RUNS, () => must(runCtl(['disks', tlsAddress, '--json', ...client])));
    process.stdout.write(
      '\n5. `altctl disks --json` over mutual TLS (client certificate, role check) vs plaintext loopback\n',
    );
    line(`plaintext, median of ${RUNS}`, fmt(median(plainTimes)));
    line(`mutual TLS, median of ${RUNS}`, fmt(median(tlsTimes)));
    line('ratio TLS / plaintext', `${(median(tlsTimes) / median(plainTimes)).toFixed(2)}x`);
  } finally {
    await plain.stop();
    await tls.stop();
    host.cleanup();
    fs.rmSync(pki, { recursive: true, force: true });
  }
}

/** `npm run bench -- verbose` runs only the parts named: cli, memory, discovery, verbose, tls. */
const ONLY = new Set(WORDS.filter((w) => w !== 'quick'));
const wanted = (part: string): boolean => ONLY.size === 0 || ONLY.has(part);

async function main(): Promise<void> {
  useScratchDir();
  process.stdout.write(
    `altdisk benchmarks on ${os.cpus().length} CPUs, Node ${process.version}${QUICK ? ' (quick: fewer runs, smaller hosts; rough figures)' : ''}\n`,
  );
  if (wanted('cli') || wanted('memory')) await smallHost();
  if (wanted('discovery')) await bigHostDiscovery();
  if (wanted('verbose')) await verboseCloneStream();
  if (wanted('tls')) await tlsVersusPlaintext();
}

async function smallHost(): Promise<void> {
  const host = await createHost();
  const agent = await startAgentProcess({ commandsDir: host.bin });
  try {
    if (wanted('cli')) await cliVersusBareCall(agent);
    if (wanted('memory')) await idleMemory(agent);
  } finally {
    await agent.stop();
    host.cleanup();
  }
}

main().catch((err: unknown) => {
  // Ctrl-C also stops the agents the bench started (one process group): their end is not a failure
  if (stoppedBySignal()) return;
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

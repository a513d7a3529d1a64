import * as grpc from '@grpc/grpc-js';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Job__Output } from '../../../shared/generated/altdisk/v1/Job';
import type { JobEvent__Output } from '../../../shared/generated/altdisk/v1/JobEvent';
import { loadContract } from '../../../shared/proto/contract';
import { distPath } from '../../support/repo';
import { finishedJob, job, successfulClone } from './fixtures';
import { testCtlEnv } from '../../support/processes';

type Unary = (request: Record<string, unknown>) => unknown;

/**
 * A stand-in for altdiskd's CloneService, BootService and FirstBootService, scripted per test, so altctl's
 * job and boot commands run as real processes against real gRPC, with answers no real host gives on demand
 * (a refusal's metadata, an agent restarting mid-stream).
 */
export class FakeAgent {
  server: grpc.Server | undefined;
  port = 0;
  events: JobEvent__Output[] = successfulClone();
  /** Milliseconds between streamed events. */
  eventDelayMs = 0;
  /** Stop streaming (and leave the call open) after this sequence; undefined: send all and end. */
  hangAfter: number | undefined;
  finalJob: Job__Output = finishedJob();
  readonly calls: { method: string; request: Record<string, unknown> }[] = [];
  unary: Record<string, Unary> = {
    StartClone: () => ({ job: job(), findings: [], started: true }),
    GetJob: () => ({ job: this.finalJob }),
    PlanClone: () => ({
      findings: [],
      ready: true,
      command: ['alt_disk_copy', '-d', 'hdisk1'],
      environment: [],
      requiredMb: 9000,
      targetMb: 20000,
    }),
    ListJobs: () => ({ jobs: [this.finalJob] }),
    CancelJob: () => ({ job: job({ state: 'JOB_STATE_CANCELLING', lastSequence: 4 }) }),
    RemoveAltRootvg: () => ({
      job: finishedJob({ kind: 'JOB_KIND_REMOVE', summary: 'old_rootvg removed; hdisk0 is free' }),
    }),
    WakeAltRootvg: () => ({ job: finishedJob({ kind: 'JOB_KIND_WAKE' }) }),
    SleepAltRootvg: () => ({ job: finishedJob({ kind: 'JOB_KIND_SLEEP' }) }),
    Rollback: () => ({
      environment: 'old_rootvg',
      disk: 'hdisk0',
      normal: [{ device: 'hdisk0', blv: 'hd5', attributes: { blv: 'hd5' }, raw: 'hdisk0 blv=hd5' }],
      changed: true,
      nextStep: 'reboot with: altctl reboot host1 --yes',
    }),
    Reboot: () => ({ bootDisk: 'hdisk1', environment: 'altinst_rootvg', output: ['SHUTDOWN PROGRAM'] }),
    ListBootEnvironments: () => ({
      environments: [
        {
          name: 'rootvg',
          role: 'VG_ROLE_ROOTVG',
          disks: ['hdisk0'],
          booted: true,
          nextBoot: false,
          oslevel: '7300-02-01-2346',
          bootable: true,
          hooks: '',
        },
        {
          name: 'altinst_rootvg',
          role: 'VG_ROLE_ALTINST_ROOTVG',
          disks: ['hdisk1'],
          booted: false,
          nextBoot: true,
          oslevel: '7300-02-01-2346',
          bootable: true,
          hooks: '2 hooks pending',
        },
      ],
      nextBootDisk: 'hdisk1',
    }),
    AddHook: (r) => ({
      hook: { name: r['name'], sha256: 'ab'.repeat(32), sizeBytes: Buffer.from(r['content'] as Buffer).length },
      changed: true,
    }),
    ListHooks: () => ({ hooks: [], cloneOnly: [] }),
    RemoveHook: (r) => ({ hook: { name: r['name'] } }),
    GetResults: () => ({ found: false }),
  };
  /** Open WatchJob calls, to tear down with the server. */
  private readonly streams = new Set<grpc.ServerWritableStream<Record<string, unknown>, unknown>>();

  async start(
    port = 0,
    credentials: grpc.ServerCredentials = grpc.ServerCredentials.createInsecure(),
  ): Promise<string> {
    const api = loadContract().grpc.altdisk.v1;
    const server = new grpc.Server();
    const handlers = (service: grpc.ServiceDefinition): grpc.UntypedServiceImplementation => {
      const impl: grpc.UntypedServiceImplementation = {};
      for (const [name, def] of Object.entries(service)) {
        if (def.responseStream) {
          impl[name] = (call: grpc.ServerWritableStream<Record<string, unknown>, unknown>) => this.watch(call);
        } else {
          impl[name] = (
            call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>,
            callback: grpc.sendUnaryData<unknown>,
          ) => {
            this.calls.push({ method: name, request: call.request });
            const handler = this.unary[name];
            if (!handler) return callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not faked` });
            try {
              callback(null, handler(call.request));
            } catch (err) {
              callback(err as grpc.ServiceError);
            }
          };
        }
      }
      return impl;
    };
    server.addService(api.CloneService.service, handlers(api.CloneService.service));
    server.addService(api.BootService.service, handlers(api.BootService.service));
    server.addService(api.FirstBootService.service, handlers(api.FirstBootService.service));
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, credentials, (err, bound) => (err ? reject(err) : resolve(bound))),
    );
    this.server = server;
    return this.address;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Like an agent that dies: every open stream breaks at once. */
  kill(): void {
    this.server?.forceShutdown();
    this.server = undefined;
    this.streams.clear();
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    for (const s of this.streams) s.end();
    return new Promise((resolve) => server.tryShutdown(() => resolve()));
  }

  private async watch(call: grpc.ServerWritableStream<Record<string, unknown>, unknown>): Promise<void> {
    this.calls.push({ method: 'WatchJob', request: call.request });
    this.streams.add(call);
    let open = true;
    call.on('cancelled', () => (open = false));
    const after = Number(call.request['afterSequence'] ?? 0);
    for (const e of this.events) {
      if (e.sequence <= after) continue;
      if (this.eventDelayMs) await new Promise((r) => setTimeout(r, this.eventDelayMs));
      if (!open || !this.streams.has(call)) return;
      call.write(e);
      if (this.hangAfter !== undefined && e.sequence >= this.hangAfter) return; // keep the call open
    }
    this.streams.delete(call);
    call.end();
  }
}

export interface Running {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly done: Promise<number | null>;
  /** Resolves once stdout matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Starts altctl and lets the test act while it runs (send SIGINT, restart the agent). */
export function startCtl(args: readonly string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [distPath('ctl/main.js'), ...args], {
    env: testCtlEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running: Running = {
    child,
    stdout: '',
    stderr: '',
    done: new Promise((resolve) => child.on('close', (code) => resolve(code))),
    waitFor(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no ${pattern} in altctl's output within ${timeoutMs} ms:\n${running.stdout}\n${running.stderr}`,
              ),
            ),
          timeoutMs,
        );
        const check = () => {
          if (pattern.test(running.stdout)) {
            clearTimeout(timer);
            child.stdout!.off('data', check);
            resolve();
          }
        };
        child.stdout!.on('data', check);
        check();
      });
    },
  };
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (running.stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (running.stderr += c));
  return running;
}

export async function runCtlToEnd(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const r = startCtl(args, env);
  const code = await r.done;
  return { code, stdout: r.stdout, stderr: r.stderr };
}

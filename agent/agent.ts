import { AixCommands } from './aix/aix-commands';
import type { AgentConfig } from './config';
import { ExecFileRunner } from './exec/command-runner';
import { VgLockRunner } from './aix/vg-lock-runner';
import { HostInventory } from './inventory/host-inventory';
import type { Logger } from './logger';
import { startServer, type RunningServer } from './server/grpc-server';
import { bootService } from './services/boot-service';
import { diskService } from './services/disk-service';
import { hostService } from './services/host-service';
import { cloneService } from './services/clone-service';
import { JobManager } from './jobs/job-manager';
import { FirstBoot } from './firstboot/first-boot';
import { summarizeHooks } from './firstboot/env-summary';
import { firstBootService } from './services/firstboot-service';
import * as path from 'node:path';
import { AuditLog } from './security/audit-log';
import { PeerVerifier } from './security/peer-identity';
import { LOCAL_SOCKET } from '../shared/local-socket';

export type AgentState = 'STARTING' | 'RUNNING' | 'STOPPING' | 'STOPPED';

export interface RunningAgent {
  readonly server: RunningServer;
  readonly commandsDir: string | undefined;
  stop(graceMs?: number): Promise<void>;
}

/**
 * Per-disk facts (size, bootability) are reused this long before discovery asks the
 * host again. They change only when a LUN is replaced (new PVID: asked at once) or
 * resized; on a host with a thousand disks asking costs two processes per disk.
 */
const DISK_FACTS_TTL_MS = 10 * 60_000;

/** What whoever starts the agent plugs into it (launch/altdiskd.ts), and the OS it takes itself to run on. */
export interface AgentWiring {
  /**
   * Off AIX, with no commands directory configured: makes (or finds) a directory of
   * commands to run and returns it. Never called on AIX. Without one, the commands come
   * from PATH, as on AIX.
   */
  commandsFallback?: (stateDir: string, logger: Logger) => Promise<string>;
  platform?: NodeJS.Platform;
}

/** Wires the agent together: commands, inventory, services, server. */
export async function startAgent(config: AgentConfig, logger: Logger, wiring: AgentWiring = {}): Promise<RunningAgent> {
  const { commandsFallback, platform = process.platform } = wiring;
  let state: AgentState = 'STARTING';
  const startedAt = new Date();
  const fallback = platform === 'aix' ? undefined : commandsFallback;
  const commandsDir = config.commandsDir ?? (fallback ? await fallback(config.stateDir, logger) : undefined);
  // Reading LVM commands that wait on a locked volume group give up with the reason, one at a time.
  const runner = new VgLockRunner(
    new ExecFileRunner({
      commandsDir,
      searchPath: config.searchPath,
      defaultTimeoutMs: config.commandTimeoutMs,
      logger,
    }),
    logger,
  );
  const aix = new AixCommands(runner);
  const inventory = new HostInventory(aix, { concurrency: config.discoveryConcurrency, factsTtlMs: DISK_FACTS_TTL_MS });
  const jobs = new JobManager({ stateDir: config.stateDir, runner, aix, logger });
  // Before serving: jobs that ran while the agent was down are concluded, running ones followed again.
  const problems = await jobs.recover();
  const firstBoot = new FirstBoot(config.stateDir, config.limits, logger);
  firstBoot.noticeFirstBoot();
  const audit = new AuditLog(path.join(config.stateDir, 'log', 'audit.log'));
  const guard = {
    policy: config.policy,
    verifier: config.tls ? new PeerVerifier(config.tls.clientCaFile) : undefined,
    anonymous: { identity: 'loopback', role: config.policy.loopbackRole },
    audit,
    logger,
  };
  const listen = { address: config.listen, localSocket: path.join(config.stateDir, LOCAL_SOCKET) };
  const server = await startServer(
    listen,
    { tls: config.tls, ...config.connections },
    {
      host: hostService({ aix, commandsDir, startedAt, platform, problems }),
      disk: diskService(inventory),
      boot: bootService({
        aix,
        inventory,
        lock: jobs.lock,
        hooks: (envs) => summarizeHooks(envs, jobs, firstBoot),
        logger,
      }),
      clone: cloneService({ stateDir: config.stateDir, watchLimits: config.limits, jobs, firstBoot, runner, aix }),
      firstBoot: firstBootService({ firstBoot, jobs, aix, logger }),
    },
    guard,
    logger,
  );
  state = 'RUNNING';
  logger.info('listening', {
    address: server.address,
    tls: config.tls
      ? 'mutual: the handshake requires a client certificate signed by the client CA; roles from the config'
      : `off: loopback only, every caller has role ${config.policy.loopbackRole}`,
    localSocket: `${server.localSocket} (callers there have role ${config.policy.localRole})`,
    connections: config.connections,
    commandsDir: commandsDir ?? `PATH=${config.searchPath}`,
    stateDir: config.stateDir,
    state,
  });
  return {
    server,
    commandsDir,
    async stop(graceMs = 5000) {
      if (state !== 'RUNNING') return;
      state = 'STOPPING';
      logger.info('stopping', { state, graceMs, operationInFlight: jobs.lock.heldBy ?? null });
      await server.shutdown(graceMs);
      jobs.stop(); // running jobs go on without the agent; the next start re-attaches to them
      audit.close();
      state = 'STOPPED';
      logger.info('stopped', { state });
    },
  };
}

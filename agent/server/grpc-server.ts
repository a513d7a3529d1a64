import * as grpc from '@grpc/grpc-js';
import type { Endpoint } from '../../shared/endpoint';
import { guardService, type GuardDeps } from '../security/guard';
import { tolerantDefinition } from '../security/undecodable';
import { loadContract } from '../../shared/proto/contract';
import type { BootServiceHandlers } from '../../shared/generated/altdisk/v1/BootService';
import type { DiskServiceHandlers } from '../../shared/generated/altdisk/v1/DiskService';
import type { HostServiceHandlers } from '../../shared/generated/altdisk/v1/HostService';
import type { CloneServiceHandlers } from '../../shared/generated/altdisk/v1/CloneService';
import type { FirstBootServiceHandlers } from '../../shared/generated/altdisk/v1/FirstBootService';

export interface ServiceHandlers {
  host: HostServiceHandlers;
  disk: DiskServiceHandlers;
  boot: BootServiceHandlers;
  clone: CloneServiceHandlers;
  firstBoot: FirstBootServiceHandlers;
}

export interface RunningServer {
  /** host:port actually bound (the port is real even when 0 was asked for). */
  readonly address: string;
  readonly port: number;
  /** Stops accepting calls, waits up to graceMs for calls in flight, then cuts the rest. */
  shutdown(graceMs: number): Promise<void>;
}

/** Requests are small: a disk list, a few names. Anything larger is refused before parsing. */
const MAX_REQUEST_BYTES = 1024 * 1024;

export async function startServer(listen: Endpoint, credentials: grpc.ServerCredentials, handlers: ServiceHandlers, guard: GuardDeps): Promise<RunningServer> {
  const { grpc: api } = loadContract();
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_REQUEST_BYTES,
    'grpc.keepalive_permit_without_calls': 1,
  });
  // Every service goes through the guard: identity, role, audit.
  const add = (name: string, definition: grpc.ServiceDefinition, impl: grpc.UntypedServiceImplementation): void => {
    const tolerant = tolerantDefinition(definition);
    server.addService(tolerant, guardService(name, tolerant, impl, guard));
  };
  add('HostService', api.altdisk.v1.HostService.service, handlers.host);
  add('DiskService', api.altdisk.v1.DiskService.service, handlers.disk);
  add('BootService', api.altdisk.v1.BootService.service, handlers.boot);
  add('CloneService', api.altdisk.v1.CloneService.service, handlers.clone);
  add('FirstBootService', api.altdisk.v1.FirstBootService.service, handlers.firstBoot);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(listen.target, credentials, (err, boundPort) => (err ? reject(err) : resolve(boundPort)));
  });
  const address = listen.host.includes(':') ? `[${listen.host}]:${port}` : `${listen.host}:${port}`;
  return {
    address,
    port,
    shutdown: (graceMs) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

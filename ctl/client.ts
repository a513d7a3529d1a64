import * as grpc from '@grpc/grpc-js';
import type { Endpoint } from '../shared/endpoint';
import { loadContract } from '../shared/proto/contract';
import type { BootServiceClient } from '../shared/generated/altdisk/v1/BootService';
import type { CloneServiceClient } from '../shared/generated/altdisk/v1/CloneService';
import type { DiskServiceClient } from '../shared/generated/altdisk/v1/DiskService';
import type { FirstBootServiceClient } from '../shared/generated/altdisk/v1/FirstBootService';
import type { HostServiceClient } from '../shared/generated/altdisk/v1/HostService';

export interface AgentClients {
  readonly host: HostServiceClient;
  readonly disk: DiskServiceClient;
  readonly boot: BootServiceClient;
  readonly clone: CloneServiceClient;
  readonly firstboot: FirstBootServiceClient;
  close(): void;
}

/*
 * The generated clients overload each method; a conditional type sees the last
 * overload, (argument, callback), which is enough to recover request and response.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the callback's shape matters here
type RequestOf<M> = M extends (argument: infer Req, callback: grpc.requestCallback<any>) => grpc.ClientUnaryCall ? Req : never;
type ResponseOf<M> = M extends (argument: never, callback: grpc.requestCallback<infer Res>) => grpc.ClientUnaryCall ? Res : never;
type UnaryName<C> = { [K in keyof C]: C[K] extends (argument: never, callback: grpc.requestCallback<any>) => grpc.ClientUnaryCall ? K : never }[keyof C];

/** Connects to one agent. The service clients share one channel. */
export function connect(target: Endpoint, credentials: grpc.ChannelCredentials = grpc.credentials.createInsecure()): AgentClients {
  const api = loadContract().grpc.altdisk.v1;
  const host = new api.HostService(target.target, credentials);
  const options = { channelOverride: host.getChannel() };
  const disk = new api.DiskService(target.target, credentials, options);
  const boot = new api.BootService(target.target, credentials, options);
  const clone = new api.CloneService(target.target, credentials, options);
  const firstboot = new api.FirstBootService(target.target, credentials, options);
  return { host, disk, boot, clone, firstboot, close: () => host.close() };
}

/** Calls a unary method with a deadline and returns its response as a promise. */
export function call<C extends grpc.Client, K extends UnaryName<C>>(
  client: C,
  method: K,
  request: RequestOf<C[K]>,
  timeoutSeconds: number,
): Promise<ResponseOf<C[K]>> {
  const fn = client[method] as unknown as (req: unknown, options: grpc.CallOptions, cb: grpc.requestCallback<unknown>) => grpc.ClientUnaryCall;
  return new Promise((resolve, reject) => {
    fn.call(client, request, { deadline: Date.now() + timeoutSeconds * 1000 }, (err, response) => {
      if (err) reject(err);
      else resolve(response as ResponseOf<C[K]>);
    });
  });
}

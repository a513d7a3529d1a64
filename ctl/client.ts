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
type Unary<Req, Res> = (argument: Req, callback: grpc.requestCallback<Res>) => grpc.ClientUnaryCall;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the callback's shape matters here
export type RequestOf<M> = M extends Unary<infer Req, any> ? Req : never;
export type ResponseOf<M> = M extends Unary<never, infer Res> ? Res : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the callback's shape matters here
export type UnaryName<C> = { [K in keyof C]: C[K] extends Unary<never, any> ? K : never }[keyof C];

/** The services of one agent, by the name a command gives them: `disk`, `boot` ... */
export type ServiceName = Exclude<keyof AgentClients, 'close'>;

/** Connects to one agent. The service clients share one channel. */
export function connect(
  target: Endpoint,
  credentials: grpc.ChannelCredentials = grpc.credentials.createInsecure(),
): AgentClients {
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
  const fn = client[method] as unknown as (
    req: unknown,
    options: grpc.CallOptions,
    cb: grpc.requestCallback<unknown>,
  ) => grpc.ClientUnaryCall;
  return new Promise((resolve, reject) => {
    fn.call(client, request, { deadline: Date.now() + timeoutSeconds * 1000 }, (err, response) => {
      if (err) reject(err);
      else resolve(response as ResponseOf<C[K]>);
    });
  });
}

/**
 * The name of a unary method's response message (`ListDisksResponse` for `listDisks`), as
 * the service definition proto-loader made from the contract says: altctl's JSON renders
 * the response as that message, so the name is never written by hand.
 */
export function responseTypeName<C extends grpc.Client>(client: C, method: UnaryName<C>): string {
  const service = (client.constructor as grpc.ServiceClientConstructor).service;
  const definition: { originalName?: string; responseType?: { type?: { name?: unknown } } } | undefined = Object.values(
    service,
  ).find((d) => d.originalName === method);
  const name = definition?.responseType?.type?.name;
  if (typeof name !== 'string') {
    throw new Error(`the contract has no unary method ${String(method)} with a response message`);
  }
  return name;
}

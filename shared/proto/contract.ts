import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as protobuf from 'protobufjs';
import type { ProtoGrpcType as BootProto } from '../generated/boot';
import type { ProtoGrpcType as CloneProto } from '../generated/clone';
import type { ProtoGrpcType as FirstBootProto } from '../generated/firstboot';
import type { ProtoGrpcType as DiskProto } from '../generated/disk';
import type { ProtoGrpcType as HostProto } from '../generated/host';
import { LOADER_OPTIONS } from './loader-options';

/** Every .proto file of the contract, relative to the proto/ directory. */
export const PROTO_FILES = [
  'altdisk/v1/host.proto',
  'altdisk/v1/disk.proto',
  'altdisk/v1/boot.proto',
  'altdisk/v1/clone.proto',
  'altdisk/v1/firstboot.proto',
] as const;

/** The typed gRPC package: `contract.grpc.altdisk.v1.DiskService` etc. */
export type AltdiskGrpc = HostProto & DiskProto & BootProto & CloneProto & FirstBootProto;

export interface Contract {
  /** Service constructors and definitions, typed from the generated declarations. */
  readonly grpc: AltdiskGrpc;
  /**
   * Reflection over the same files, for rendering messages (enum names, field lists).
   * Parsed on first use: the agent never renders JSON, so it never pays for it.
   */
  readonly root: protobuf.Root;
  readonly protoDir: string;
}

let cached: Contract | undefined;

/**
 * Loads the contract once per process. Both agent and ctl go through here, so they
 * always read the same files with the same options and cannot drift.
 */
export function loadContract(): Contract {
  if (cached) return cached;
  const protoDir = findProtoDir(__dirname);
  const packageDefinition = protoLoader.loadSync([...PROTO_FILES], { ...LOADER_OPTIONS, includeDirs: [protoDir] });
  const grpcObject = grpc.loadPackageDefinition(packageDefinition) as unknown as AltdiskGrpc;
  let root: protobuf.Root | undefined;
  cached = {
    grpc: grpcObject,
    protoDir,
    get root(): protobuf.Root {
      root ??= loadRoot(protoDir);
      return root;
    },
  };
  return cached;
}

function loadRoot(protoDir: string): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(protoDir, target));
  root.loadSync([...PROTO_FILES], { keepCase: false });
  root.resolveAll();
  return root;
}

/** proto/ sits at the package root; compiled code lives two or three levels below it. */
function findProtoDir(from: string): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'proto', 'altdisk', 'v1', 'host.proto');
    if (fs.existsSync(candidate)) return path.join(dir, 'proto');
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`cannot find proto/altdisk/v1/host.proto above ${from}: the altdisk package is incomplete`);
    dir = parent;
  }
}

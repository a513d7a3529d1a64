// The baseline for the agent's idle memory: a grpc-js server with the same contract
// loaded and one trivial handler, doing nothing else. Prints its port, then idles.
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const protoDir = path.resolve(__dirname, '..', '..', '..', 'proto');
const definition = protoLoader.loadSync('altdisk/v1/disk.proto', {
  includeDirs: [protoDir],
  longs: Number,
  enums: String,
  defaults: true,
});
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  altdisk: { v1: { DiskService: { service: grpc.ServiceDefinition } } };
};
const server = new grpc.Server();
server.addService(pkg.altdisk.v1.DiskService.service, {
  ListDisks: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, { disks: [] }),
});
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) throw err;
  process.stdout.write(`${port}\n`);
});

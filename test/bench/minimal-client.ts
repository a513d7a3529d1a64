// The baseline for `altctl disks`: the least a Node script can do to make the same
// unary call (load the proto, one call, print the response). Usage: node minimal-client.js HOST:PORT
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
  altdisk: {
    v1: {
      DiskService: new (
        target: string,
        creds: grpc.ChannelCredentials,
      ) => grpc.Client & { listDisks: (req: object, cb: (err: Error | null, res: unknown) => void) => void };
    };
  };
};
const client = new pkg.altdisk.v1.DiskService(process.argv[2] ?? '127.0.0.1:7400', grpc.credentials.createInsecure());
client.listDisks({}, (err, res) => {
  if (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify(res)}\n`);
  client.close();
});

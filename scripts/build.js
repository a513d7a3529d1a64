#!/usr/bin/env node
// Build: generate TypeScript types from the .proto contract, compile everything to dist/,
// and make the three entry points executable. Plain JS so it runs before anything is compiled.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const protoDir = path.join(root, 'proto');
const genDir = path.join(root, 'shared', 'generated');

const protoFiles = fs
  .readdirSync(path.join(protoDir, 'altdisk', 'v1'))
  .filter((f) => f.endsWith('.proto'))
  .map((f) => path.join('altdisk', 'v1', f));

fs.rmSync(genDir, { recursive: true, force: true });
// Options must match shared/proto/loader-options.ts (LOADER_OPTIONS), or the types lie.
execFileSync(
  bin('proto-loader-gen-types'),
  [
    '--longs=Number',
    '--enums=String',
    '--defaults',
    '--oneofs',
    '--grpcLib=@grpc/grpc-js',
    '--includeComments',
    '-I',
    protoDir,
    '-O',
    genDir,
    ...protoFiles,
  ],
  { cwd: root, stdio: 'inherit' },
);
// From nothing: a module that was moved or removed must not linger in dist/ to be run or required.
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
for (const entry of ['launch/altdiskd.js', 'ctl/main.js', 'aixsim/main.js']) {
  const file = path.join(root, 'dist', entry);
  if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
}

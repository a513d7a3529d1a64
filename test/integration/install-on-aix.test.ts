import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { createHost, type TestHost } from '../support/aixsim-host';
import { repoRoot } from '../support/repo';
import { runNode, startAgentProcess } from '../support/processes';

const run = promisify(execFile);

/**
 * npm decides whether a package installs on this OS by comparing the package's `os` field
 * with process.platform in its own process (npm-install-checks). This preload, given to npm
 * through NODE_OPTIONS, makes that value 'aix' before npm reads it, so npm judges every
 * package exactly as on AIX. The control test below shows the fake bites: npm then refuses a
 * package that allows only linux, as it refuses systeminformation on a real AIX host.
 */
const FAKE_AIX = "Object.defineProperty(process, 'platform', { value: 'aix' });\n";

interface NpmResult {
  code: number | null;
  output: string;
}

/** npm as a process (no shell), seeing process.platform === 'aix'. */
function npmOnAix(cwd: string, args: readonly string[], preload: string): Promise<NpmResult> {
  const child = spawn('npm', [...args, '--offline', '--no-audit', '--no-fund'], {
    cwd,
    env: { ...process.env, NODE_OPTIONS: `--require ${preload}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** The repository as `npm pack` makes it, unpacked under DIR/NAME, with the lock file CI tested. */
async function unpackedTree(work: string, name: string): Promise<string> {
  const packed = await run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: repoRoot() });
  const tarball = path.join(work, packed.stdout.trim().split('\n').at(-1) ?? '');
  const unpacked = path.join(work, name);
  fs.mkdirSync(unpacked);
  await run('tar', ['xzf', tarball, '-C', unpacked]);
  const tree = path.join(unpacked, 'package');
  // npm pack leaves the lock file out; an install pins what CI tested
  fs.copyFileSync(path.join(repoRoot(), 'package-lock.json'), path.join(tree, 'package-lock.json'));
  return tree;
}

describe('installing on AIX from the packed tarball, with the network cut off', () => {
  let work = '';
  let preload = '';
  let host: TestHost;
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-install-'));
    preload = path.join(work, 'fake-aix.js');
    fs.writeFileSync(preload, FAKE_AIX);
    host = await createHost();
  });
  after(() => {
    host.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('control: under the fake, npm refuses a package that allows only linux (EBADPLATFORM)', async () => {
    const pkg = path.join(work, 'linux-only');
    fs.mkdirSync(pkg);
    fs.writeFileSync(
      path.join(pkg, 'package.json'),
      JSON.stringify({ name: 'linux-only', version: '1.0.0', os: ['linux'] }),
    );
    await run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: pkg });
    const app = path.join(work, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));
    const refused = await npmOnAix(app, ['install', path.join(work, 'linux-only-1.0.0.tgz')], preload);
    assert.notEqual(refused.code, 0);
    assert.match(refused.output, /EBADPLATFORM[\s\S]*Actual os: +aix/);
  });

  test('npm ci --omit=dev installs the runtime dependencies; altctl and altdiskd run from the tree', async () => {
    const tree = await unpackedTree(work, 'runtime');
    const installed = await npmOnAix(tree, ['ci', '--omit=dev'], preload);
    assert.equal(installed.code, 0, installed.output);
    for (const dependency of ['@grpc/grpc-js', 'yargs', 'winston'])
      assert.ok(fs.existsSync(path.join(tree, 'node_modules', dependency)), `${dependency} installed`);
    assert.ok(!fs.existsSync(path.join(tree, 'node_modules', 'typescript')), 'no dev dependency installed');

    const version = await runNode(path.join(tree, 'dist/ctl/main.js'), ['--version']);
    assert.equal(version.code, 0, version.stderr);
    const { version: expected } = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
      version: string;
    };
    assert.equal(version.stdout.trim(), expected);

    // the agent from the unpacked tree, against an emulated host, answering altctl from the same tree
    const agent = await startAgentProcess({
      executable: path.join(tree, 'dist/launch/altdiskd.js'),
      stateDir: path.join(work, 'state'),
      commandsDir: host.bin,
    });
    try {
      const disks = await runNode(path.join(tree, 'dist/ctl/main.js'), ['disks', agent.local, '--json']);
      assert.equal(disks.code, 0, disks.stderr);
      assert.ok((JSON.parse(disks.stdout) as { disks: unknown[] }).disks.length > 0);
    } finally {
      await agent.stop();
    }
  });

  test('npm ci with the dev dependencies installs too: altdisk builds and tests on AIX', async () => {
    // systeminformation (os without aix) was a dev dependency of the bench: npm refused the whole install
    const tree = await unpackedTree(work, 'full');
    const installed = await npmOnAix(tree, ['ci', '--ignore-scripts'], preload);
    assert.equal(installed.code, 0, installed.output);
    assert.ok(fs.existsSync(path.join(tree, 'node_modules', 'typescript')), 'dev dependencies installed');
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http2 from 'node:http2';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { agentOnFreshHost } from '../support/agent-on-host';
import { runCtl } from '../support/processes';

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('a malformed HOST is a usage error naming HOST (exit 2), before any connection', async () => {
  for (const host of ['host_1', 'host:99999', '1.2.3', 'a;b']) {
    const result = await runCtl(['disks', host, '--json']);
    assert.equal(result.code, 2, `${host}: ${result.stderr}`);
    const { error } = JSON.parse(result.stderr) as { error: { code: string; message: string; field: string } };
    assert.equal(error.code, 'USAGE');
    assert.equal(error.field, 'HOST');
    assert.match(error.message, /^HOST: /);
  }
});

test('no HOST and no ALTCTL_HOST says how to give one', async () => {
  const result = await runCtl(['disks']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^altctl: HOST is missing: .*ALTCTL_HOST/);
});

test('ALTCTL_HOST supplies the default host', async () => {
  const port = await closedPort();
  const result = await runCtl(['disks', '--json'], { env: { ALTCTL_HOST: `127.0.0.1:${port}` } });
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stderr, new RegExp(`127\\.0\\.0\\.1:${port}`));
});

test('an unreachable agent exits 4 and says what to check', async () => {
  const port = await closedPort();
  const result = await runCtl(['disks', `127.0.0.1:${port}`]);
  assert.equal(result.code, 4);
  assert.match(
    result.stderr,
    /^altctl: nothing listens on 127\.0\.0\.1:\d+: the altdisk agent is not running there, or listens on another port; start it there/,
  );
});

/** grpc-js's words for its own developers, which must never reach a user. */
const GRPC_INTERNALS =
  /Resolution note|LB pick|name resolution:|No address added|Received HTTP status code|Last error|Deadline exceeded after|Protocol error/;

/** Runs `serve` on a loopback port while `body` runs. */
async function withServer(
  serve: (port: number) => net.Server | http2.Http2Server,
  body: (port: number) => Promise<void>,
): Promise<void> {
  const port = await closedPort();
  const server = serve(port);
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  try {
    await body(port);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('when no agent answers, altctl says what is there and what to do, in its own words (exit 4)', () => {
  async function failure(args: string[]): Promise<{ message: string; code: string }> {
    const human = await runCtl([...args]);
    assert.equal(human.code, 4, human.stderr);
    assert.doesNotMatch(human.stderr, GRPC_INTERNALS);
    const json = await runCtl([...args, '--json']);
    assert.equal(json.code, 4, json.stderr);
    const { error } = JSON.parse(json.stderr) as { error: { message: string; code: string } };
    assert.doesNotMatch(error.message, GRPC_INTERNALS);
    return error;
  }

  test('a web server (HTTP/2 answering 404) or a program that is not HTTP/2 at all', async () => {
    await withServer(
      () =>
        http2.createServer((_req, res) => {
          res.statusCode = 404;
          res.end('not here');
        }),
      async (port) => {
        const error = await failure(['disks', `127.0.0.1:${port}`]);
        assert.equal(error.code, 'NOT_AN_AGENT');
        assert.equal(
          error.message,
          `something else answers at 127.0.0.1:${port}: it answered HTTP 404, so it is not an altdisk agent; check the port (the agent's default is 7400)`,
        );
      },
    );
    await withServer(
      () => net.createServer((c) => c.end('SSH-2.0-OpenSSH_9.6\r\n')),
      async (port) => {
        const error = await failure(['disks', `127.0.0.1:${port}`]);
        assert.equal(error.code, 'NOT_AN_AGENT');
        assert.match(
          error.message,
          /^something else answers at .*: it does not speak HTTP\/2, so it is not an altdisk agent/,
        );
      },
    );
  });

  test('a program that accepts connections and never answers: no connection within --timeout', async () => {
    await withServer(
      () => net.createServer(() => undefined),
      async (port) => {
        const error = await failure(['disks', `127.0.0.1:${port}`, '--timeout', '2']);
        assert.match(
          error.message,
          new RegExp(
            `^no connection to 127\\.0\\.0\\.1:${port} within 2 s: nothing answered .*check the host and port`,
          ),
        );
      },
    );
  });

  test('a name that does not resolve, a socket that is not there, a socket nobody listens on', async () => {
    const unknown = await failure(['disks', 'no-such-host.invalid']);
    assert.match(unknown.message, /^the name no-such-host\.invalid does not resolve .*give the agent's IP address$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altctl-socket-'));
    try {
      const missing = await failure(['disks', `unix:${dir}/altdiskd.sock`]);
      assert.match(
        missing.message,
        new RegExp(`^there is no agent socket at ${dir}/altdiskd\\.sock: the agent is not running`),
      );
      // a socket file whose listener is gone, as a killed agent leaves it
      const stale = path.join(dir, 'stale.sock');
      const child = spawn(process.execPath, [
        '-e',
        `require('net').createServer().listen(${JSON.stringify(stale)}, () => process.kill(process.pid, 'SIGKILL'))`,
      ]);
      await new Promise((resolve) => child.on('exit', resolve));
      assert.ok(fs.existsSync(stale));
      const left = await failure(['disks', `unix:${stale}`]);
      assert.match(
        left.message,
        /^no agent listens on the socket .*stale\.sock \(an agent that stopped may have left it\): start altdiskd$/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('unknown commands and options are usage errors (exit 2)', async () => {
  const unknown = await runCtl(['clown', 'host1']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown argument|Did you mean/);
  const badMode = await runCtl(['bootlist', 'host1', '--mode', 'sideways']);
  assert.equal(badMode.code, 2);
  assert.match(badMode.stderr, /Invalid values:[\s\S]*mode/);
  const bosboot = await runCtl(['bosboot', 'host1']);
  assert.equal(bosboot.code, 2);
  assert.match(bosboot.stderr, /bosboot takes HOST DISK/);
  // an option that needs a value, given none: yargs's own error, still a usage error
  const noValue = await runCtl(['plan', 'host1', '-x', '--json']);
  assert.equal(noValue.code, 2, noValue.stderr);
  const { error } = JSON.parse(noValue.stderr) as { error: { code: string; message: string } };
  assert.equal(error.code, 'USAGE');
  assert.match(error.message, /^-x needs a value; run altctl --help for usage$/);
  assert.equal((error as { field?: string }).field, '-x');
});

describe("usage errors say what is missing or wrong, in altctl's words (exit 2)", () => {
  const ctx = agentOnFreshHost();

  test("clone with no arguments names HOST and DISK, not yargs's counts", async () => {
    const bare = await runCtl(['clone']);
    assert.equal(bare.code, 2, bare.stderr);
    assert.equal(
      bare.stderr,
      'altctl: HOST and DISK... missing: expected HOST DISK... (or DISK... alone when ALTCTL_HOST is set), e.g. altctl clone host1 hdisk1\n',
    );
    const noDisk = await runCtl(['clone', ctx.agent.address, '--json']);
    assert.equal(noDisk.code, 2, noDisk.stderr);
    const { error } = JSON.parse(noDisk.stderr) as { error: { message: string; field: string } };
    assert.deepEqual([error.field, error.message.split(':')[0]], ['DISK', 'DISK... missing']);
  });

  test('a number flag given a word names the flag and the word', async () => {
    const result = await runCtl(['jobs', ctx.agent.address, '--limit', 'abc', '--json']);
    assert.equal(result.code, 2, result.stderr);
    const { error } = JSON.parse(result.stderr) as { error: { message: string; field: string } };
    assert.equal(error.field, '--limit');
    assert.match(error.message, /^--limit: "abc" is not a whole number of jobs from 1 to 1000/);
    assert.doesNotMatch(error.message, /NaN/);
    const timeout = await runCtl(['disks', ctx.agent.address, '--timeout', 'soon']);
    assert.equal(timeout.code, 2, timeout.stderr);
    assert.match(timeout.stderr, /^altctl: --timeout: "soon" is not a number of seconds/);
  });

  test('lvs --vg without a name is refused, not read as rootvg', async () => {
    for (const args of [['--vg'], ['--vg', '']]) {
      const result = await runCtl(['lvs', ctx.agent.address, ...args]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, /^altctl: --vg/);
      assert.equal(result.stdout, '');
    }
    assert.equal((await runCtl(['lvs', ctx.agent.address])).code, 0, 'without --vg: rootvg');
  });

  test('with ALTCTL_HOST set, a first word that is a disk name is a disk, not the host', async () => {
    const env = { env: { ALTCTL_HOST: ctx.agent.address } };
    const plan = await runCtl(['plan', 'hdisk1', 'hdisk4', '--json'], env);
    assert.ok(plan.code === 0 || plan.code === 3, plan.stderr);
    const { command } = JSON.parse(plan.stdout) as { command: string[] };
    assert.deepEqual(command.slice(0, 3), ['alt_disk_copy', '-d', 'hdisk1 hdisk4']);
    // HOST first still works, as it always did
    const explicit = JSON.parse((await runCtl(['plan', ctx.agent.address, 'hdisk1', '--json'], env)).stdout) as {
      command: string[];
    };
    assert.deepEqual(explicit.command.slice(0, 3), ['alt_disk_copy', '-d', 'hdisk1']);
    // without a default host, a disk name is never taken for the host
    const bare = await runCtl(['plan', 'hdisk1', 'hdisk4']);
    assert.equal(bare.code, 2, bare.stderr);
    assert.match(
      bare.stderr,
      /^altctl: hdisk1 is a disk name, not HOST: give the agent first \(e\.g\. altctl plan host1 hdisk1\), or set ALTCTL_HOST/,
    );
  });

  test('firstboot alone lists its subcommands', async () => {
    const result = await runCtl(['firstboot']);
    assert.equal(result.code, 2, result.stderr);
    for (const sub of ['add', 'list', 'show', 'rm', 'results'])
      assert.match(result.stderr, new RegExp(`^  altctl firstboot ${sub} +\\S`, 'm'));
    assert.match(result.stderr, /altctl firstboot COMMAND --help shows one in full\.\n$/);
    assert.doesNotMatch(result.stderr, /run altctl --help/);
  });
});

describe('job ids in help and usage messages', () => {
  const ctx = agentOnFreshHost();

  test('are ids the agent accepts (it answers NOT_FOUND, not "is not a job id")', async () => {
    const shown = new Set<string>();
    for (const command of ['watch', 'job', 'cancel']) {
      const help = await runCtl([command, '--help']);
      const usage = await runCtl([command, 'a', 'b', 'c', 'd']);
      for (const text of [help.stdout, usage.stderr])
        for (const id of text.match(/\b\d{8}-\d{6}-[\w-]+/g) ?? []) shown.add(id);
    }
    assert.ok(shown.size > 0, 'the help shows example job ids');
    for (const id of shown) {
      const result = await runCtl(['job', ctx.agent.address, id, '--json']);
      assert.equal(result.code, 2, result.stderr);
      assert.equal(
        (JSON.parse(result.stderr) as { error: { code: string } }).error.code,
        'NOT_FOUND',
        `${id}: ${result.stderr}`,
      );
    }
  });
});

describe('findings for people', () => {
  const ctx = agentOnFreshHost();
  const narrow = { env: { COLUMNS: '80' } };

  /** The lines of a block layout joined again, so wrapped text can be matched whole. */
  const unwrapped = (text: string) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .join(' ');

  test('fit an 80-column terminal, wrapped between words, in altctl flag names', async () => {
    const plan = await runCtl(
      ['plan', ctx.agent.address, 'hdisk0', '--images', 'foo', '--on-backup-error', 'fail'],
      narrow,
    );
    assert.equal(plan.code, 3, plan.stderr);
    const findings = plan.stdout.slice(0, plan.stdout.indexOf('\nReady:'));
    for (const line of findings.split('\n')) assert.ok(line.length <= 80, `${line.length} columns: ${line}`);
    const text = unwrapped(findings);
    // whole sentences survive the wrapping: no word was cut
    assert.match(
      text,
      /--images "foo" is not a full path: the manual says -l is "a directory full path name or device name \(such as \/dev\/rmt0\)"/,
    );
    assert.match(
      text,
      /remedy: stop applications that write to rootvg during the copy; choose --on-backup-error fail or report to make such errors fail the job/,
    );
    assert.match(text, /with --on-backup-error fail \(ALT_BAK_ERR_FAIL=1\)/);
    assert.doesNotMatch(plan.stdout, /backup_error_policy|images_location/);
    // scripts keep the contract's names
    const json = JSON.parse(
      (await runCtl(['plan', ctx.agent.address, 'hdisk0', '--images', 'foo', '--json'], narrow)).stdout,
    ) as { findings: { field: string; message: string }[] };
    assert.ok(json.findings.some((f) => f.field === 'spec.images_location' && f.message.startsWith('images_location')));
  });

  test('a refused clone states its error once, then the other findings', async () => {
    const refused = await runCtl(['clone', ctx.agent.address, 'hdisk0', '--reboot', '--no-bootlist'], narrow);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /^altctl: --reboot: --reboot \(-r\) is asked together with --no-bootlist \(-B\)/);
    assert.equal(
      unwrapped(refused.stderr).split('is asked together with').length,
      2,
      `the refusal is said once:\n${refused.stderr}`,
    );
    assert.equal(
      unwrapped(refused.stderr).split('is the disk the running system booted from').length,
      2,
      'the other error is listed once',
    );
    assert.match(refused.stderr, /\nOther findings of the preflight checks:\n/);
    for (const line of refused.stderr.split('\n').slice(1))
      assert.ok(line.length <= 80, `${line.length} columns: ${line}`);
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHost, type TestHost } from '../support/aixsim-host';
import { lspv } from '../support/host-commands';
import { runCtl, startAgentProcess } from '../support/processes';

const asRoot = process.geteuid?.() === 0;
/** Who plays the local non-root attacker: nobody. */
const NOBODY = 65534;

/** A fresh state directory as the agent would make it: 0700, owned by the test's user. */
function stateDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-agent-'));
}

/** A root-owned file outside the state directory that no planted name may reach. */
function victim(): { file: string; text: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-victim-')), 'shadow');
  const text = 'root:!:19000::::::\n';
  fs.writeFileSync(file, text, { mode: 0o600 });
  return { file, text };
}

/** Starts an agent that must refuse to start (exit 2); returns what it said. */
async function refusedStart(host: TestHost, dir: string): Promise<string> {
  const started = startAgentProcess({ commandsDir: host.bin, stateDir: dir });
  void started.then(
    (agent) => agent.stop(),
    () => undefined,
  ); // one that starts anyway fails the test, not hangs it
  let said = '';
  await assert.rejects(started, (err: Error) => {
    said = err.message;
    assert.match(err.message, /exited with 2 before listening/);
    return true;
  });
  return said;
}

describe('the state directory is not trusted blindly', () => {
  let host: TestHost;
  before(async () => {
    host = await createHost();
  });
  after(() => host.cleanup());

  test(
    'a state directory that a non-root user owns, or that group or others can write, stops the start',
    { skip: !asRoot && 'chown needs root' },
    async () => {
      const owned = stateDir();
      fs.chownSync(owned, NOBODY, NOBODY);
      assert.match(
        await refusedStart(host, owned),
        new RegExp(
          `the state directory ${owned} cannot be trusted: ${owned} is owned by uid ${NOBODY}, not by the agent's user \\(uid 0\\); fix it`,
        ),
      );
      assert.deepEqual(fs.readdirSync(owned), [], 'nothing was written there');

      const open = stateDir();
      fs.chmodSync(open, 0o777);
      assert.match(await refusedStart(host, open), /is writable by group or others \(mode 777\)/);
      assert.deepEqual(fs.readdirSync(open), []);
    },
  );

  test(
    'a subdirectory owned by another user or writable by others stops the start',
    { skip: !asRoot && 'chown needs root' },
    async () => {
      const dir = stateDir();
      fs.mkdirSync(path.join(dir, 'hooks', 'check'), { recursive: true, mode: 0o700 });
      fs.chownSync(path.join(dir, 'hooks', 'check'), NOBODY, NOBODY);
      assert.match(await refusedStart(host, dir), /hooks\/check is owned by uid 65534/);
      fs.chownSync(path.join(dir, 'hooks', 'check'), 0, 0);
      fs.mkdirSync(path.join(dir, 'log'), { mode: 0o700 });
      fs.chmodSync(path.join(dir, 'log'), 0o733);
      assert.match(await refusedStart(host, dir), /\/log is writable by group or others \(mode 733\)/);
      assert.equal(fs.existsSync(path.join(dir, 'log', 'altdiskd.log')), false, 'no log line went there');
    },
  );

  test(
    'a state directory reached through a link another user owns is refused, before anything is made there',
    { skip: !asRoot && 'lchown needs root' },
    async () => {
      const sticky = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-sticky-'));
      fs.chmodSync(sticky, 0o1777);
      const hers = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-hers-'));
      const link = path.join(sticky, 'state');
      fs.symlinkSync(hers, link);
      fs.lchownSync(link, NOBODY, NOBODY);
      const said = await refusedStart(host, path.join(link, 'agent'));
      assert.match(
        said,
        /\/state is a symbolic link owned by uid 65534, who can point it anywhere; give the real path/,
      );
      assert.deepEqual(fs.readdirSync(hers), [], 'nothing was made through her link');
    },
  );

  test('a link or a hard link planted at the audit log is refused, and the file it names is untouched', async () => {
    const target = victim();
    const dir = stateDir();
    fs.mkdirSync(path.join(dir, 'log'), { mode: 0o700 });
    fs.symlinkSync(target.file, path.join(dir, 'log', 'audit.log'));
    assert.match(await refusedStart(host, dir), /log\/audit\.log is a symbolic link/);
    fs.rmSync(path.join(dir, 'log', 'audit.log'));
    fs.linkSync(target.file, path.join(dir, 'log', 'audit.log'));
    assert.match(await refusedStart(host, dir), /log\/audit\.log has 2 hard links/);
    fs.rmSync(path.join(dir, 'log', 'audit.log'));
    fs.symlinkSync(target.file, path.join(dir, 'log', 'altdiskd.log'));
    assert.match(await refusedStart(host, dir), /log\/altdiskd\.log is a symbolic link/);
    assert.equal(fs.readFileSync(target.file, 'utf8'), target.text);
  });

  test('state dir, log dir and log files are private; an older, readable layout is tightened and logged', async () => {
    const dir = stateDir();
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, 'log'), { mode: 0o755 });
    fs.chmodSync(path.join(dir, 'log'), 0o755);
    fs.writeFileSync(path.join(dir, 'log', 'altdiskd.log'), '', { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'log', 'altdiskd.log'), 0o644);
    const agent = await startAgentProcess({ commandsDir: host.bin, stateDir: dir });
    try {
      const mode = (p: string): string => (fs.statSync(path.join(dir, p)).mode & 0o777).toString(8);
      assert.deepEqual(
        [mode('.'), mode('log'), mode('log/altdiskd.log'), mode('log/audit.log'), mode('jobs'), mode('hooks')],
        ['700', '700', '600', '600', '700', '700'],
      );
      const line = agent.logs.find(
        (l) => l['message'] === 'made state files and directories private (they were readable by others)',
      );
      assert.deepEqual(line?.['paths'], [dir, path.join(dir, 'log'), path.join(dir, 'log', 'altdiskd.log')]);
    } finally {
      await agent.stop();
    }
  });
});

describe('a first-boot hook changed on the host', () => {
  let host: TestHost;
  let agent: Awaited<ReturnType<typeof startAgentProcess>>;
  before(async () => {
    host = await createHost();
    agent = await startAgentProcess({ commandsDir: host.bin });
  });
  after(async () => {
    await agent?.stop();
    host?.cleanup();
  });

  test('is shown as changed, refuses clones, and never reaches a runner; adding it again mends it', async () => {
    const local = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-hook-')), 'check.sh');
    fs.writeFileSync(local, '#!/bin/sh\necho ok\n');
    assert.equal((await runCtl(['firstboot', 'add', agent.address, 'check', local])).code, 0);
    // What a user who could write the hook's directory would do: swap the script, keep hook.json.
    fs.writeFileSync(
      path.join(agent.stateDir, 'hooks', 'check', 'script'),
      '#!/bin/sh\ncp /bin/sh /tmp/rootshell; chmod 4755 /tmp/rootshell\n',
    );
    const listed = JSON.parse((await runCtl(['firstboot', 'list', agent.address, '--json'])).stdout) as {
      hooks: { name: string; sha256: string; problem: string }[];
    };
    assert.match(
      listed.hooks[0]?.problem ?? '',
      /^its script on the host has changed since it was registered \(sha256 now [0-9a-f]{12}, registered [0-9a-f]{12}\)$/,
    );
    const text = await runCtl(['firstboot', 'list', agent.address]);
    assert.match(text.stdout, /^hook check cannot run: its script on the host has changed/m);

    const clone = await runCtl(['clone', agent.address, 'hdisk1', '--json']);
    assert.equal(clone.code, 3, clone.stderr);
    const { error } = JSON.parse(clone.stderr.trim().split('\n').at(-1)!) as {
      error: { code: string; state: string; message: string };
    };
    assert.equal(error.code, 'FAILED_PRECONDITION');
    assert.equal(error.state, 'hook-changed');
    assert.match(error.message, /^first-boot hook check: its script on the host has changed/);
    assert.equal(lspv(host.bin).find((pv) => pv.name === 'hdisk1')?.vg, 'None', 'nothing was cloned');
    const jobs = JSON.parse((await runCtl(['jobs', agent.address, '--json'])).stdout) as { jobs: unknown[] };
    assert.deepEqual(jobs.jobs, []);
    assert.deepEqual(fs.readdirSync(path.join(agent.stateDir, 'jobs')), [], 'no job directory, no runner was written');

    // The same content again is not "unchanged": the script on the host is the changed one.
    const again = await runCtl(['firstboot', 'add', agent.address, 'check', local, '--json']);
    assert.equal(again.code, 3, again.stderr);
    const mended = await runCtl(['firstboot', 'add', agent.address, 'check', local, '--replace', '--json']);
    assert.equal(mended.code, 0, mended.stderr);
    const mendedList = JSON.parse((await runCtl(['firstboot', 'list', agent.address, '--json'])).stdout) as {
      hooks: { problem: string }[];
    };
    assert.equal(mendedList.hooks[0]?.problem, '');
  });

  test('a hook script replaced by a link is refused when read, naming the file', async () => {
    const local = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-hook-')), 'linked.sh');
    fs.writeFileSync(local, '#!/bin/sh\necho ok\n');
    assert.equal((await runCtl(['firstboot', 'add', agent.address, 'linked', local])).code, 0);
    const script = path.join(agent.stateDir, 'hooks', 'linked', 'script');
    fs.rmSync(script);
    fs.symlinkSync(local, script);
    const shown = await runCtl(['firstboot', 'show', agent.address, 'linked', '--json']);
    assert.equal(shown.code, 3, shown.stderr);
    assert.match(shown.stderr, /unsafe-state-file/);
    assert.match(shown.stderr, /hooks\/linked\/script: it is a symbolic link/);
    fs.rmSync(path.join(agent.stateDir, 'hooks', 'linked'), { recursive: true });
  });
});

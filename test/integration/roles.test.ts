import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHost, type TestHost } from '../support/aixsim-host';
import { lspv, waitFor } from '../support/host-commands';
import { runCtl, startAgentProcess, type AgentProcess, type CtlResult } from '../support/processes';

interface AuditLine {
  stage: string;
  callId?: string;
  identity: string;
  role: string;
  rpc: string;
  outcome?: string;
  args: Record<string, unknown>;
}

/** The --json error object altctl printed last on stderr. */
function errorOf(result: CtlResult): Record<string, string> {
  return (JSON.parse(result.stderr.trim().split('\n').at(-1)!) as { error: Record<string, string> }).error;
}

/** A client certificate signed by the test CA with any subject (openssl, no shell). */
function clientWithSubject(pki: string, name: string, subject: string): string[] {
  const key = path.join(pki, `${name}.key`);
  const csr = path.join(pki, `${name}.csr`);
  const pem = path.join(pki, `${name}.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      subject,
    ],
    { stdio: 'ignore' },
  );
  execFileSync(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      path.join(pki, 'ca.pem'),
      '-CAkey',
      path.join(pki, 'ca.key'),
      '-CAcreateserial',
      '-days',
      '1',
      '-out',
      pem,
    ],
    { stdio: 'ignore' },
  );
  return ['--tls-ca', path.join(pki, 'ca.pem'), '--tls-cert', pem, '--tls-key', key];
}

describe('what each role can really do', () => {
  const pki = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-pki-roles-'));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-roles-'));
  let host: TestHost;
  let agent: AgentProcess;
  const as = (client: string): string[] => [
    '--tls-ca',
    path.join(pki, 'ca.pem'),
    '--tls-cert',
    path.join(pki, `client-${client}.pem`),
    '--tls-key',
    path.join(pki, `client-${client}.key`),
  ];
  const audit = (): AuditLine[] =>
    fs
      .readFileSync(path.join(agent.stateDir, 'log', 'audit.log'), 'utf8')
      .trim()
      .split('\n')
      .filter((l) => l)
      .map((l) => JSON.parse(l) as AuditLine);
  const hook = path.join(scratch, 'register.sh');
  const secret = 'TOKEN=s3cr3t-registration-token';

  before(async () => {
    const made = await runCtl([
      'certs',
      'init',
      pki,
      '--force',
      '--agent',
      'localhost',
      '--client',
      'vic,cleo,otto,ada',
    ]);
    assert.equal(made.code, 0, made.stderr);
    const config = path.join(pki, 'altdiskd.json');
    fs.writeFileSync(
      config,
      JSON.stringify({
        identities: {
          'CN=vic': 'viewer',
          'CN=cleo': 'cloner',
          'CN=otto': 'operator',
          'CN=ada': 'admin',
          'CN=alice': 'admin',
        },
      }),
    );
    fs.writeFileSync(hook, `#!/bin/sh\n${secret}\n`);
    host = await createHost();
    agent = await startAgentProcess({
      commandsDir: host.bin,
      extraArgs: [
        '--config',
        config,
        '--tls-cert',
        path.join(pki, 'agent-localhost.pem'),
        '--tls-key',
        path.join(pki, 'agent-localhost.key'),
        '--tls-client-ca',
        path.join(pki, 'ca.pem'),
      ],
    });
  });
  after(async () => {
    await agent?.stop();
    host?.cleanup();
  });

  test('an operator cannot reboot through a clone: -r needs reboot, refused naming the flag, nothing done', async () => {
    const clone = await runCtl(['clone', agent.address, 'hdisk1', '-r', '--json', ...as('otto')]);
    assert.equal(clone.code, 5, clone.stderr);
    const error = errorOf(clone);
    assert.equal(error['code'], 'PERMISSION_DENIED');
    assert.equal(error['field'], 'spec.reboot');
    assert.equal(error['permission'], 'reboot');
    assert.match(
      error['message'] ?? '',
      /^CN=otto has role operator, which does not allow reboot: spec\.reboot \(-r\) reboots the host when the clone ends; leave it out/,
    );
    assert.equal(lspv(host.bin).find((pv) => pv.name === 'hdisk1')?.vg, 'None', 'nothing was cloned');
    assert.deepEqual(fs.readdirSync(path.join(agent.stateDir, 'jobs')), []);
    const line = audit().find((l) => l.rpc === 'CloneService.StartClone' && l.identity === 'CN=otto');
    assert.deepEqual([line?.stage, line?.outcome], ['refused', 'PERMISSION_DENIED']);
  });

  test('a cloner clones, but runs no code of its own, names no host files and adds no hooks', async () => {
    const script = path.join(scratch, 'post.sh');
    fs.writeFileSync(script, '#!/bin/sh\ntrue\n');
    const refusals: [string[], string, string][] = [
      [['--script', script], 'spec.customization_script', 'execute'],
      [['-x', script], 'spec.first_boot_script', 'execute'],
      [['--images', '/updates', '--fileset', 'bos.rte'], 'spec.filesets', 'execute'],
      [['--exclude-list-on-host', '/etc/exclude.rootvg'], 'spec.exclude_list.host_path', 'execute'],
      [['--reboot'], 'spec.reboot', 'reboot'],
    ];
    for (const [flags, field, permission] of refusals) {
      const refused = await runCtl(['clone', agent.address, 'hdisk1', '--json', ...flags, ...as('cleo')]);
      assert.equal(refused.code, 5, `${flags.join(' ')}: ${refused.stderr}`);
      assert.deepEqual(
        [errorOf(refused)['field'], errorOf(refused)['permission']],
        [field, permission],
        flags.join(' '),
      );
    }
    const add = await runCtl(['firstboot', 'add', agent.address, 'register', hook, '--json', ...as('cleo')]);
    assert.equal(add.code, 5, add.stderr);
    assert.equal(errorOf(add)['permission'], 'execute');
    assert.equal(lspv(host.bin).find((pv) => pv.name === 'hdisk1')?.vg, 'None');

    // What a cloner may do: a clone with content it sends (an exclude list), here started and cancelled.
    const list = path.join(scratch, 'exclude.list');
    fs.writeFileSync(list, '^./tmp/\n');
    const started = await runCtl([
      'clone',
      agent.address,
      'hdisk1',
      '--exclude-list',
      list,
      '--detach',
      '--json',
      ...as('cleo'),
    ]);
    assert.equal(started.code, 0, started.stderr);
    const id = (JSON.parse(started.stdout) as { job: { id: string } }).job.id;
    const cancelled = await runCtl(['cancel', agent.address, id, '--json', ...as('cleo')], { timeoutMs: 90_000 });
    assert.ok(cancelled.code === 7 || cancelled.code === 0, cancelled.stderr);
    await waitFor(
      'hdisk1 free again',
      () => lspv(host.bin).find((pv) => pv.name === 'hdisk1')?.vg === 'None' || undefined,
      60_000,
    );
  });

  test('a viewer sees a hook by name, size and sha256, never its script; an operator reads it', async () => {
    assert.equal((await runCtl(['firstboot', 'add', agent.address, 'register', hook, ...as('otto')])).code, 0);
    const viewed = await runCtl(['firstboot', 'show', agent.address, 'register', '--json', ...as('vic')]);
    assert.equal(viewed.code, 0, viewed.stderr);
    assert.doesNotMatch(viewed.stdout, /s3cr3t/);
    const shown = JSON.parse(viewed.stdout) as {
      hook: { name: string; sizeBytes: number; sha256: string };
      content: string;
      contentWithheld: boolean;
    };
    assert.equal(shown.hook.name, 'register');
    assert.equal(shown.hook.sizeBytes, fs.statSync(hook).size);
    assert.match(shown.hook.sha256, /^[0-9a-f]{64}$/);
    assert.equal(shown.contentWithheld, true);
    const text = await runCtl(['firstboot', 'show', agent.address, 'register', ...as('vic')]);
    assert.doesNotMatch(text.stdout, /s3cr3t/);
    assert.match(text.stdout, /the script is not shown: your role may not read hook scripts/);
    const operator = await runCtl(['firstboot', 'show', agent.address, 'register', ...as('otto')]);
    assert.match(operator.stdout, /s3cr3t/);
  });

  test('a viewer cannot probe host paths through PlanClone: an existing and a missing file look the same', async () => {
    const existing = path.join(scratch, 'exists.data');
    fs.writeFileSync(existing, 'x\n');
    const plan = async (file: string, who: string): Promise<{ code: string; message: string }[]> => {
      const result = await runCtl([
        'plan',
        agent.address,
        'hdisk1',
        '--image-data-on-host',
        file,
        '--exclude-list-on-host',
        file,
        '--json',
        ...as(who),
      ]);
      assert.ok(result.code === 0 || result.code === 3, result.stderr);
      return (JSON.parse(result.stdout) as { findings: { code: string; message: string }[] }).findings;
    };
    const seen = await plan(existing, 'vic');
    assert.deepEqual(seen, await plan('/nonexistent/secret/path', 'vic'));
    assert.ok(seen.some((f) => f.code === 'host-files-not-examined'));
    assert.ok(!seen.some((f) => /^input-|^exclude-list/.test(f.code)));
    // an operator, who may name host files, is told the truth
    assert.ok((await plan('/nonexistent/secret/path', 'otto')).some((f) => f.code === 'input-file-missing'));
  });

  test('a certificate whose subject holds two CNs is refused, in either order', async () => {
    for (const [name, subject] of [
      ['two-a', '/CN=alice/CN=mallory'],
      ['two-b', '/CN=mallory/CN=alice'],
    ] as const) {
      const result = await runCtl([
        'bootlist',
        agent.address,
        '--set',
        'hdisk0',
        '--json',
        ...clientWithSubject(pki, name, subject),
      ]);
      assert.equal(result.code, 5, result.stderr);
      const error = errorOf(result);
      assert.equal(error['code'], 'UNAUTHENTICATED');
      assert.match(error['message'] ?? '', /subject holds 2 common names \(CN=(alice, CN=mallory|mallory, CN=alice)\)/);
    }
    assert.ok(
      !audit().some((l) => l.rpc === 'BootService.SetBootList' && l.identity === 'CN=alice'),
      'never mapped as alice',
    );
  });

  test('every allowed mutating call is an attempt line before it acts, then its outcome', async () => {
    const lines = audit().filter((l) => l.rpc === 'FirstBootService.AddHook' && l.identity === 'CN=otto');
    assert.deepEqual(
      lines.map((l) => l.stage),
      ['attempt', 'outcome'],
    );
    assert.equal(lines[0]?.callId, lines[1]?.callId);
    assert.equal(lines[1]?.outcome, 'OK');
    assert.equal(lines[0]?.outcome, undefined);
  });
});

test('an attempt is in the audit log even when the agent dies before it answers', async () => {
  const host = await createHost();
  const agent = await startAgentProcess({ commandsDir: host.bin });
  try {
    // Preflight hangs on lspv, so the agent is killed while StartClone is being handled.
    host.fault({ kind: 'hang', command: 'lspv' });
    const pending = runCtl(['clone', agent.address, 'hdisk1', '--json']);
    const file = path.join(agent.stateDir, 'log', 'audit.log');
    await waitFor(
      'the attempt line',
      () => (fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('"stage":"attempt"')) || undefined,
      20_000,
    );
    agent.child.kill('SIGKILL');
    await pending;
    const lines = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditLine);
    assert.deepEqual(
      lines.map((l) => [l.stage, l.rpc, l.identity]),
      [['attempt', 'CloneService.StartClone', 'loopback']],
    );
    assert.deepEqual((lines[0]?.args['spec'] as { targetDisks: string[] }).targetDisks, ['hdisk1']);
  } finally {
    host.clearFaults();
    await agent.stop();
    host.cleanup();
  }
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { after, before, describe, test } from 'node:test';
import { FakeAgent, runCtlToEnd } from './fake-agent';

describe('altctl certs init, and altctl over mutual TLS with what it made', () => {
  let tmp = '';
  let pki = '';
  const at = (f: string) => path.join(pki, f);
  const cert = (f: string) => new X509Certificate(fs.readFileSync(at(f)));
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'altctl-certs-'));
    pki = path.join(tmp, 'pki');
    const r = await runCtlToEnd([
      'certs',
      'init',
      pki,
      '--agent',
      'host1,10.0.0.5',
      '--agent',
      'host2',
      '--client',
      'alice',
      '--client',
      'ansible',
      '--days',
      '30',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(
        `altdiskd --listen 0.0.0.0:7400 --tls-cert ${at('agent-host1.pem')} --tls-key ${at('agent-host1.key')} --tls-client-ca ${at('ca.pem')}`,
      ),
    );
    assert.match(
      r.stdout,
      new RegExp(`--tls-ca ${at('ca.pem')} --tls-cert ${at('client-alice.pem')} --tls-key ${at('client-alice.key')}`),
    );
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('a CA, agent and client certificates that openssl verify accepts; keys 0600; nothing else left', () => {
    const names = ['ca', 'agent-host1', 'agent-10.0.0.5', 'agent-host2', 'client-alice', 'client-ansible'];
    assert.deepEqual(
      fs.readdirSync(pki).sort(),
      [...names.flatMap((n) => [`${n}.key`, `${n}.pem`]), 'altdiskd.json'].sort(),
    );
    // the agents' config: each client made is mapped to a role (admin unless --role says otherwise)
    assert.deepEqual(JSON.parse(fs.readFileSync(at('altdiskd.json'), 'utf8')), {
      identities: { 'CN=alice': 'admin', 'CN=ansible': 'admin' },
    });
    for (const n of names) assert.equal(fs.statSync(at(`${n}.key`)).mode & 0o777, 0o600, n);
    const out = execFileSync(
      'openssl',
      ['verify', '-CAfile', at('ca.pem'), ...names.slice(1).map((n) => at(`${n}.pem`))],
      { encoding: 'utf8' },
    );
    assert.equal(out.match(/: OK$/gm)?.length, 5, out);
    // and for the purpose each is for
    execFileSync('openssl', ['verify', '-CAfile', at('ca.pem'), '-purpose', 'sslserver', at('agent-host1.pem')]);
    execFileSync('openssl', ['verify', '-CAfile', at('ca.pem'), '-purpose', 'sslclient', at('client-alice.pem')]);
    assert.ok(cert('ca.pem').ca);
    assert.ok(!cert('agent-host1.pem').ca);
  });

  test('agents carry their name plus localhost and 127.0.0.1; clients are CN=NAME for client auth', () => {
    assert.equal(cert('agent-host1.pem').subjectAltName, 'DNS:host1, DNS:localhost, IP Address:127.0.0.1');
    assert.equal(cert('agent-10.0.0.5.pem').subjectAltName, 'IP Address:10.0.0.5, DNS:localhost, IP Address:127.0.0.1');
    assert.deepEqual(cert('agent-host2.pem').keyUsage, ['1.3.6.1.5.5.7.3.1']); // serverAuth
    assert.equal(cert('client-alice.pem').subject, 'CN=alice');
    assert.equal(cert('client-ansible.pem').subject, 'CN=ansible');
    assert.deepEqual(cert('client-alice.pem').keyUsage, ['1.3.6.1.5.5.7.3.2']); // clientAuth
    assert.equal(cert('client-alice.pem').issuer, cert('ca.pem').subject);
    assert.ok(cert('client-alice.pem').verify(cert('ca.pem').publicKey));
  });

  test('refuses to overwrite (exit 3, nothing changed) unless --force', async () => {
    const caBefore = fs.readFileSync(at('ca.pem'), 'utf8');
    const r = await runCtlToEnd(['certs', 'init', pki, '--agent', 'host1', '--client', 'bob']);
    assert.equal(r.code, 3);
    assert.match(
      r.stderr,
      /already holds ca\.key, ca\.pem, agent-host1\.key, agent-host1\.pem, altdiskd\.json; refusing to overwrite \(give --force/,
    );
    assert.equal(fs.readFileSync(at('ca.pem'), 'utf8'), caBefore);
    assert.ok(!fs.existsSync(at('client-bob.pem')));

    const other = path.join(tmp, 'other');
    assert.equal((await runCtlToEnd(['certs', 'init', other, '--agent', 'h', '--client', 'c'])).code, 0);
    const forced = await runCtlToEnd([
      'certs',
      'init',
      other,
      '--agent',
      'h',
      '--client',
      'c',
      '--force',
      '--role',
      'operator',
      '--json',
    ]);
    assert.equal(forced.code, 0, forced.stderr);
    const doc = JSON.parse(forced.stdout) as { files: { path: string }[]; identities: Record<string, string> };
    assert.equal(doc.files.length, 7);
    assert.deepEqual(doc.identities, { 'CN=c': 'operator' });
    // clients alone (another CA for the same people), or agents alone
    const clientsOnly = await runCtlToEnd(['certs', 'init', path.join(tmp, 'clients-only'), '--client', 'eve']);
    assert.equal(clientsOnly.code, 0, clientsOnly.stderr);
    assert.doesNotMatch(clientsOnly.stdout, /altdiskd/);
    assert.deepEqual(fs.readdirSync(path.join(tmp, 'clients-only')).sort(), [
      'ca.key',
      'ca.pem',
      'client-eve.key',
      'client-eve.pem',
    ]);
  });

  test('bad names and days are usage errors', async () => {
    for (const args of [
      [],
      ['--agent', 'bad_host!', '--client', 'c'],
      ['--agent', 'h', '--client', 'CN=x/O=y'],
      ['--agent', 'h', '--client', 'c', '--days', '0'],
    ]) {
      const r = await runCtlToEnd(['certs', 'init', path.join(tmp, 'bad'), ...args]);
      assert.equal(r.code, 2, r.stderr);
    }
    assert.ok(!fs.existsSync(path.join(tmp, 'bad', 'ca.pem')));
  });

  describe('against an agent serving mutual TLS', () => {
    const agent = new FakeAgent();
    let port = 0;
    const flags = (client = 'alice') => [
      '--tls-ca',
      at('ca.pem'),
      '--tls-cert',
      at(`client-${client}.pem`),
      '--tls-key',
      at(`client-${client}.key`),
    ];
    before(async () => {
      const creds = grpc.ServerCredentials.createSsl(
        fs.readFileSync(at('ca.pem')),
        [{ private_key: fs.readFileSync(at('agent-host1.key')), cert_chain: fs.readFileSync(at('agent-host1.pem')) }],
        true,
      );
      await agent.start(0, creds);
      port = agent.port;
    });
    after(() => agent.stop());

    test('flags, environment or the config file: the call goes through', async () => {
      const byFlags = await runCtlToEnd(['envs', `localhost:${port}`, ...flags(), '--json']);
      assert.equal(byFlags.code, 0, byFlags.stderr);
      const byIp = await runCtlToEnd(['envs', `127.0.0.1:${port}`, ...flags()]);
      assert.equal(byIp.code, 0, byIp.stderr);
      assert.equal(byIp.stderr, ''); // no Node warning about an IP as TLS server name
      const byEnv = await runCtlToEnd(['envs', '--json'], {
        ALTCTL_HOST: `localhost:${port}`,
        ALTCTL_TLS_CA: at('ca.pem'),
        ALTCTL_TLS_CERT: at('client-ansible.pem'),
        ALTCTL_TLS_KEY: at('client-ansible.key'),
      });
      assert.equal(byEnv.code, 0, byEnv.stderr);
      const xdg = path.join(tmp, 'xdg');
      fs.mkdirSync(path.join(xdg, 'altdisk'), { recursive: true });
      fs.writeFileSync(
        path.join(xdg, 'altdisk', 'altctl.json'),
        JSON.stringify({
          host: `localhost:${port}`,
          tlsCa: at('ca.pem'),
          tlsCert: at('client-alice.pem'),
          tlsKey: at('client-alice.key'),
        }),
      );
      const byFile = await runCtlToEnd(['envs', '--json'], { XDG_CONFIG_HOME: xdg });
      assert.equal(byFile.code, 0, byFile.stderr);
    });

    test('without TLS, or with the wrong CA: exit 4 with advice', async () => {
      const plain = await runCtlToEnd(['envs', `localhost:${port}`, '--timeout', '5']);
      assert.equal(plain.code, 4);
      assert.match(plain.stderr, /if the agent serves TLS, give --tls-ca, --tls-cert and --tls-key/);
      const other = path.join(tmp, 'other');
      const wrongCa = await runCtlToEnd([
        'envs',
        `localhost:${port}`,
        '--tls-ca',
        path.join(other, 'ca.pem'),
        '--tls-cert',
        at('client-alice.pem'),
        '--tls-key',
        at('client-alice.key'),
        '--timeout',
        '5',
      ]);
      assert.equal(wrongCa.code, 4);
      assert.match(wrongCa.stderr, /over TLS .*--tls-ca is the CA that signed the agent's certificate/);
      assert.match(wrongCa.stderr, /matches a subjectAltName/);
    });

    test('a refusal of the caller exits 5 with what the agent said (it names the identity and role)', async () => {
      const said =
        "CN=alice has role viewer, which does not allow operate (BootService.ListBootEnvironments); ask the host's admin for a role that does";
      agent.unary = {
        ...agent.unary,
        ListBootEnvironments: () => {
          throw Object.assign(new Error('x'), { code: grpc.status.PERMISSION_DENIED, details: said });
        },
      };
      const r = await runCtlToEnd(['envs', `localhost:${port}`, ...flags()]);
      assert.equal(r.code, 5);
      assert.equal(r.stderr, `altctl: ${said}\n`);
    });
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as tls from 'node:tls';
import { makeCerts } from '../../../ctl/cert-maker';
import { PeerVerifier } from '../../../agent/security/peer-identity';

/**
 * What grpc-js hands the guard: the peer certificate as a real TLS server sees it
 * (getPeerCertificate), after a real handshake with the client's certificate and key.
 */
async function peer(pemFile: string, keyFile = pemFile.replace(/\.pem$/, '.key')): Promise<tls.PeerCertificate> {
  const server = tls.createServer({ ...selfSigned, requestCert: true, rejectUnauthorized: false });
  const seen = new Promise<tls.PeerCertificate>((resolve) =>
    server.once('secureConnection', (socket) => {
      resolve(socket.getPeerCertificate());
      socket.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = tls.connect({
    port: (server.address() as { port: number }).port,
    host: '127.0.0.1',
    rejectUnauthorized: false,
    cert: fs.readFileSync(pemFile),
    key: fs.readFileSync(keyFile),
  });
  client.on('error', () => undefined);
  try {
    return await seen;
  } finally {
    client.destroy();
    server.close();
  }
}

/** The test server's own certificate (any will do: the client does not check it). */
const selfSigned = (() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-tls-server-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      path.join(dir, 'k.pem'),
      '-out',
      path.join(dir, 'c.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=server',
    ],
    { stdio: 'ignore' },
  );
  return { key: fs.readFileSync(path.join(dir, 'k.pem')), cert: fs.readFileSync(path.join(dir, 'c.pem')) };
})();

/** A client certificate signed by `caDir`'s CA with the subject given (openssl, no shell). */
function signedClient(caDir: string, name: string, subject: string, extraArgs: string[] = []): string {
  const key = path.join(caDir, `${name}.key`);
  const csr = path.join(caDir, `${name}.csr`);
  const pem = path.join(caDir, `${name}.pem`);
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
      ...extraArgs,
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
      path.join(caDir, 'ca.pem'),
      '-CAkey',
      path.join(caDir, 'ca.key'),
      '-CAcreateserial',
      '-days',
      '1',
      '-out',
      pem,
    ],
    { stdio: 'ignore' },
  );
  return pem;
}

test('a client CA file bundling two CAs (a rotation) accepts clients of either, and no others', async () => {
  const dirs = ['old', 'new', 'other'].map((n) => fs.mkdtempSync(path.join(os.tmpdir(), `altdisk-ca-${n}-`)));
  for (const [i, dir] of dirs.entries())
    await makeCerts({ dir, agents: [], clients: [`client${i}`], days: 1, force: true });
  const bundle = path.join(dirs[0]!, 'bundle.pem');
  fs.writeFileSync(
    bundle,
    fs.readFileSync(path.join(dirs[0]!, 'ca.pem'), 'utf8') + fs.readFileSync(path.join(dirs[1]!, 'ca.pem'), 'utf8'),
  );
  const verifier = new PeerVerifier(bundle);
  for (const i of [0, 1]) {
    const check = verifier.check(await peer(path.join(dirs[i]!, `client-client${i}.pem`)));
    assert.deepEqual(check, { ok: true, identities: [`CN=client${i}`] }, `client of CA ${i}`);
  }
  const other = verifier.check(await peer(path.join(dirs[2]!, 'client-client2.pem')));
  assert.equal(other.ok, false);
  assert.match(other.ok ? '' : other.reason, /not signed by this agent's client CA/);
});

test('a subject with more than one CN is refused, whichever comes first, in separate or one multi-valued RDN', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-ca-cn-'));
  await makeCerts({ dir, agents: [], clients: ['alice'], days: 1, force: true });
  const verifier = new PeerVerifier(path.join(dir, 'ca.pem'));
  assert.deepEqual(verifier.check(await peer(path.join(dir, 'client-alice.pem'))), {
    ok: true,
    identities: ['CN=alice'],
  });
  const cases: [string, string[]][] = [
    ['/CN=alice/CN=mallory', []],
    ['/CN=mallory/CN=alice', []],
    ['/O=x/CN=alice+CN=mallory', ['-multivalue-rdn']],
  ];
  for (const [i, [subject, args]] of cases.entries()) {
    const check = verifier.check(await peer(signedClient(dir, `two-${i}`, subject, args)));
    assert.equal(check.ok, false, subject);
    assert.match(
      check.ok ? '' : check.reason,
      /^the client certificate's subject holds 2 common names \(CN=(alice|mallory), CN=(alice|mallory)\); the agent maps a certificate by its one CN/,
    );
  }
});

import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { PeerCertificate } from 'node:tls';
import { makeCerts } from '../../../ctl/cert-maker';
import { PeerVerifier } from '../../../agent/security/peer-identity';

/** What grpc-js hands the guard: the peer certificate with its DER bytes. */
function peer(pemFile: string): PeerCertificate {
  return { raw: new X509Certificate(fs.readFileSync(pemFile)).raw } as PeerCertificate;
}

test('a client CA file bundling two CAs (a rotation) accepts clients of either, and no others', async () => {
  const dirs = ['old', 'new', 'other'].map((n) => fs.mkdtempSync(path.join(os.tmpdir(), `altdisk-ca-${n}-`)));
  for (const [i, dir] of dirs.entries()) await makeCerts({ dir, agents: [], clients: [`client${i}`], days: 1, force: true });
  const bundle = path.join(dirs[0]!, 'bundle.pem');
  fs.writeFileSync(bundle, fs.readFileSync(path.join(dirs[0]!, 'ca.pem'), 'utf8') + fs.readFileSync(path.join(dirs[1]!, 'ca.pem'), 'utf8'));
  const verifier = new PeerVerifier(bundle);
  for (const i of [0, 1]) {
    const check = verifier.check(peer(path.join(dirs[i]!, `client-client${i}.pem`)));
    assert.deepEqual(check, { ok: true, identities: [`CN=client${i}`] }, `client of CA ${i}`);
  }
  const other = verifier.check(peer(path.join(dirs[2]!, 'client-client2.pem')));
  assert.equal(other.ok, false);
  assert.match(other.ok ? '' : other.reason, /not signed by this agent's client CA/);
});

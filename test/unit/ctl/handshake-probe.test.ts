import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http2 from 'node:http2';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeCerts } from '../../../ctl/cert-maker';
import { probeClientCertificate } from '../../../ctl/handshake-probe';
import type { TlsSettings } from '../../../ctl/settings';
import { parseEndpoint } from '../../../shared/endpoint';

describe('the second connection that tells a refused client certificate from an unreachable agent', () => {
  const dirs = ['pki', 'other'].map((n) => fs.mkdtempSync(path.join(os.tmpdir(), `altdisk-probe-${n}-`)));
  const [pki, other] = dirs as [string, string];
  const file = (dir: string, name: string): TlsSettings['ca'] => ({
    file: path.join(dir, name),
    source: 'test',
    pem: fs.readFileSync(path.join(dir, name)),
  });
  const filesOf = (dir: string, client: string): TlsSettings => ({
    ca: file(pki, 'ca.pem'),
    cert: file(dir, `client-${client}.pem`),
    key: file(dir, `client-${client}.key`),
  });
  // An HTTP/2 server with Node's mutual TLS, as the agent's handshake refuses: alert without a certificate, close after a bad one.
  let server: http2.Http2SecureServer;
  let port = 0;

  before(async () => {
    await makeCerts({ dir: pki, agents: ['localhost'], clients: ['alice'], days: 1, force: true });
    await makeCerts({ dir: other, agents: [], clients: ['eve'], days: 1, force: true });
    server = http2.createSecureServer({
      cert: fs.readFileSync(path.join(pki, 'agent-localhost.pem')),
      key: fs.readFileSync(path.join(pki, 'agent-localhost.key')),
      ca: fs.readFileSync(path.join(pki, 'ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  after(() => server?.close());

  test('a certificate the server took: accepted; one from another CA: refused', async () => {
    assert.equal(await probeClientCertificate(parseEndpoint(`localhost:${port}`), filesOf(pki, 'alice')), 'accepted');
    assert.equal(await probeClientCertificate(parseEndpoint(`localhost:${port}`), filesOf(other, 'eve')), 'refused');
  });

  test('nothing listening, or an agent certificate we do not trust: unknown', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const unused = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    assert.equal(await probeClientCertificate(parseEndpoint(`127.0.0.1:${unused}`), filesOf(pki, 'alice')), 'unknown');
    const untrusting = { ...filesOf(pki, 'alice'), ca: file(other, 'ca.pem') };
    assert.equal(await probeClientCertificate(parseEndpoint(`localhost:${port}`), untrusting), 'unknown');
  });
});

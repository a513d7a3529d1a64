import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { test } from 'node:test';
import { makeCerts } from '../../../ctl/cert-maker';
import type { Logger } from '../../../agent/logger';
import { readTlsMaterial, TlsFilesError, watchTlsFiles, type TlsMaterial } from '../../../agent/server/tls-files';

async function waitFor(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('renewed TLS files are used without a restart; unreadable or mismatched ones keep the previous ones', async () => {
  const [old, renewed, live] = ['old', 'renewed', 'live'].map((n) =>
    fs.mkdtempSync(path.join(os.tmpdir(), `altdisk-tls-${n}-`)),
  ) as [string, string, string];
  for (const dir of [old, renewed]) await makeCerts({ dir, agents: ['localhost'], clients: [], days: 1, force: true });
  const files = {
    certFile: path.join(live, 'agent.pem'),
    keyFile: path.join(live, 'agent.key'),
    clientCaFile: path.join(live, 'ca.pem'),
  };
  const install = (from: string, which: { cert?: string; key?: string } = {}): void => {
    fs.copyFileSync(path.join(which.cert ?? from, 'agent-localhost.pem'), files.certFile);
    fs.copyFileSync(path.join(which.key ?? from, 'agent-localhost.key'), files.keyFile);
    fs.copyFileSync(path.join(from, 'ca.pem'), files.clientCaFile);
  };
  install(old);
  const logged: { level: string; message: string }[] = [];
  const note =
    (level: string) =>
    (message: string): void =>
      void logged.push({ level, message });
  const logger: Logger = { debug: note('debug'), info: note('info'), warn: note('warn'), error: note('error') };
  const used: TlsMaterial[] = [];
  // what the agent's TLS server does with them: a context that refuses a key not matching its certificate
  const use = (material: TlsMaterial): void => {
    tls.createSecureContext(material);
    used.push(material);
  };
  const inUse = readTlsMaterial(files);
  const stop = watchTlsFiles(files, inUse, use, logger, 100);
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(used.length, 0, 'the same files again change nothing');

    install(renewed);
    await waitFor('the renewed files', () => used.length === 1);
    assert.ok(used[0]!.cert.equals(fs.readFileSync(path.join(renewed, 'agent-localhost.pem'))));
    assert.ok(used[0]!.ca.equals(fs.readFileSync(path.join(renewed, 'ca.pem'))));
    assert.ok(logged.some((l) => l.level === 'info' && l.message === 'using renewed TLS files'));

    install(renewed, { cert: old }); // half-way through a renewal: the old certificate with the new key
    await waitFor('the mismatch to be logged', () =>
      logged.some((l) => l.message === 'the renewed TLS files cannot be used; keeping the previous ones'),
    );
    fs.rmSync(files.keyFile);
    await waitFor('the missing key to be logged', () =>
      logged.some((l) => l.message === 'cannot read the TLS certificate or key; keeping the ones in use'),
    );
    assert.equal(used.length, 1, 'the renewed files stay in use');
  } finally {
    stop();
  }
  assert.throws(
    () => readTlsMaterial(files),
    (err: unknown) =>
      err instanceof TlsFilesError && err.message.startsWith(`cannot read the TLS file ${files.keyFile}: `),
  );
});

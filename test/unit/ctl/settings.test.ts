import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Metadata, status } from '@grpc/grpc-js';
import { after, before, describe, test } from 'node:test';
import { fromServiceError, UsageError } from '../../../ctl/errors';
import { EXIT } from '../../../ctl/exit-codes';
import { configFilePath } from '../../../ctl/config-file';
import { defaultHost, resolveTarget } from '../../../ctl/host';
import { loadSettings } from '../../../ctl/settings';

describe('altctl settings: flags over environment over the XDG config file', () => {
  let tmp = '';
  let xdg = '';
  const file = (name: string, text = `${name}\n`) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const writeConfig = (settings: unknown) => {
    fs.mkdirSync(path.join(xdg, 'altdisk'), { recursive: true });
    fs.writeFileSync(
      path.join(xdg, 'altdisk', 'altctl.json'),
      typeof settings === 'string' ? settings : JSON.stringify(settings),
    );
  };
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'altctl-settings-'));
    xdg = path.join(tmp, 'xdg');
    for (const n of [
      'ca-flag',
      'cert-flag',
      'key-flag',
      'ca-env',
      'cert-env',
      'key-env',
      'ca-file',
      'cert-file',
      'key-file',
    ])
      file(n);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('the config file is $XDG_CONFIG_HOME/altdisk/altctl.json, else ~/.config/altdisk/altctl.json', () => {
    assert.equal(configFilePath({ XDG_CONFIG_HOME: '/x' }), '/x/altdisk/altctl.json');
    assert.equal(configFilePath({ HOME: '/home/al' }), '/home/al/.config/altdisk/altctl.json');
  });

  test('no settings anywhere: plaintext, no default host', () => {
    const s = loadSettings({}, { XDG_CONFIG_HOME: path.join(tmp, 'none') });
    assert.equal(s.tls, undefined);
    assert.equal(s.defaultHost, undefined);
    assert.throws(() => resolveTarget(undefined, s.defaultHost), /HOST is missing/);
  });

  test('each TLS file and the host come from the highest layer that has it; relative names in the file are relative to it', () => {
    writeConfig({
      host: 'host-from-file',
      tlsCa: '../../ca-file',
      tlsCert: path.join(tmp, 'cert-file'),
      tlsKey: path.join(tmp, 'key-file'),
    });
    const env = { XDG_CONFIG_HOME: xdg };
    let s = loadSettings({}, env);
    assert.equal(s.tls?.ca.file, path.join(tmp, 'ca-file')); // from xdg/altdisk/, not from the working directory
    assert.equal(s.tls?.ca.pem.toString(), 'ca-file\n');
    assert.match(s.tls!.ca.source, /"tlsCa" in .*altctl\.json/);
    assert.deepEqual(s.defaultHost, {
      host: 'host-from-file',
      source: `"host" in ${path.join(xdg, 'altdisk', 'altctl.json')}`,
    });
    assert.equal(resolveTarget(undefined, s.defaultHost).target, 'host-from-file:7400');

    const withEnv = {
      ...env,
      ALTCTL_HOST: 'host-from-env:7401',
      ALTCTL_TLS_CA: path.join(tmp, 'ca-env'),
      ALTCTL_TLS_CERT: path.join(tmp, 'cert-env'),
    };
    s = loadSettings({}, withEnv);
    assert.equal(s.defaultHost?.host, 'host-from-env:7401');
    assert.equal(s.tls?.ca.pem.toString(), 'ca-env\n');
    assert.equal(s.tls?.cert.pem.toString(), 'cert-env\n');
    assert.equal(s.tls?.key.pem.toString(), 'key-file\n');
    assert.equal(s.tls?.cert.source, 'ALTCTL_TLS_CERT');

    s = loadSettings({ tlsCa: path.join(tmp, 'ca-flag'), tlsKey: path.join(tmp, 'key-flag') }, withEnv);
    assert.equal(s.tls?.ca.pem.toString(), 'ca-flag\n');
    assert.equal(s.tls?.cert.pem.toString(), 'cert-env\n');
    assert.equal(s.tls?.key.pem.toString(), 'key-flag\n');
    assert.equal(s.tls?.key.source, '--tls-key');
    assert.equal(resolveTarget('cli-host', s.defaultHost).target, 'cli-host:7400');
    assert.equal(defaultHost(withEnv)?.host, 'host-from-env:7401');
  });

  test('TLS needs all three files or none: the refusal names what is given and what is missing', () => {
    const env = { XDG_CONFIG_HOME: path.join(tmp, 'none'), ALTCTL_TLS_CA: path.join(tmp, 'ca-env') };
    assert.throws(
      () => loadSettings({ tlsCert: path.join(tmp, 'cert-flag') }, env),
      (err: unknown) => {
        assert.ok(err instanceof UsageError);
        assert.equal(err.exitCode, EXIT.USAGE);
        assert.match(err.message, /all three of --tls-ca, --tls-cert and --tls-key, or none/);
        assert.match(
          err.message,
          /--tls-ca \(from ALTCTL_TLS_CA\), --tls-cert \(from --tls-cert\) given, but not --tls-key/,
        );
        assert.doesNotMatch(err.message, /not --tls-ca|not --tls-cert/);
        assert.equal(err.details['field'], '--tls-key');
        return true;
      },
    );
  });

  test('an unreadable TLS file is refused, naming the file and where its name came from', () => {
    const missing = path.join(tmp, 'no-such-ca.pem');
    assert.throws(
      () =>
        loadSettings(
          { tlsCa: missing, tlsCert: path.join(tmp, 'cert-flag'), tlsKey: path.join(tmp, 'key-flag') },
          { XDG_CONFIG_HOME: path.join(tmp, 'none') },
        ),
      (err: unknown) =>
        err instanceof UsageError && err.message.includes(missing) && /from --tls-ca.*does not exist/.test(err.message),
    );
    const dir = path.join(tmp, 'a-directory');
    fs.mkdirSync(dir, { recursive: true });
    assert.throws(
      () =>
        loadSettings(
          {},
          {
            XDG_CONFIG_HOME: path.join(tmp, 'none'),
            ALTCTL_TLS_CA: path.join(tmp, 'ca-env'),
            ALTCTL_TLS_CERT: path.join(tmp, 'cert-env'),
            ALTCTL_TLS_KEY: dir,
          },
        ),
      (err: unknown) => err instanceof UsageError && err.message.includes(`key ${dir} (from ALTCTL_TLS_KEY)`),
    );
  });

  test('a bad config file is a usage error naming the file: not JSON, not an object, unknown key, not a string', () => {
    const env = { XDG_CONFIG_HOME: xdg };
    const cases: [unknown, RegExp][] = [
      ['{ nope', /is not valid JSON/],
      ['[1]', /must hold a JSON object/],
      [{ hots: 'host1' }, /unknown setting "hots"; known settings are host, tlsCa, tlsCert, tlsKey/],
      [{ host: 7400 }, /"host" in the config file .* must be a string/],
    ];
    for (const [content, pattern] of cases) {
      writeConfig(content);
      assert.throws(
        () => loadSettings({}, env),
        (err: unknown) => err instanceof UsageError && pattern.test(err.message) && err.message.includes('altctl.json'),
      );
    }
    fs.rmSync(path.join(xdg, 'altdisk', 'altctl.json'));
  });
});

describe('advice for calls refused over TLS', () => {
  const refused = (code: status, details: string, meta: Record<string, string> = {}) => {
    const metadata = new Metadata();
    for (const [k, v] of Object.entries(meta)) metadata.set(k, v);
    return Object.assign(new Error(details), { code, details, metadata });
  };

  test('UNAVAILABLE over TLS points at the CA, the SAN and the client CA; exit 4', () => {
    const err = fromServiceError(
      refused(status.UNAVAILABLE, 'self-signed certificate in certificate chain'),
      'host1:7400',
      120,
      true,
    );
    assert.equal(err.exitCode, EXIT.UNREACHABLE);
    assert.match(err.message, /over TLS \(self-signed/);
    assert.match(err.message, /--tls-ca is the CA that signed the agent's certificate/);
    assert.match(err.message, /matches a subjectAltName/);
    const plain = fromServiceError(refused(status.UNAVAILABLE, 'refused'), 'host1:7400', 120);
    assert.match(plain.message, /check that altdiskd runs there/);
  });

  test('a refused client certificate exits 5 when the evidence says so: a TLS alert, or what a second connection showed', () => {
    const alert = fromServiceError(
      refused(
        status.UNAVAILABLE,
        'No connection established. Last error: 80:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:rec_layer_s3.c:1601:SSL alert number 116',
      ),
      'host1:7400',
      120,
      true,
    );
    assert.deepEqual([alert.exitCode, alert.code], [EXIT.DENIED, 'CLIENT_CERTIFICATE_REFUSED']);
    assert.match(
      alert.message,
      /^the agent at host1:7400 refused the TLS handshake because of your client certificate \(TLS alert certificate required\); check that the agent's --tls-client-ca signed your --tls-cert/,
    );
    const unknownCa = fromServiceError(
      refused(status.UNAVAILABLE, 'SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca'),
      'host1:7400',
      120,
      true,
    );
    assert.equal(unknownCa.exitCode, EXIT.DENIED);
    const closed = fromServiceError(
      refused(status.UNAVAILABLE, 'No connection established. Last error: Failed to connect'),
      'host1:7400',
      120,
      true,
      'refused',
    );
    assert.deepEqual([closed.exitCode, closed.code], [EXIT.DENIED, 'CLIENT_CERTIFICATE_REFUSED']);
    assert.match(closed.message, /\(it closed the connection as soon as the TLS handshake ended\)/);
    // no evidence: unreachable, with the client CA among the things to check
    for (const handshake of ['unknown', 'accepted', undefined] as const) {
      const unclear = fromServiceError(
        refused(status.UNAVAILABLE, 'No connection established. Last error: Failed to connect'),
        'host1:7400',
        120,
        true,
        handshake,
      );
      assert.deepEqual([unclear.exitCode, unclear.code], [EXIT.UNREACHABLE, 'UNAVAILABLE']);
      assert.match(unclear.message, /the agent's --tls-client-ca signed your --tls-cert$/);
    }
  });

  test('UNAUTHENTICATED and PERMISSION_DENIED exit 5 and say what to do', () => {
    const unauth = fromServiceError(refused(status.UNAUTHENTICATED, 'no client certificate'), 'host1:7400', 120, true);
    assert.equal(unauth.exitCode, EXIT.DENIED);
    assert.match(unauth.message, /^the agent did not accept your client certificate: no client certificate/);
    // the agent's words name the identity, its role and what it lacks; its details travel as fields
    const denied = fromServiceError(
      refused(
        status.PERMISSION_DENIED,
        "CN=bob has role viewer, which does not allow operate (CloneService.StartClone); ask the host's admin for a role that does",
        {
          'altdisk-identity': 'CN=bob',
          'altdisk-role': 'viewer',
          'altdisk-permission': 'operate',
          'altdisk-rpc': 'CloneService.StartClone',
        },
      ),
      'h:7400',
      120,
      true,
    );
    assert.equal(denied.exitCode, EXIT.DENIED);
    assert.equal(denied.code, 'PERMISSION_DENIED');
    assert.equal(
      denied.message,
      "CN=bob has role viewer, which does not allow operate (CloneService.StartClone); ask the host's admin for a role that does",
    );
    assert.deepEqual(denied.details, {
      identity: 'CN=bob',
      role: 'viewer',
      permission: 'operate',
      rpc: 'CloneService.StartClone',
    });
  });
});

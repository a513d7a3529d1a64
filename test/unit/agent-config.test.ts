import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../agent/config';

const base = { env: { HOME: '/home/op' }, platform: 'linux' as NodeJS.Platform };

test('defaults: loopback 7400, emulator off AIX, PATH on AIX', () => {
  const linux = loadConfig({ ...base, flags: {} });
  assert.equal(linux.listen.target, '127.0.0.1:7400');
  assert.equal(linux.commandsDir, undefined);
  assert.equal(linux.stateDir, '/home/op/.local/state/altdisk');
  assert.equal(linux.tls, undefined);
  const aix = loadConfig({ ...base, flags: {}, platform: 'aix' });
  assert.equal(aix.stateDir, '/var/altdisk');
  assert.equal(aix.searchPath, '/usr/bin:/etc:/usr/sbin:/usr/ucb:/sbin:/usr/lpp/mmfs/bin');
  assert.deepEqual(linux.limits, {
    maxHooks: 64,
    maxHooksBytes: 1024 * 1024,
    maxWatchesPerConnection: 16,
    maxWatchesPerIdentity: 64,
  });
});

test('file < environment < flags, and each source is recorded', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-config-'));
  const file = path.join(dir, 'altdiskd.json');
  fs.writeFileSync(file, JSON.stringify({ listen: '127.0.0.1:7001', logLevel: 'debug', stateDir: dir }));
  const config = loadConfig({
    ...base,
    configFile: file,
    env: { ...base.env, ALTDISKD_LISTEN: '127.0.0.1:7002' },
    flags: { listen: '127.0.0.1:7003' },
  });
  assert.equal(config.listen.port, 7003);
  assert.equal(config.logLevel, 'debug');
  assert.deepEqual(config.sources, { listen: 'flag', logLevel: 'file', stateDir: 'file' });
  const fromEnv = loadConfig({
    ...base,
    configFile: file,
    env: { ...base.env, ALTDISKD_LISTEN: '127.0.0.1:7002' },
    flags: {},
  });
  assert.equal(fromEnv.listen.port, 7002);
});

test('connection caps and the handshake deadline: defaults, and the usual sources', () => {
  assert.deepEqual(loadConfig({ ...base, flags: {} }).connections, {
    maxConnections: 256,
    maxConnectionsPerPeer: 32,
    handshakeTimeoutMs: 10_000,
  });
  const env = {
    ...base.env,
    ALTDISKD_MAX_CONNECTIONS: '64',
    ALTDISKD_MAX_CONNECTIONS_PER_PEER: '8',
    ALTDISKD_HANDSHAKE_TIMEOUT_SECONDS: '3',
  };
  assert.deepEqual(loadConfig({ ...base, env, flags: {} }).connections, {
    maxConnections: 64,
    maxConnectionsPerPeer: 8,
    handshakeTimeoutMs: 3000,
  });
  assert.equal(
    loadConfig({ ...base, env, flags: { handshakeTimeoutSeconds: 1 } }).connections.handshakeTimeoutMs,
    1000,
  );
});

test('listening beyond loopback without TLS is refused, naming the fix', () => {
  for (const listen of ['0.0.0.0:7400', '10.1.2.3:7400', '[::]:7400']) {
    assert.throws(
      () => loadConfig({ ...base, flags: { listen } }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /^listen: refusing to listen .* without TLS/);
        assert.match(err.message, /--tls-cert/);
        return true;
      },
    );
  }
});

test('bad settings name the setting', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ logLevel: 'loud' }, /^logLevel: "loud" is not one of/],
    [{ commandTimeoutSeconds: '0' }, /^commandTimeoutSeconds: /],
    [{ commandsDir: '/nonexistent/altdisk/bin' }, /^commandsDir: .*does not exist/],
    [{ listen: 'host:99999' }, /^listen: /],
    [
      { listen: 'unix:/tmp/x.sock' },
      /^listen: takes ADDRESS:PORT; the agent's local socket is always STATE_DIR\/altdiskd\.sock/,
    ],
    // a name is not an address to listen on: malformed, whatever TLS says
    [
      { listen: 'host1:7400' },
      /^listen: "host1:7400" is not ADDRESS:PORT: host1 is not an IP address; give an IP address of this host \(or localhost\) and a port/,
    ],
    [{ loopbackRole: 'root' }, /^loopbackRole: "root" is not a role/],
    [{ tlsCert: '/x.pem' }, /^tls: give all three/],
    [{ maxHooks: '0' }, /^maxHooks: "0" is not a whole number from 1 to 10000/],
    [{ maxHooksBytes: 2 ** 40 }, /^maxHooksBytes: /],
    [{ maxWatchesPerConnection: 'many' }, /^maxWatchesPerConnection: /],
    [{ maxWatchesPerIdentity: -1 }, /^maxWatchesPerIdentity: /],
    [
      { stateDir: '/var/alt disk' },
      /^stateDir: \/var\/alt disk holds white space, which alt_disk_copy and alt_rootvg_op \(ksh scripts\) may split or expand; the files a clone gets/,
    ],
    [{ stateDir: '/var/altdisk$(id)' }, /^stateDir: /],
    [{ maxConnections: '0' }, /^maxConnections: "0" is not a whole number from 1 to 65535/],
    [{ maxConnectionsPerPeer: 'many' }, /^maxConnectionsPerPeer: /],
    [{ handshakeTimeoutSeconds: 301 }, /^handshakeTimeoutSeconds: 301 is not a whole number from 1 to 300/],
  ];
  for (const [flags, message] of cases) {
    assert.throws(
      () => loadConfig({ ...base, flags }),
      (err: unknown) => err instanceof ConfigError && message.test(err.message),
    );
  }
});

test('a config file with unknown keys is refused with its name', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-config-'));
  const unknown = path.join(dir, 'a.json');
  fs.writeFileSync(unknown, '{"listne": "127.0.0.1:1"}');
  assert.throws(() => loadConfig({ ...base, configFile: unknown, flags: {} }), /unknown setting\(s\) listne/);
});

test('a config file that does not parse stops the agent, naming line and column; it is left as it is', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-config-'));
  const cases: [string, RegExp][] = [
    [
      '{\n  "identities": {"CN=alice": "viewer",}\n}\n',
      /line 2, column 39: a property name in double quotes was expected/,
    ],
    ['{"listen": "127.0.0.1:7400" "logLevel": "debug"}', /line 1, column 29: a comma was expected/],
    ['', /line 1, column 1: a value was expected/],
    ['{"identities": {"CN=a": "admin", /* x */}}', /line 1, column 34: JSON has no comments/],
    [
      '{"identities": {"CN=alice": "viewer", "CN=alice": "admin"}}',
      /line 1, column 39: the key "CN=alice" is given twice in one object/,
    ],
  ];
  for (const [text, where] of cases) {
    const file = path.join(dir, 'altdiskd.json');
    fs.writeFileSync(file, text);
    assert.throws(
      () => loadConfig({ ...base, configFile: file, flags: {} }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError, String(err));
        assert.match(err.message, /^config: .*altdiskd\.json is not valid JSON: /);
        assert.match(err.message, where);
        return true;
      },
    );
    assert.equal(fs.readFileSync(file, 'utf8'), text, 'never moved or rewritten');
  }
});

test('a config or TLS file that others could write (or read, for the key) is refused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-config-'));
  const file = path.join(dir, 'altdiskd.json');
  fs.writeFileSync(file, '{}', { mode: 0o666 });
  fs.chmodSync(file, 0o666);
  assert.throws(
    () => loadConfig({ ...base, configFile: file, flags: {} }),
    /config: refusing the config file: .*altdiskd\.json is writable by group or others \(mode 0666\); chmod go-w/,
  );
  fs.chmodSync(file, 0o644);
  fs.chmodSync(dir, 0o777);
  assert.throws(
    () => loadConfig({ ...base, configFile: file, flags: {} }),
    /is writable by group or others \(mode 0777\), so they could replace what is below it/,
  );
  fs.chmodSync(dir, 0o700);
  for (const f of ['cert.pem', 'key.pem', 'ca.pem']) fs.writeFileSync(path.join(dir, f), 'x', { mode: 0o644 });
  const tls = {
    tlsCert: path.join(dir, 'cert.pem'),
    tlsKey: path.join(dir, 'key.pem'),
    tlsClientCa: path.join(dir, 'ca.pem'),
  };
  assert.throws(
    () => loadConfig({ ...base, flags: tls }),
    /tlsKey: .*key\.pem is a private key readable by group or others \(mode 0644\); chmod 600/,
  );
  fs.chmodSync(tls.tlsKey, 0o600);
  fs.chmodSync(tls.tlsClientCa, 0o664);
  assert.throws(() => loadConfig({ ...base, flags: tls }), /tlsClientCa: .*ca\.pem is writable by group or others/);
  const commands = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-commands-'));
  fs.chmodSync(commands, 0o777);
  assert.throws(
    () => loadConfig({ ...base, flags: { commandsDir: commands } }),
    /commandsDir: refusing to run commands from .* is writable by group or others \(mode 0777\)/,
  );
  if (process.geteuid?.() === 0) {
    // A link another user owns, in a sticky directory: she can re-point it at her own CA at any time.
    fs.chmodSync(tls.tlsClientCa, 0o644);
    const link = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-sticky-')), 'tls');
    fs.chmodSync(path.dirname(link), 0o1777);
    fs.symlinkSync(dir, link);
    fs.lchownSync(link, 65534, 65534);
    const viaLink = {
      tlsCert: path.join(link, 'cert.pem'),
      tlsKey: path.join(link, 'key.pem'),
      tlsClientCa: path.join(link, 'ca.pem'),
    };
    assert.throws(
      () => loadConfig({ ...base, flags: viaLink }),
      /tlsCert: .*\/tls is a symbolic link owned by uid 65534, who can point it anywhere; give the real path/,
    );
    // the same link owned by root is followed once, and the agent keeps the real paths
    fs.lchownSync(link, 0, 0);
    assert.deepEqual(loadConfig({ ...base, flags: viaLink }).tls, {
      certFile: fs.realpathSync(tls.tlsCert),
      keyFile: fs.realpathSync(tls.tlsKey),
      clientCaFile: fs.realpathSync(tls.tlsClientCa),
    });
    fs.chownSync(file, 65534, 65534);
    assert.throws(
      () => loadConfig({ ...base, configFile: file, flags: {} }),
      /altdiskd\.json is owned by uid 65534; it must belong to root/,
    );
  }
});

test('with all three TLS files any address may be bound, and the policy comes from the file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-config-'));
  for (const f of ['cert.pem', 'key.pem', 'ca.pem']) fs.writeFileSync(path.join(dir, f), 'x', { mode: 0o600 });
  const file = path.join(dir, 'altdiskd.json');
  fs.writeFileSync(file, JSON.stringify({ identities: { 'CN=alice': 'operator' }, localRole: 'viewer' }));
  const config = loadConfig({
    ...base,
    configFile: file,
    flags: {
      listen: '0.0.0.0:7400',
      tlsCert: path.join(dir, 'cert.pem'),
      tlsKey: path.join(dir, 'key.pem'),
      tlsClientCa: path.join(dir, 'ca.pem'),
    },
  });
  assert.equal(config.listen.host, '0.0.0.0');
  assert.ok(config.tls);
  assert.deepEqual(config.policy.identities, { 'CN=alice': 'operator' });
  assert.equal(config.policy.localRole, 'viewer');
  fs.writeFileSync(file, JSON.stringify({ identities: { 'CN=alice': 'superuser' } }));
  assert.throws(
    () => loadConfig({ ...base, configFile: file, flags: {} }),
    (e: unknown) => e instanceof ConfigError && /^identities\.CN=alice: names role "superuser"/.test(e.message),
  );
});

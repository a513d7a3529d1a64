import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { distPath, repoRoot } from '../support/repo';
import { runCtl, runNode } from '../support/processes';

const checkConfig = (file: string) => runNode(distPath('launch/altdiskd.js'), ['--check-config', file]);

describe('altdiskd --check-config and the example configs', () => {
  let work = '';
  let pki = '';
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-check-config-'));
    pki = path.join(work, 'pki');
    const made = await runCtl(['certs', 'init', pki, '--agent', 'host1', '--client', 'alice,ansible,monitoring']);
    assert.equal(made.code, 0, made.stderr);
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  /** examples/NAME with its paths moved into this test's directory. */
  function example(name: string, paths: Record<string, string>): Record<string, unknown> {
    const settings = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'examples', name), 'utf8')) as Record<
      string,
      unknown
    >;
    for (const [key, value] of Object.entries(paths)) {
      assert.ok(key in settings, `examples/${name} has ${key}`);
      settings[key] = value;
    }
    return settings;
  }

  test('the example agent config is valid; checking it starts nothing and makes no state directory', async () => {
    const stateDir = path.join(work, 'state');
    const file = path.join(work, 'altdiskd.json');
    const settings = example('altdiskd.json', {
      stateDir,
      tlsCert: path.join(pki, 'agent-host1.pem'),
      tlsKey: path.join(pki, 'agent-host1.key'),
      tlsClientCa: path.join(pki, 'ca.pem'),
    });
    fs.writeFileSync(file, JSON.stringify(settings), { mode: 0o600 });
    const checked = await checkConfig(file);
    assert.equal(checked.code, 0, checked.stderr);
    assert.match(checked.stdout, /is valid: listen 0\.0\.0\.0:7400, TLS mutual, state directory /);
    assert.ok(!fs.existsSync(stateDir), 'the check made the state directory');
  });

  test('a config that does not parse, or names an unknown role, exits 2 naming where and what', async () => {
    const broken = path.join(work, 'broken.json');
    fs.writeFileSync(broken, '{\n  "listen": "127.0.0.1:7400",\n}\n', { mode: 0o600 });
    const parse = await checkConfig(broken);
    assert.equal(parse.code, 2);
    assert.match(parse.stderr, /is not valid JSON: line 3, column 1: a property name in double quotes was expected/);
    assert.equal(parse.stdout, '');
    const role = path.join(work, 'role.json');
    fs.writeFileSync(role, JSON.stringify({ identities: { 'CN=bob': 'root' } }), { mode: 0o600 });
    const unknown = await checkConfig(role);
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /identities\.CN=bob: names role "root", which is not one of viewer, cloner, operator, admin/,
    );
  });

  test('the example altctl config is read: altctl goes to the host it names', async () => {
    const socket = path.join(work, 'no-agent.sock');
    const configHome = path.join(work, 'config');
    fs.mkdirSync(path.join(configHome, 'altdisk'), { recursive: true });
    const settings = example('altctl.json', {
      host: `unix:${socket}`,
      tlsCa: path.join(pki, 'ca.pem'),
      tlsCert: path.join(pki, 'client-alice.pem'),
      tlsKey: path.join(pki, 'client-alice.key'),
    });
    fs.writeFileSync(path.join(configHome, 'altdisk', 'altctl.json'), JSON.stringify(settings));
    const r = await runCtl(['disks', '--json'], { env: { XDG_CONFIG_HOME: configHome } });
    assert.equal(r.code, 4, r.stderr);
    assert.ok(r.stderr.includes(socket), r.stderr);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EndpointError, isLoopback, parseEndpoint } from '../../shared/endpoint';

test('a bare name gets the default port', () => {
  assert.deepEqual(parseEndpoint('host1'), { host: 'host1', port: 7400, target: 'host1:7400' });
});

test('name:port, IPv4, bracketed and bare IPv6', () => {
  assert.equal(parseEndpoint('host1.example.com:7500').target, 'host1.example.com:7500');
  assert.equal(parseEndpoint('10.0.0.5').target, '10.0.0.5:7400');
  assert.deepEqual(parseEndpoint('[::1]:9000'), { host: '::1', port: 9000, target: '[::1]:9000' });
  assert.deepEqual(parseEndpoint('fe80::1'), { host: 'fe80::1', port: 7400, target: '[fe80::1]:7400' });
});

test('malformed hosts are refused naming the field and the accepted forms', () => {
  for (const bad of [
    '',
    '  ',
    'host_1',
    '-host',
    'host:',
    'host:0',
    'host:65536',
    'host:12ab',
    '999.1.1.1',
    '1.2.3',
    '[::1',
    '[nothost]:1',
    'a;rm -rf /',
    '$(touch x)',
    'host:7400:1',
    'h'.repeat(64),
  ]) {
    assert.throws(
      () => parseEndpoint(bad),
      (err: unknown) => {
        assert.ok(err instanceof EndpointError, `${bad}: ${String(err)}`);
        assert.match(err.message, /^HOST: /);
        assert.match(err.message, /host1:7400/);
        return true;
      },
      bad,
    );
  }
});

test('port 0 only where asked for (the agent binding an ephemeral port)', () => {
  assert.throws(() => parseEndpoint('127.0.0.1:0'));
  assert.equal(parseEndpoint('127.0.0.1:0', { allowPortZero: true }).port, 0);
});

test('loopback detection', () => {
  for (const yes of ['127.0.0.1', '127.1.2.3', '::1', 'localhost', '::ffff:127.0.0.1'])
    assert.equal(isLoopback(yes), true, yes);
  for (const no of ['0.0.0.0', '::', '10.0.0.1', 'host1', '128.0.0.1', '::ffff:10.0.0.1'])
    assert.equal(isLoopback(no), false, no);
});

test('unix:/absolute/path is a local socket; relative or empty paths are refused', () => {
  assert.deepEqual(parseEndpoint('unix:/var/altdisk/altdiskd.sock'), {
    host: 'localhost',
    port: 0,
    target: 'unix:/var/altdisk/altdiskd.sock',
    socket: '/var/altdisk/altdiskd.sock',
  });
  assert.equal(parseEndpoint('unix:///var/altdisk/altdiskd.sock').socket, '/var/altdisk/altdiskd.sock');
  for (const bad of ['unix:', 'unix:altdiskd.sock', 'unix://host/x'])
    assert.throws(() => parseEndpoint(bad), /is not unix: followed by an absolute path/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConnectionCaps, peerAddress } from '../../../agent/server/connection-caps';

test('one peer is held to its own cap; the others still get in up to the total', () => {
  const caps = new ConnectionCaps({ maxConnections: 5, maxConnectionsPerPeer: 3 });
  for (let i = 0; i < 3; i++) assert.deepEqual(caps.admit('10.0.0.9'), { ok: true });
  assert.deepEqual(caps.admit('10.0.0.9'), { ok: false, cap: 'maxConnectionsPerPeer', limit: 3 });
  assert.deepEqual(caps.admit('10.0.0.1'), { ok: true });
  assert.deepEqual(caps.admit('10.0.0.2'), { ok: true });
  assert.deepEqual(caps.admit('10.0.0.3'), { ok: false, cap: 'maxConnections', limit: 5 });
  assert.equal(caps.open, 5);
});

test('a closed connection frees its place; releasing a peer that has none changes nothing', () => {
  const caps = new ConnectionCaps({ maxConnections: 2, maxConnectionsPerPeer: 1 });
  assert.equal(caps.admit('10.0.0.9').ok, true);
  assert.equal(caps.admit('10.0.0.9').ok, false);
  caps.release('10.0.0.9');
  caps.release('10.0.0.9');
  caps.release('10.0.0.7');
  assert.equal(caps.open, 0);
  assert.equal(caps.admit('10.0.0.9').ok, true);
});

test('an IPv4 peer of a dual-stack listener counts under its IPv4 address', () => {
  assert.equal(peerAddress('::ffff:127.0.0.2'), '127.0.0.2');
  assert.equal(peerAddress('127.0.0.2'), '127.0.0.2');
  assert.equal(peerAddress('fe80::1'), 'fe80::1');
});

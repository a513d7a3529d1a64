import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allows, compilePolicy, PolicyError, roleFor } from '../../../agent/security/access-policy';
import { isMutating, RPC_PERMISSIONS } from '../../../agent/security/rpc-permissions';
import { cloneSpecNeeds } from '../../../agent/security/request-permissions';
import type { CloneSpec__Output } from '../../../shared/generated/altdisk/v1/CloneSpec';
import { summarizeArgs } from '../../../agent/security/audit-log';
import { loadContract } from '../../../shared/proto/contract';

test('built-in roles: viewer reads, cloner operates, operator also executes, only admin reboots; local callers are admin unless configured', () => {
  const p = compilePolicy({});
  assert.ok(allows(p, 'viewer', 'read') && !allows(p, 'viewer', 'operate'));
  assert.ok(allows(p, 'cloner', 'operate') && !allows(p, 'cloner', 'execute') && !allows(p, 'cloner', 'reboot'));
  assert.ok(allows(p, 'operator', 'operate') && allows(p, 'operator', 'execute') && !allows(p, 'operator', 'reboot'));
  assert.ok(allows(p, 'admin', 'reboot') && allows(p, 'admin', 'execute'));
  assert.equal(p.localRole, 'admin');
  assert.equal(
    p.loopbackRole,
    'viewer',
    'any local user reaches loopback TCP: a viewer unless the admin says otherwise',
  );
  assert.equal(compilePolicy({ localRole: 'viewer' }).localRole, 'viewer');
  assert.equal(compilePolicy({ loopbackRole: 'operator' }).loopbackRole, 'operator');
  assert.throws(() => compilePolicy({ loopbackRole: 'root' }), /^PolicyError: loopbackRole: "root" is not a role/);
});

test('custom roles, identity mapping by CN or SAN, first match wins', () => {
  const p = compilePolicy({
    roles: { rebooter: ['read', 'reboot'] },
    identities: { 'CN=alice': 'operator', 'DNS:ci.example.com': 'rebooter' },
  });
  assert.deepEqual(roleFor(p, ['CN=ci', 'DNS:ci.example.com']), { identity: 'DNS:ci.example.com', role: 'rebooter' });
  assert.ok(allows(p, 'rebooter', 'reboot') && !allows(p, 'rebooter', 'operate'));
  assert.equal(roleFor(p, ['CN=mallory']), undefined);
});

test('a bad policy names the setting', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ identities: { 'CN=alice': 'root' } }, /^identities\.CN=alice: names role "root"/],
    [{ identities: { alice: 'viewer' } }, /^identities\.alice: must start with CN=/],
    [{ roles: { x: ['read', 'delete'] } }, /^roles\.x: must be a list of read, operate, execute, reboot/],
    [{ roles: [] }, /^roles: must be an object/],
    [{ localRole: 'nobody' }, /^localRole: /],
    // names of Object's own properties are not roles
    [{ localRole: 'constructor' }, /^localRole: "constructor" is not a role/],
    [{ identities: { 'CN=alice': 'toString' } }, /^identities\.CN=alice: names role "toString"/],
  ];
  for (const [raw, message] of cases) {
    assert.throws(
      () => compilePolicy(raw),
      (e: unknown) => e instanceof PolicyError && message.test(e.message),
    );
  }
});

test('every RPC of the contract is classified, so none is callable by accident', () => {
  const root = loadContract().root;
  const rpcs: string[] = [];
  for (const service of ['HostService', 'DiskService', 'BootService', 'CloneService', 'FirstBootService']) {
    for (const method of Object.keys(root.lookupService(`altdisk.v1.${service}`).methods))
      rpcs.push(`${service}.${method}`);
  }
  assert.deepEqual(
    rpcs.filter((r) => !(r in RPC_PERMISSIONS)),
    [],
  );
  assert.equal(isMutating('CloneService.StartClone'), true);
  assert.equal(isMutating('FirstBootService.AddHook'), true);
  assert.equal(RPC_PERMISSIONS['FirstBootService.AddHook'], 'execute');
  assert.equal(isMutating('CloneService.WatchJob'), false);
});

test('audit summaries drop contents and cut long strings', () => {
  const summary = summarizeArgs({
    name: 'h',
    content: Buffer.from('secret'),
    spec: { targetDisks: ['hdisk1'], customizationScript: { content: Buffer.alloc(10) } },
    long: 'x'.repeat(500),
    empty: '',
  }) as Record<string, unknown>;
  assert.equal(summary['content'], '<6 bytes>');
  assert.deepEqual(summary['spec'], { targetDisks: ['hdisk1'], customizationScript: { content: '<10 bytes>' } });
  assert.match(String(summary['long']), /\.\.\.\(500 chars\)$/);
  assert.equal('empty' in summary, false);
});

test('clone flags with the effect of another permission need it: -r reboot; scripts, installs and host files execute', () => {
  const needs = (spec: Partial<CloneSpec__Output>) =>
    cloneSpecNeeds(spec as CloneSpec__Output).map((n) => `${n.permission} ${n.field} ${n.flag}`);
  assert.deepEqual(
    needs({
      targetDisks: ['hdisk1'],
      noBootlist: true,
      verbose: true,
      excludePatterns: ['^./tmp/'],
      excludeList: { content: Buffer.from('x'), source: 'content' },
    }),
    [],
  );
  assert.deepEqual(needs({ reboot: true }), ['reboot spec.reboot -r']);
  assert.deepEqual(needs({ customizationScript: { content: Buffer.from('#!/bin/sh'), source: 'content' } }), [
    'execute spec.customization_script -s',
  ]);
  assert.deepEqual(needs({ firstBootScript: { hostPath: '/x', source: 'hostPath' } }), [
    'execute spec.first_boot_script -x',
  ]);
  assert.deepEqual(needs({ imagesLocation: '/updates', fixes: ['IJ1'] }), [
    'execute spec.fixes -F',
    'execute spec.images_location -l',
  ]);
  assert.deepEqual(
    needs({ imageData: { hostPath: '/image.data', source: 'hostPath' }, resolvConf: { hostPath: '/etc/resolv.conf' } }),
    ['execute spec.image_data.host_path -i', 'execute spec.resolv_conf.host_path -R'],
  );
  assert.deepEqual(needs({ resolvConf: { content: Buffer.from('nameserver 10.0.0.1\n'), source: 'content' } }), []);
});

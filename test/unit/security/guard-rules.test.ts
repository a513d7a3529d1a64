import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guardRules } from '../../../agent/security/guard';
import { loadContract } from '../../../shared/proto/contract';

const boot = () => loadContract().grpc.altdisk.v1.BootService.service;
const handler = () => undefined;

test('guard rules: every served method has a rule; one served under its lower-camel name too', () => {
  const byName = guardRules([{ definition: boot(), handlers: { SetBootList: handler } }]);
  assert.equal(byName.get('/altdisk.v1.BootService/SetBootList')?.permission, 'operate');
  // grpc-js serves a method found under its original name (setBootList): it must not pass unguarded
  const byOriginalName = guardRules([{ definition: boot(), handlers: { setBootList: handler } }]);
  assert.equal(byOriginalName.get('/altdisk.v1.BootService/SetBootList')?.permission, 'operate');
  assert.equal(byOriginalName.get('/altdisk.v1.BootService/Reboot'), null, 'not served: grpc-js answers UNIMPLEMENTED');
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { HookRegistry } from '../../../agent/firstboot/hook-registry';

const settings = (name: string) => ({ name, order: 10, timeoutSeconds: 60, description: '', required: true });

test('a replacement killed between its renames leaves the old hook, never none; leftovers of adds and removals go', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-hooks-'));
  const registry = new HookRegistry(stateDir);
  registry.put(settings('check'), Buffer.from('#!/bin/sh\necho old\n'));
  const hooks = path.join(stateDir, 'hooks');
  // What a kill -9 leaves at each point of a replacement and a removal:
  fs.renameSync(path.join(hooks, 'check'), path.join(hooks, '.check.AbC123.old')); // the old one moved aside...
  fs.mkdirSync(path.join(hooks, '.check.XyZ789'), { mode: 0o700 }); // ...the new one staged, never renamed in
  fs.writeFileSync(path.join(hooks, '.check.XyZ789', 'script'), '#!/bin/sh\necho new\n', { mode: 0o700 });
  registry.put(settings('other'), Buffer.from('#!/bin/sh\necho other\n'));
  fs.renameSync(path.join(hooks, 'other'), path.join(hooks, '.other.0a1b2c3d.removed')); // a removal cut short
  assert.deepEqual(
    registry.all().map((h) => h.name),
    [],
    'as a crash leaves it: no hook at all',
  );

  const repaired = new HookRegistry(stateDir).recover();
  assert.equal(repaired.length, 3, repaired.join('\n'));
  assert.ok(repaired.includes('hook check: a replacement was cut short; the hook as it was before is back'));
  const after = registry.all();
  assert.deepEqual(
    after.map((h) => [h.name, h.content.toString(), h.problem]),
    [['check', '#!/bin/sh\necho old\n', '']],
  );
  assert.deepEqual(
    fs.readdirSync(hooks).filter((n) => n.startsWith('.')),
    [],
  );
  // and the names work again
  registry.put(settings('other'), Buffer.from('#!/bin/sh\necho again\n'));
  registry.remove('other');
  assert.deepEqual(
    registry.all().map((h) => h.name),
    ['check'],
  );
});

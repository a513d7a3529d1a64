import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getopt, getoptMessage } from '../../aixsim/cli/getopt';

describe('getopt (AIX rules)', () => {
  const ok = (argv: string[], spec: string) => {
    const r = getopt(argv, spec);
    assert.ok(r.ok);
    return r.args;
  };

  test('separate, attached and grouped flags', () => {
    assert.deepEqual(ok(['-m', 'normal', '-o'], 'm:o').flags, [{ flag: 'm', value: 'normal' }, { flag: 'o' }]);
    assert.deepEqual(ok(['-mnormal'], 'm:o').flags, [{ flag: 'm', value: 'normal' }]);
    assert.deepEqual(ok(['-ad', '/dev/hdisk0'], 'ad:').flags, [{ flag: 'a' }, { flag: 'd', value: '/dev/hdisk0' }]);
    assert.deepEqual(ok(['-om', 'both'], 'm:o').flags, [{ flag: 'o' }, { flag: 'm', value: 'both' }]);
  });

  test('stops at the first operand and at --, no permutation', () => {
    assert.deepEqual(ok(['-m', 'normal', 'hdisk0', '-o'], 'm:o'), {
      flags: [{ flag: 'm', value: 'normal' }],
      operands: ['hdisk0', '-o'],
    });
    assert.deepEqual(ok(['--', '-l'], 'l'), { flags: [], operands: ['-l'] });
    assert.deepEqual(ok(['-'], 'l'), { flags: [], operands: ['-'] });
  });

  test('reports unknown flags and missing arguments the way AIX libc does', () => {
    const unknown = getopt(['-z'], 'l');
    assert.ok(!unknown.ok);
    assert.equal(getoptMessage('lspv', unknown.failure), 'lspv: Not a recognized flag: z\n');
    const missing = getopt(['-m'], 'm:');
    assert.ok(!missing.ok);
    assert.equal(getoptMessage('bootlist', missing.failure), 'bootlist: Flag requires a parameter: m\n');
  });
});

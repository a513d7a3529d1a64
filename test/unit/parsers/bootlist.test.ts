import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { bootlistDisks, parseBootlist } from '../../../agent/aix/parsers/bootlist';
import { listFixtures, readFixture } from '../../support/fixtures';

function paths(device: string, blv: string, count: number): { device: string; attributes: Record<string, string> }[] {
  return Array.from({ length: count }, (_, i) => ({ device, attributes: { blv, pathid: String(i) } }));
}

test('bootlist -m normal -o: every fixture', () => {
  const expected: Record<string, { device: string; attributes: Record<string, string> }[]> = {
    'bootlist.normal-o.01.txt': paths('hdisk2', 'hd5', 4),
    'bootlist.normal-o.02.txt': paths('hdisk0', 'hd5', 4),
    // Source typo hdiskl (= hdisk1) is kept as printed.
    'bootlist.normal-o.03.txt': paths('hdiskl', 'hd5', 5),
    // No pathid attribute on this system.
    'bootlist.normal-o.04.txt': Array.from({ length: 4 }, () => ({ device: 'hdisk0', attributes: { blv: 'hd5' } })),
    // -v adds NVRAM/Path name/match_specific_info lines, which are skipped.
    'bootlist.normal-ov.01.txt': paths('hdisk7', 'bos_hd5', 5),
    // bootlist -m normal hdisk0 prints nothing on success.
    'bootlist.set.01.txt': [],
  };
  const fixtures = listFixtures('bootlist.');
  assert.equal(fixtures.length, Object.keys(expected).length);
  for (const name of fixtures) {
    assert.deepEqual(
      parseBootlist(readFixture(name)).map(({ device, attributes }) => ({ device, attributes })),
      expected[name],
      name,
    );
  }
});

test('bootlist: raw keeps the line; bootlistDisks lists each disk once in order', () => {
  const devices = parseBootlist(
    'hdisk1 blv=hd5 pathid=0\r\nhdisk1 blv=hd5 pathid=1\r\n\r\nhdisk0\tblv=hd5 pathid=0   \r\ncd0\r\n',
  );
  assert.equal(devices[0]?.raw, 'hdisk1 blv=hd5 pathid=0');
  assert.deepEqual(devices[3], { device: 'cd0', attributes: {}, raw: 'cd0' });
  assert.deepEqual(bootlistDisks(devices), ['hdisk1', 'hdisk0', 'cd0']);
});

test('bootlist: network device attributes, unknown attributes kept', () => {
  const [ent] = parseBootlist('ent0 bserver=10.1.1.1 gateway=10.1.1.254 client=10.1.1.20 speed=auto\n');
  assert.deepEqual(ent?.attributes, { bserver: '10.1.1.1', gateway: '10.1.1.254', client: '10.1.1.20', speed: 'auto' });
});

test('bootlist: error messages are ParseErrors naming the line', () => {
  const message = '0514-202 bootlist: Invalid device name (hdisk99)';
  assert.throws(
    () => parseBootlist(message),
    (e: unknown) => e instanceof ParseError && e.command === 'bootlist' && e.line === message,
  );
  assert.throws(() => parseBootlist('hdisk0 blv=hd5 something\n'), ParseError);
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHost, type TestHost } from '../support/aixsim-host';
import { lines, run } from './helpers';

describe('a host with 1,000 spare disks', () => {
  let host: TestHost;
  let initMs = 0;
  before(async () => {
    const t0 = Date.now();
    host = await createHost({ disks: 1000 });
    initMs = Date.now() - t0;
  });
  after(() => host.cleanup());

  test('initialises quickly and lists 1,001 disks, mostly free, some without PVID', () => {
    assert.ok(initMs < 10_000, `init took ${initMs} ms`);
    const out = lines(run(host.bin, 'lspv').stdout);
    assert.equal(out.length, 1001);
    assert.equal(out[1000]?.slice(0, 16), 'hdisk1000       ');
    const none = out.filter((l) => l.slice(16, 20) === 'none').length;
    assert.ok(none > 50 && none < 200, `${none} disks without PVID`);
    const free = out.filter((l) => l.slice(52, 56) === 'None').length;
    assert.ok(free >= 998, `${free} disks in no VG`);
    for (const l of out) assert.equal(l.length, 80);
  });

  test('answers per-disk questions for the last disk', () => {
    const size = Number(run(host.bin, 'bootinfo', ['-s', 'hdisk1000']).stdout);
    assert.ok([10240, 20480, 30720, 40960, 51200, 71680, 102400].includes(size), String(size));
    assert.equal(run(host.bin, 'bootinfo', ['-B', 'hdisk1000']).stdout, '1\n');
    assert.equal(run(host.bin, 'bootlist', ['-m', 'normal', 'hdisk0', 'hdisk999']).status, 0);
  });
});

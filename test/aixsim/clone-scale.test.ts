import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { tuneHost } from '../../aixsim/admin/tune';
import type { TestHost } from '../support/aixsim-host';
import { fastHost } from './clone-helpers';
import { lines, run } from './helpers';

/**
 * Many files: -V lists every one and the per-file pace of `aixsim tune --files-per-sec`
 * holds. (A 200,000-file -V clone takes about 20 s on the development machine; this test
 * uses 20,000 to stay quick.)
 */
describe('alt_disk_copy -V with 20,000 files', () => {
  let host: TestHost;
  before(async () => {
    host = await fastHost({ files: 20_000 });
  });
  after(() => host.cleanup());

  test('lists every generated file, and df counts them in the clone', () => {
    tuneHost(host.dir, { filesPerSec: 8000 });
    const t0 = Date.now();
    const r = run(host.bin, 'alt_disk_copy', ['-V', '-B', '-d', 'hdisk4']);
    const ms = Date.now() - t0;
    assert.equal(r.status, 0, r.stderr);
    const listed = lines(r.stdout).filter((l) => l.startsWith('a ') && l.includes('/gen/'));
    assert.equal(listed.filter((l) => l.endsWith('.dat')).length, 20_000);
    assert.ok(ms >= 2400, `20,000+ entries at 8,000 a second take at least 2.5 s, took ${ms} ms`);
    assert.equal(run(host.bin, 'alt_rootvg_op', ['-W', '-d', 'hdisk4']).status, 0);
    const iused = (mp: string) =>
      Number(
        lines(run(host.bin, 'df', ['-k', mp]).stdout)[1]
          ?.trim()
          .split(/ +/)[4],
      );
    assert.equal(iused('/alt_inst/usr'), iused('/usr'));
    assert.equal(iused('/alt_inst/var'), iused('/var'));
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseLslv } from '../../agent/aix/parsers/lslv';
import { parseLsvgDetail, parseLsvgLvs } from '../../agent/aix/parsers/lsvg';
import { InitError } from '../../aixsim/errors';
import { initHost } from '../../aixsim/init';
import { createHost, type TestHost } from '../support/aixsim-host';
import { fieldStarts, fixture, lines, run } from './helpers';

/** aixsim init --mirror: rootvg as mirrorvg leaves it, against the real mirrored capture. */
describe('a mirrored rootvg (init --mirror)', () => {
  let host: TestHost;
  before(async () => {
    host = await createHost({ mirror: true, diskSizes: { hdisk4: 8192 } });
  });
  after(() => host.cleanup());

  test("lsvg -l rootvg: PPs = 2 x LPs on 2 PVs, but the dump device, in the capture's columns", () => {
    const out = lines(run(host.bin, 'lsvg', ['-l', 'rootvg']).stdout);
    const real = fixture('lsvg-l.rootvg-mirrored.01.txt');
    assert.deepEqual(fieldStarts(out[2] ?? ''), fieldStarts(real[2] ?? ''), 'hd5 row');
    const lvs = parseLsvgLvs(out.join('\n'))[0]?.lvs ?? [];
    for (const lv of lvs) {
      const mirrored = lv.type !== 'sysdump';
      assert.deepEqual([lv.pps, lv.pvs], mirrored ? [lv.lps * 2, 2] : [lv.lps, 1], lv.name);
    }
    // the capture shows the same shape: lv_dump (sysdump) alone has one copy
    const captured = parseLsvgLvs(real.join('\n'))[0]?.lvs ?? [];
    assert.deepEqual(
      captured.filter((lv) => lv.pps !== lv.lps * 2).map((lv) => lv.type),
      ['sysdump'],
    );
  });

  test('lsvg rootvg counts every copy; lslv says COPIES 2; lspv, the boot list and bootinfo -s', () => {
    const detail = parseLsvgDetail(run(host.bin, 'lsvg', ['rootvg']).stdout);
    assert.deepEqual([detail.usedPps, detail.usedMb, detail.totalPvs], [292, 9344, 2]);
    assert.equal(parseLslv(run(host.bin, 'lslv', ['hd4']).stdout).copies, 2);
    assert.equal(parseLslv(run(host.bin, 'lslv', ['lg_dumplv']).stdout).copies, 1);
    assert.match(run(host.bin, 'lspv').stdout, /^hdisk1 +\S+ +rootvg +active/m);
    assert.equal(
      run(host.bin, 'bootlist', ['-m', 'normal', '-o']).stdout,
      'hdisk0 blv=hd5 pathid=0\nhdisk1 blv=hd5 pathid=0\n',
    );
    assert.equal(run(host.bin, 'bootinfo', ['-s', 'hdisk4']).stdout, '8192\n');
  });

  test('refuses what cannot be mirrored that way', async () => {
    await assert.rejects(
      initHost(`${host.dir}-x`, { mirror: true, disks: 0 }),
      (e: unknown) => e instanceof InitError && /--disks 1 or more/.test(e.message),
    );
    await assert.rejects(
      initHost(`${host.dir}-y`, { mirror: true, altinst: 'hdisk1' }),
      (e: unknown) => e instanceof InitError && /--altinst on another disk/.test(e.message),
    );
    await assert.rejects(
      initHost(`${host.dir}-z`, { diskSizes: { hdisk9: 8192 } }),
      (e: unknown) => e instanceof InitError && /name a spare disk, hdisk1 to hdisk5/.test(e.message),
    );
  });
});

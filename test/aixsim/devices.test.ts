import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseLquerypvDump, lvmRecordVgid, pvidOf } from '../../agent/aix/parsers/lquerypv';
import { parseLsdev } from '../../agent/aix/parsers/lsdev';
import { parseLspath, pathCounts } from '../../agent/aix/parsers/lspath';
import { parseLspv } from '../../agent/aix/parsers/lspv';
import { parseMmlsnsd } from '../../agent/aix/parsers/mmlsnsd';
import { parseOdmget } from '../../agent/aix/parsers/odmget';
import { parsePowermtDisplay } from '../../agent/aix/parsers/powermt';
import { createHost, type TestHost } from '../support/aixsim-host';
import { readFixture } from '../support/fixtures';
import { aixsim, run } from './helpers';

/** The device layer aixsim emulates (lsdev, lspath, powermt, lquerypv, mmlsnsd, odmget CuAt/CuDv), read with the agent's own parsers. */
describe('aixsim disk add and the device commands', () => {
  let host: TestHost;
  before(async () => {
    host = await createHost();
  });
  after(() => host.cleanup());

  test('a default host: lsdev lists every lspv disk Available, lspath one vscsi path each; no powermt, no mmlsnsd', () => {
    const devices = parseLsdev(run(host.bin, 'lsdev', ['-Cc', 'disk']).stdout);
    assert.deepEqual(
      devices.map((d) => d.name),
      parseLspv(run(host.bin, 'lspv').stdout).map((p) => p.name),
    );
    assert.ok(devices.every((d) => d.status === 'Available' && d.description === 'Virtual SCSI Disk Drive'));
    assert.deepEqual(
      [...pathCounts(parseLspath(run(host.bin, 'lspath').stdout)).values()],
      devices.map(() => 1),
    );
    assert.equal(fs.existsSync(path.join(host.bin, 'powermt')), false);
    assert.equal(fs.existsSync(path.join(host.bin, 'mmlsnsd')), false);
  });

  test("the header as lquerypv prints it: the PVID at 0x80 in the real layout, no LVM record on a free disk, one on a VG's", () => {
    const line = run(host.bin, 'lquerypv', ['-h', '/dev/hdisk1', '80', '10']).stdout;
    assert.match(line, /^00000080 {3}[0-9A-F]{8} [0-9A-F]{8} 00000000 00000000 {2}\|.{16}\|\n$/);
    const pvid = parseLspv(run(host.bin, 'lspv').stdout).find((p) => p.name === 'hdisk1')?.pvid;
    assert.equal(pvidOf(parseLquerypvDump(line)), pvid);
    assert.equal(
      lvmRecordVgid(parseLquerypvDump(run(host.bin, 'lquerypv', ['-h', '/dev/hdisk1', 'E00', '20']).stdout)),
      null,
    );
    const vgid = /VG IDENTIFIER:\s+(\S+)/.exec(run(host.bin, 'lsvg', ['datavg']).stdout)?.[1];
    assert.equal(
      lvmRecordVgid(parseLquerypvDump(run(host.bin, 'lquerypv', ['-h', '/dev/hdisk2', 'E00', '20']).stdout)),
      vgid,
    );
    // A disk that never had a PVID reads as the fixture of an empty disk does.
    assert.equal(run(host.bin, 'lquerypv', ['-h', '/dev/hdisk3']).stdout, readFixture('lquerypv-h.empty.01.txt'));
  });

  test('add powerpath: hdiskpowerN over native paths lspv shows none/None; powermt lists them; their headers carry its PVID', () => {
    const r = aixsim(['disk', host.dir, 'add', 'powerpath', '--paths', '3', '--vg', 'emcvg', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const { disks } = JSON.parse(r.stdout) as { disks: string[] };
    const [pseudo, ...paths] = disks;
    const lspv = parseLspv(run(host.bin, 'lspv').stdout);
    const pseudoPv = lspv.find((p) => p.name === pseudo)!;
    assert.deepEqual([pseudo, pseudoPv.vg, pseudoPv.state], ['hdiskpower0', 'emcvg', 'active']);
    for (const p of paths)
      assert.deepEqual(
        lspv.find((x) => x.name === p),
        { name: p, pvid: null, vg: 'None', state: '', extra: [] },
      );
    assert.deepEqual(
      parsePowermtDisplay(run(host.bin, 'powermt', ['display', 'dev=all']).stdout).map((d) => [d.pseudo, d.paths]),
      [[pseudo, paths]],
    );
    for (const p of paths)
      assert.equal(
        pvidOf(parseLquerypvDump(run(host.bin, 'lquerypv', ['-h', `/dev/${p}`, '80', '10']).stdout)),
        pseudoPv.pvid,
      );
    const devices = parseLsdev(run(host.bin, 'lsdev', ['-Cc', 'disk']).stdout);
    assert.equal(devices.find((d) => d.name === pseudo)?.description, 'PowerPath Device');
    // Native paths of PowerPath are no MPIO devices.
    const mpio = pathCounts(parseLspath(run(host.bin, 'lspath').stdout));
    assert.ok(paths.every((p) => !mpio.has(p)) && !mpio.has(pseudo!));
  });

  test("add sdd: the ODM lists each vpath's native paths as active_hdisk", () => {
    const { disks } = host.addDisks({ kind: 'sdd', paths: 2 });
    const records = parseOdmget(run(host.bin, 'odmget', ['-q', 'attribute=active_hdisk', 'CuAt']).stdout);
    assert.deepEqual(
      records.map((r) => [r.fields['name'], r.fields['value']?.split('/')[0]]),
      disks.slice(1).map((p) => [disks[0], p]),
    );
    assert.deepEqual(
      parseOdmget(run(host.bin, 'odmget', ['-q', `name=${disks[0]} and attribute=pvid`, 'CuAt']).stdout).map(
        (r) => r.fields['value']?.length,
      ),
      [32],
    );
  });

  test('add mpio: one disk with four paths in lspath, described MPIO', () => {
    const { disks } = host.addDisks({ kind: 'mpio', paths: 4 });
    assert.equal(pathCounts(parseLspath(run(host.bin, 'lspath').stdout)).get(disks[0]!), 4);
    assert.match(
      parseLsdev(run(host.bin, 'lsdev', ['-Cc', 'disk']).stdout).find((d) => d.name === disks[0])?.description ?? '',
      /^MPIO /,
    );
  });

  test('add gpfs: lspv names the NSD (or None), mmlsnsd -X maps it to its hdisk', () => {
    const named = host.addDisks({ kind: 'gpfs', nsd: 'gpfs1nsd' }).disks[0]!;
    const unnamed = host.addDisks({ kind: 'gpfs', lspv: 'none' }).disks[0]!;
    const lspv = parseLspv(run(host.bin, 'lspv').stdout);
    assert.equal(lspv.find((p) => p.name === named)?.vg, 'gpfs1nsd');
    assert.equal(lspv.find((p) => p.name === unnamed)?.vg, 'None');
    const nsds = parseMmlsnsd(run(host.bin, 'mmlsnsd', ['-X']).stdout);
    assert.deepEqual(
      nsds.map((n) => [n.nsd, n.device, n.devtype]),
      [
        ['gpfs1nsd', `/dev/${named}`, 'hdisk'],
        ['gpfs2nsd', `/dev/${unnamed}`, 'hdisk'],
      ],
    );
  });

  test("add foreign --vgda: the header holds a PVID and an LVM record this host's ODM does not know", () => {
    const { disks } = host.addDisks({ kind: 'foreign', vgda: true });
    const disk = disks[0]!;
    assert.equal(parseLspv(run(host.bin, 'lspv').stdout).find((p) => p.name === disk)?.pvid, null);
    assert.match(
      pvidOf(parseLquerypvDump(run(host.bin, 'lquerypv', ['-h', `/dev/${disk}`, '80', '10']).stdout)) ?? '',
      /^[0-9a-f]{16}$/,
    );
    assert.match(
      lvmRecordVgid(parseLquerypvDump(run(host.bin, 'lquerypv', ['-h', `/dev/${disk}`, 'E00', '20']).stdout)) ?? '',
      /^[0-9a-f]{32}$/,
    );
  });

  test('fault disk-unreadable: lsdev shows the disk Defined; bootinfo, getconf and lquerypv cannot open it', () => {
    host.fault({ kind: 'disk-unreadable', disk: 'hdisk4' });
    assert.equal(parseLsdev(run(host.bin, 'lsdev', ['-l', 'hdisk4']).stdout)[0]?.status, 'Defined');
    assert.deepEqual(
      [run(host.bin, 'bootinfo', ['-s', 'hdisk4']).status, run(host.bin, 'bootinfo', ['-s', 'hdisk4']).stdout],
      [1, ''],
    );
    assert.equal(run(host.bin, 'getconf', ['DISK_SIZE', '/dev/hdisk4']).status, 1);
    assert.match(
      run(host.bin, 'lquerypv', ['-h', '/dev/hdisk4', '80', '10']).stderr,
      /Cannot open physical volume \/dev\/hdisk4/,
    );
    assert.equal(run(host.bin, 'bootinfo', ['-s', 'hdisk1']).status, 0);
    host.clearFaults();
  });

  test('refuses an unknown kind and bad sizes', () => {
    assert.match(aixsim(['disk', host.dir, 'add', 'floppy']).stderr, /Invalid values|floppy/);
    assert.notEqual(aixsim(['disk', host.dir, 'add', 'mpio', '--paths', '0']).status, 0);
  });
});

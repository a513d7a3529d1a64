import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { initHost } from '../../aixsim/init';
import { COMMAND_NAMES } from '../../aixsim/commands/registry';
import type { HostState } from '../../aixsim/state/model';
import { createHost, type TestHost } from '../support/aixsim-host';
import { fixture, lines, run } from './helpers';

const readState = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')) as HostState;

describe('aixsim init: the default host', () => {
  let host: TestHost;
  before(async () => {
    host = await createHost();
  });
  after(() => host.cleanup());

  test('has one executable per command, each a Node script with an absolute shebang', () => {
    // powermt and mmlsnsd come with third-party filesets (EMCpower.base, gpfs.base) a default host does not have.
    const installed = COMMAND_NAMES.filter((name) => name !== 'powermt' && name !== 'mmlsnsd');
    assert.deepEqual(fs.readdirSync(host.bin).sort(), [...installed].sort(), 'one per installed command, nothing else');
    for (const name of installed) {
      const file = path.join(host.bin, name);
      const st = fs.statSync(file);
      assert.ok(st.mode & 0o100, `${name} is executable`);
      const first = fs.readFileSync(file, 'utf8').split('\n')[0] ?? '';
      assert.equal(first, `#!${process.execPath}`);
    }
  });

  test('writes a state with hdisk0 booted, rootvg of 12 LVs using 162 of 639 PPs, and five spare disks', () => {
    const s = readState(host.dir);
    assert.equal(s.hostname, 'aixsim01');
    assert.equal(s.os.serviceLevel, '7200-05-03-2148');
    assert.equal(s.bootDisk, 'hdisk0');
    assert.deepEqual(
      s.disks.map((d) => [d.name, d.sizeMb, d.pvid === null]),
      [
        ['hdisk0', 20480, false],
        ['hdisk1', 20480, false],
        ['hdisk2', 30720, false],
        ['hdisk3', 10240, true],
        ['hdisk4', 51200, false],
        ['hdisk5', 4096, false],
      ],
    );
    for (const d of s.disks) if (d.pvid) assert.match(d.pvid, /^[0-9a-f]{16}$/);
    const rootvg = s.vgs.find((v) => v.name === 'rootvg');
    assert.ok(rootvg);
    assert.match(rootvg.vgid, /^[0-9a-f]{32}$/);
    assert.equal(rootvg.lvs.length, 12);
    assert.deepEqual(
      s.vgs.map((v) => [v.name, v.disks]),
      [
        ['rootvg', ['hdisk0']],
        ['datavg', ['hdisk2']],
      ],
    );
    assert.deepEqual(s.faults, []);
    assert.deepEqual(s.bootlist.normal, [{ device: 'hdisk0', blv: 'hd5' }]);
  });

  test('makes /dev/ipldevice name the boot disk', () => {
    assert.equal(fs.readFileSync(path.join(host.dir, 'dev', 'ipldevice'), 'utf8').trim(), 'hdisk0');
  });

  test('stores each file system under the first disk of its VG, with real files', () => {
    const lv = (disk: string, name: string, rel: string) => path.join(host.dir, 'disks', disk, 'lv', name, rel);
    assert.ok(fs.existsSync(lv('hdisk0', 'hd2', 'bin/ls')), '/usr/bin/ls');
    assert.ok(fs.existsSync(lv('hdisk0', 'hd2', 'lib/libc.a')), '/usr/lib/libc.a');
    assert.ok(fs.existsSync(lv('hdisk0', 'hd9var', 'log/syslog.log')), '/var/log/syslog.log');
    assert.ok(fs.existsSync(lv('hdisk0', 'hd3', 'nested/level1/level2/deep.tmp')), 'nested /tmp dir');
    assert.ok(fs.existsSync(lv('hdisk0', 'hd1', 'user1/report.txt')), '/home file');
    assert.ok(fs.existsSync(lv('hdisk0', 'hd4', '.profile')));
    assert.ok(fs.existsSync(lv('hdisk2', 'fslv00', 'README')), 'datavg /data on hdisk2');
    assert.ok(fs.statSync(lv('hdisk0', 'hd4', 'usr')).isDirectory(), 'mount point /usr exists in /');
    const filesystems = fs.readFileSync(lv('hdisk0', 'hd4', 'etc/filesystems'), 'utf8');
    for (const mp of [
      '/:',
      '/usr:',
      '/var:',
      '/tmp:',
      '/home:',
      '/opt:',
      '/admin:',
      '/var/adm/ras/livedump:',
      '/data:',
    ]) {
      assert.ok(filesystems.includes(`\n${mp}\n`), `etc/filesystems has ${mp}`);
    }
    assert.match(filesystems, /\/home:\n\tdev\t\t= \/dev\/hd1\n\tvfs\t\t= jfs2\n\tlog\t\t= \/dev\/hd8\n/);
    assert.match(fs.readFileSync(lv('hdisk0', 'hd4', 'etc/hosts'), 'utf8'), /aixsim01/);
  });

  test('is deterministic: the same seed gives the same PVIDs and VG ids', async () => {
    const other = await createHost({ bootTime: new Date(readState(host.dir).bootTime) });
    try {
      assert.equal(run(other.bin, 'lspv').stdout, run(host.bin, 'lspv').stdout);
      assert.equal(readState(other.dir).vgs[0]?.vgid, readState(host.dir).vgs[0]?.vgid);
    } finally {
      other.cleanup();
    }
  });

  test('still works after the host directory is moved', () => {
    const moved = fs.mkdtempSync(path.join(os.tmpdir(), 'aixsim-moved-'));
    try {
      fs.cpSync(host.dir, moved, { recursive: true });
      const r = run(path.join(moved, 'bin'), 'bootlist', ['-m', 'normal', 'hdisk1']);
      assert.equal(r.status, 0);
      assert.deepEqual(readState(moved).bootlist.normal, [{ device: 'hdisk1' }]);
      assert.deepEqual(
        readState(host.dir).bootlist.normal,
        [{ device: 'hdisk0', blv: 'hd5' }],
        'the original is untouched',
      );
    } finally {
      fs.rmSync(moved, { recursive: true, force: true });
    }
  });
});

describe('aixsim init: options', () => {
  const made: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'aixsim-opt-'));
    made.push(d);
    return d;
  };
  after(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });

  test('refuses a non-empty directory unless forced', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'something'), 'x');
    await assert.rejects(initHost(dir, {}), /not empty/);
    const layout = await initHost(dir, { force: true });
    assert.ok(!fs.existsSync(path.join(dir, 'something')));
    assert.ok(fs.existsSync(layout.statePath));
  });

  test('--no-ipldevice, --unmounted, --lv-name, --hostname, --oslevel, filesets', async () => {
    const dir = tmp();
    await initHost(dir, {
      ipldevice: false,
      unmounted: ['/home'],
      lvNames: ['appdatalv_long'],
      hostname: 'lpar42',
      oslevel: '7300-02-01-2346',
      withoutFilesets: ['bos.alt_disk_install.boot_images'],
      filesets: { 'bos.alt_disk_install.rte': '7.3.2.0', 'gpfs.base': '5.1.9.0' },
    });
    const bin = path.join(dir, 'bin');
    assert.ok(!fs.existsSync(path.join(dir, 'dev', 'ipldevice')));
    assert.equal(run(bin, 'hostname').stdout, 'lpar42\n');
    assert.equal(run(bin, 'oslevel').stdout, '7.3.0.0\n');
    assert.equal(run(bin, 'oslevel', ['-s']).stdout, '7300-02-01-2346\n');
    const lvs = lines(run(bin, 'lsvg', ['-l', 'rootvg']).stdout);
    assert.match(lvs.find((l) => l.startsWith('hd1 ')) ?? '', /closed\/syncd\s+\/home$/);
    assert.match(
      lvs.find((l) => l.startsWith('appdatalv_long')) ?? '',
      /^appdatalv_long {6}jfs2 {7}1 {7}1 {7}1 {4}open\/syncd {4}\/appdatalv_long$/,
    );
    assert.equal(run(bin, 'lslpp', ['-Lc', 'bos.alt_disk_install.boot_images']).status, 1);
    assert.match(
      run(bin, 'lslpp', ['-Lcq', 'bos.alt_disk_install.rte']).stdout,
      /^bos\.alt_disk_install:bos\.alt_disk_install\.rte:7\.3\.2\.0:/,
    );
    assert.match(run(bin, 'lslpp', ['-Lcq', 'gpfs.base']).stdout, /^gpfs:gpfs\.base:5\.1\.9\.0:/);
  });

  test('rejects what AIX could not have', async () => {
    await assert.rejects(initHost(tmp(), { unmounted: ['/usr'] }), /cannot unmount \/usr/);
    await assert.rejects(initHost(tmp(), { lvNames: ['sixteen_chars_lv'] }), /1 to 15/);
    await assert.rejects(initHost(tmp(), { oslevel: '7.2' }), /VR00-TL-SP-YYWW/);
    await assert.rejects(initHost(tmp(), { altinst: 'hdisk2' }), /already belongs/);
  });

  test('--concurrent-vg adds concvg on an extra disk, shown as concurrent', async () => {
    const dir = tmp();
    await initHost(dir, { concurrentVg: true });
    const lspv = lines(run(path.join(dir, 'bin'), 'lspv').stdout);
    assert.equal(lspv.length, 7);
    assert.match(lspv[6] ?? '', /^hdisk6 {10}[0-9a-f]{16} {20}concvg {10}concurrent {2}$/);
    const realPv = fixture('lspv.concurrent.01.txt')[1] ?? '';
    assert.equal(lspv[6]?.length, realPv.length);
    assert.equal(lspv[6]?.indexOf('concurrent'), realPv.indexOf('concurrent'));
    const detail = lines(run(path.join(dir, 'bin'), 'lsvg', ['concvg']).stdout);
    const real = fixture('lsvg.concurrent.01.txt');
    assert.equal(detail[9], real[9]);
    assert.equal(detail[10], real[10]);
    assert.equal(detail[11], (real[11] ?? '').replace('Active Nodes:       2', 'Active Nodes:       1'));
    assert.equal(run(path.join(dir, 'bin'), 'lsvg', ['-o']).stdout, 'concvg\ndatavg\nrootvg\n');
  });

  test('--altinst leaves a varied-off altinst_rootvg holding a copy of rootvg', async () => {
    const dir = tmp();
    await initHost(dir, { altinst: 'hdisk1' });
    const bin = path.join(dir, 'bin');
    assert.match(lines(run(bin, 'lspv').stdout)[1] ?? '', /^hdisk1 {10}[0-9a-f]{16} {20}altinst_rootvg {14}$/);
    assert.ok(fs.existsSync(path.join(dir, 'disks', 'hdisk1', 'lv', 'hd2', 'bin', 'ls')));
    assert.equal(run(bin, 'bootlist', ['-m', 'normal', '-o']).stdout, 'hdisk1 blv=hd5 pathid=0\n');
  });

  test('--lv-without-mount and --raw-lv add rootvg LVs no file system backup sees, shaped as the real captures', async () => {
    const dir = tmp();
    await initHost(dir, { lvsWithoutMount: ['dump'], rawLvs: ['lv_ifmduni'] });
    const lvs = lines(run(path.join(dir, 'bin'), 'lsvg', ['-l', 'rootvg']).stdout);
    // the same rows as lsvg-l.rootvg.03.txt's "dump" and the raw LV of aixsim/lsvg-l.rootvg-raw.aixsim.01.txt
    assert.equal(
      lvs.find((l) => l.startsWith('dump ')),
      fixture('lsvg-l.rootvg.03.txt').find((l) => l.startsWith('dump ')),
    );
    assert.equal(
      lvs.find((l) => l.startsWith('lv_ifmduni ')),
      fixture('aixsim/lsvg-l.rootvg-raw.aixsim.01.txt').find((l) => l.startsWith('lv_ifmduni ')),
    );
    assert.equal(
      run(path.join(dir, 'bin'), 'lslv', ['lv_ifmduni']).stdout.split('\n')[3],
      'TYPE:               raw                    WRITE VERIFY:   off',
    );
    await assert.rejects(initHost(tmp(), { rawLvs: ['1raw'] }), /--raw-lv 1raw: an LV name has 1 to 15/);
  });

  test('--files N spreads N files over /usr, /var, /opt and /home', async () => {
    const dir = tmp();
    await initHost(dir, { files: 1000 });
    let n = 0;
    for (const lv of ['hd2', 'hd9var', 'hd10opt', 'hd1']) {
      const gen = path.join(dir, 'disks', 'hdisk0', 'lv', lv, 'gen');
      for (const d of fs.readdirSync(gen)) n += fs.readdirSync(path.join(gen, d)).length;
    }
    assert.equal(n, 1000);
  });

  test('the aixsim CLI makes a host too, and reports bad usage with exit status 2', () => {
    const main = path.resolve(__dirname, '..', '..', 'aixsim', 'main.js');
    const dir = path.join(tmp(), 'cli-host');
    const out = execFileSync(
      process.execPath,
      [main, 'init', dir, '--hostname', 'clihost', '--disks', '3', '--fileset', 'gpfs.base=5.1.9.0', '--json'],
      {
        encoding: 'utf8',
      },
    );
    const layout = JSON.parse(out) as { hostname: string; disks: string[] };
    assert.equal(layout.hostname, 'clihost');
    assert.deepEqual(layout.disks, ['hdisk0', 'hdisk1', 'hdisk2', 'hdisk3']);
    const again = spawnSync(process.execPath, [main, 'init', dir], { encoding: 'utf8' });
    assert.equal(again.status, 1);
    assert.match(again.stderr, /not empty; choose an empty directory or pass --force/);
    const bad = spawnSync(process.execPath, [main, 'init', path.join(tmp(), 'x'), '--fileset', 'nolevel'], {
      encoding: 'utf8',
    });
    assert.equal(bad.status, 2);
  });
});

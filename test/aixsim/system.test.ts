import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHost, type TestHost } from '../support/aixsim-host';
import { fixture, lines, run } from './helpers';

describe('oslevel, lslpp, who, uname, hostname, getconf', () => {
  let host: TestHost;
  before(async () => {
    host = await createHost({ bootTime: new Date(2024, 10, 5, 9, 7) });
  });
  after(() => host.cleanup());

  test('oslevel prints the base, -r and -s levels', () => {
    assert.equal(run(host.bin, 'oslevel').stdout, '7.2.0.0\n');
    assert.equal(run(host.bin, 'oslevel', ['-r']).stdout, '7200-05\n');
    const s = run(host.bin, 'oslevel', ['-s']).stdout;
    assert.equal(s, '7200-05-03-2148\n');
    assert.match(
      s,
      new RegExp(`^${(fixture('oslevel-s.03.txt')[0] ?? '').replace(/\d/g, '\\d')}\n$`),
      'same shape as the sample',
    );
    const bad = run(host.bin, 'oslevel', ['-x']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^oslevel: Not a recognized flag: x\nUsage: oslevel /);
  });

  test('lslpp -Lc prints the real header and colon fields', () => {
    const out = lines(run(host.bin, 'lslpp', ['-Lc', 'bos.rte', 'bos.alt_disk_install.rte']).stdout);
    assert.equal(out[0], fixture('lslpp-Lc.01.txt')[0]);
    // In fileset-name order, whatever the order asked.
    assert.deepEqual(out.slice(1), [
      'bos.alt_disk_install:bos.alt_disk_install.rte:7.2.5.201: : :C: :Alternate Disk Installation Runtime: : : : : : :0:0:/:2148',
      'bos:bos.rte:7.2.5.201: : :C: :Base Operating System Runtime: : : : : : :0:0:/:2148',
    ]);
    const sample = fixture('lslpp-Lc.01.txt')[4] ?? '';
    assert.equal(out[1]?.split(':').length, sample.split(':').length, 'same number of fields as the sample');
  });

  test('lslpp -l prints the real header, levels at column 36 and both parts', () => {
    const out = lines(run(host.bin, 'lslpp', ['-l', 'bos.rte']).stdout);
    const real = fixture('lslpp-l.xlC.01.txt');
    assert.deepEqual(out.slice(0, 3), real.slice(0, 3));
    assert.equal(out[3], '  bos.rte                  7.2.5.201  COMMITTED  Base Operating System Runtime');
    assert.equal(out[3]?.indexOf('COMMITTED'), real[3]?.indexOf('COMMITTED'));
    assert.deepEqual(out.slice(4), ['', 'Path: /etc/objrepos', out[3]]);
    const xlc = lines(run(host.bin, 'lslpp', ['-l', 'xlC.rte']).stdout);
    assert.equal(xlc[3], real[6], 'xlC.rte line identical to the sample');
  });

  test('lslpp says 0504-132 and exits 1 for a fileset that is not installed', () => {
    const r = run(host.bin, 'lslpp', ['-l', 'gpfs.base']);
    assert.equal(r.status, 1);
    assert.deepEqual(lines(r.stderr), fixture('lslpp.error-not-installed.01.txt'));
    const c = run(host.bin, 'lslpp', ['-Lc', 'gpfs.base']);
    assert.equal(c.status, 1);
    assert.equal(c.stderr, 'lslpp: 0504-132  Fileset gpfs.base not installed.\n');
    const L = run(host.bin, 'lslpp', ['-L', 'bos.net.sctp']);
    assert.equal(L.status, 1);
    const real = fixture('lslpp-L.not-installed.01.txt');
    assert.deepEqual(
      lines(L.stdout).map((l) => l.trim()),
      real.slice(0, 2).map((l) => l.trim()),
    );
    assert.equal(L.stderr, `${real[2]}\n`);
  });

  test('lslpp accepts wildcards', () => {
    const out = lines(run(host.bin, 'lslpp', ['-Lcq', 'bos.alt_disk_install.*']).stdout);
    assert.deepEqual(
      out.map((l) => l.split(':')[1]),
      ['bos.alt_disk_install.boot_images', 'bos.alt_disk_install.rte'],
    );
  });

  test('who -b, uname, hostname, getconf', () => {
    const who = run(host.bin, 'who', ['-b']).stdout;
    assert.equal(who, '   .        system boot Nov  5 09:07\n');
    // the same shape as the real sample: both match one pattern, column for column
    const shape = /^ {3}\. {8}system boot [A-Z][a-z]{2} [ \d]\d \d\d:\d\d$/;
    assert.match(fixture('who-b.01.txt')[0] ?? '', shape);
    assert.match(lines(who)[0] ?? '', shape);
    assert.equal(run(host.bin, 'uname').stdout, 'AIX\n');
    assert.equal(run(host.bin, 'uname', ['-s']).stdout, 'AIX\n');
    assert.equal(run(host.bin, 'uname', ['-n']).stdout, 'aixsim01\n');
    assert.match(run(host.bin, 'uname', ['-a']).stdout, /^AIX aixsim01 2 7 00[0-9A-F]{6}4C00\n$/);
    assert.equal(run(host.bin, 'hostname').stdout, 'aixsim01\n');
    assert.equal(
      run(host.bin, 'getconf', ['DISK_SIZE', '/dev/hdisk3']).stdout,
      `${fixture('getconf.DISK_SIZE.01.txt')[0]}\n`,
    );
    assert.equal(run(host.bin, 'getconf', ['BOOT_DEVICE']).stdout, `${fixture('getconf.BOOT_DEVICE.01.txt')[0]}\n`);
    assert.equal(run(host.bin, 'getconf', ['DISK_SIZE', '/dev/hdisk99']).status, 1);
  });
});

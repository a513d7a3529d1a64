import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { HostState } from '../../aixsim/state/model';
import { createHost, type TestHost } from '../support/aixsim-host';
import { fixture, lines, run } from './helpers';

describe('boot commands', () => {
  let host: TestHost;
  const state = () => JSON.parse(fs.readFileSync(path.join(host.dir, 'state.json'), 'utf8')) as HostState;
  before(async () => {
    host = await createHost();
  });
  after(() => host.cleanup());

  describe('bootinfo', () => {
    test('prints one value per line, as the samples', () => {
      assert.equal(run(host.bin, 'bootinfo', ['-b']).stdout, 'hdisk0\n');
      assert.equal(run(host.bin, 'bootinfo', ['-s', 'hdisk2']).stdout, `${fixture('bootinfo-s.hdisk1.02.txt')[0]}\n`);
      assert.equal(run(host.bin, 'bootinfo', ['-s', 'hdisk0']).stdout, '20480\n');
      assert.equal(run(host.bin, 'bootinfo', ['-K']).stdout, `${fixture('bootinfo-K.01.txt')[0]}\n`);
      assert.equal(run(host.bin, 'bootinfo', ['-y']).stdout, `${fixture('bootinfo-y.01.txt')[0]}\n`);
      assert.equal(run(host.bin, 'bootinfo', ['-p']).stdout, `${fixture('bootinfo-p.01.txt')[0]}\n`);
      assert.equal(run(host.bin, 'bootinfo', ['-t']).stdout, `${fixture('bootinfo-t.01.txt')[0]}\n`);
      assert.equal(run(host.bin, 'bootinfo', ['-r']).stdout, '8388608\n');
      assert.equal(run(host.bin, 'bootinfo', ['-B', 'hdisk1']).stdout, '1\n');
      assert.equal(run(host.bin, 'bootinfo', ['-shdisk4']).stdout, '51200\n', 'attached argument');
    });

    test('fails quietly for an unknown disk and with the usage when no flag is given', () => {
      const r = run(host.bin, 'bootinfo', ['-s', 'hdisk77']);
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      const u = run(host.bin, 'bootinfo');
      assert.equal(u.status, 1);
      assert.match(u.stderr, /^usage: bootinfo /);
    });
  });

  describe('bootlist', () => {
    beforeEach(() => {
      assert.equal(run(host.bin, 'bootlist', ['-m', 'both', 'hdisk0']).status, 0);
    });

    test('shows the normal list one path per line, as the sample', () => {
      const out = run(host.bin, 'bootlist', ['-m', 'normal', '-o']);
      assert.equal(out.status, 0);
      assert.equal(out.stdout, `${fixture('bootlist.normal-o.02.txt')[0] ?? ''}\n`);
    });

    test('sets a list silently and shows it back, in every flag spelling', () => {
      const set = run(host.bin, 'bootlist', ['-mnormal', 'hdisk1', 'hdisk0', 'blv=hd5']);
      assert.equal(set.status, 0);
      assert.equal(set.stdout + set.stderr, '');
      assert.equal(run(host.bin, 'bootlist', ['-om', 'normal']).stdout, 'hdisk1 pathid=0\nhdisk0 blv=hd5 pathid=0\n');
      assert.equal(
        run(host.bin, 'bootlist', ['-m', 'service', '-o']).stdout,
        'hdisk0 blv=hd5 pathid=0\n',
        'service list untouched',
      );
      assert.deepEqual(state().bootlist.normal, [{ device: 'hdisk1' }, { device: 'hdisk0', blv: 'hd5' }]);
    });

    test('-m both sets both lists, -o after a set shows the result', () => {
      const r = run(host.bin, 'bootlist', ['-m', 'both', '-o', 'hdisk2']);
      assert.equal(r.stdout, 'hdisk2 pathid=0\nhdisk2 pathid=0\n');
      assert.deepEqual(state().bootlist, { normal: [{ device: 'hdisk2' }], service: [{ device: 'hdisk2' }] });
    });

    test('rejects unknown devices, attributes and modes with the 0514 messages, changing nothing', () => {
      const stateBefore = fs.readFileSync(path.join(host.dir, 'state.json'), 'utf8');
      const cases: Array<[string[], string]> = [
        [['-m', 'normal', 'hdisk0', 'hdisk99'], '0514-202 bootlist: Invalid device name (hdisk99)\n'],
        [['-m', 'normal', 'hdisk0', 'color=red'], '0514-215 bootlist: invalid attribute (color)\n'],
        [['-m', 'normal', 'blv=hd5'], '0514-215 bootlist: invalid attribute (blv)\n'],
        [
          ['-m', 'normal', 'hdisk0', 'blv=hd5', 'blv=hd5'],
          '0514-216 bootlist: attribute specified more than once (blv)\n',
        ],
        [['-m', 'normal', 'hdisk1', 'blv=hd5'], '0514-214 bootlist: Illegal combination of attributes for hdisk1\n'],
        [['-m', 'sideways', '-o'], '0514-203 bootlist: Invalid mode (sideways)\n'],
      ];
      for (const [args, message] of cases) {
        const r = run(host.bin, 'bootlist', args);
        assert.equal(r.status, 1, args.join(' '));
        assert.equal(r.stderr, message);
      }
      const noMode = run(host.bin, 'bootlist', ['-o']);
      assert.equal(noMode.status, 1);
      assert.match(
        noMode.stderr,
        /^0514-200 bootlist: Usage error\. Flag or parameter is missing \(-m\)\nusage: bootlist /,
      );
      const badFlag = run(host.bin, 'bootlist', ['-m', 'normal', '-x']);
      assert.equal(badFlag.status, 1);
      assert.match(badFlag.stderr, /^bootlist: Not a recognized flag: x\n/);
      assert.equal(fs.readFileSync(path.join(host.dir, 'state.json'), 'utf8'), stateBefore);
    });

    test('takes devices from a file with -f', () => {
      const file = path.join(host.dir, 'list.txt');
      fs.writeFileSync(file, 'hdisk4\nhdisk0\n');
      assert.equal(
        run(host.bin, 'bootlist', ['-m', 'normal', '-f', file, '-o']).stdout,
        'hdisk4 pathid=0\nhdisk0 blv=hd5 pathid=0\n',
      );
    });
  });

  describe('bosboot', () => {
    test('writes a boot image to a rootvg disk and records it', () => {
      const r = run(host.bin, 'bosboot', ['-ad', '/dev/hdisk0']);
      assert.equal(r.status, 0);
      assert.equal(r.stderr, '');
      // AIX prints a blank line before the message; the sample's line is the message itself.
      assert.match(r.stdout, /^\nbosboot: Boot image is \d+ 512 byte blocks\.\n$/);
      assert.match(
        lines(r.stdout)[1] ?? '',
        new RegExp(`^${(fixture('bosboot.success.01.txt')[0] ?? '').replace(/\d+/, '\\d+').replace(/\./g, '\\.')}$`),
      );
      const img = state().bootImages.hdisk0;
      assert.ok(img);
      assert.equal(img.blv, 'hd5');
      assert.ok(Date.now() - Date.parse(img.createdAt) < 60_000);
    });

    test("refuses a disk that does not hold rootvg's boot LV (0301-168, status 54)", () => {
      for (const disk of ['hdisk1', 'hdisk2']) {
        const r = run(host.bin, 'bosboot', ['-a', '-d', `/dev/${disk}`]);
        assert.equal(r.status, 54);
        assert.equal(
          r.stderr,
          `\n0301-168 bosboot: The current boot logical volume, /dev/hd5,\n\tdoes not exist on /dev/${disk}.\n`,
        );
        assert.equal(state().bootImages[disk], undefined);
      }
    });

    test('uses /dev/ipldevice without -d, and fails with 0301-150 when it is missing', async () => {
      assert.equal(run(host.bin, 'bosboot', ['-a']).status, 0);
      const bare = await createHost({ ipldevice: false });
      try {
        const r = run(bare.bin, 'bosboot', ['-a']);
        assert.equal(r.status, 1);
        assert.match(r.stderr, /^\n0301-150 bosboot: Invalid or no boot device specified!\nusage:\tbosboot /);
        assert.equal(run(bare.bin, 'bosboot', ['-ad', '/dev/hdisk0']).status, 0, '-d still works');
      } finally {
        bare.cleanup();
      }
    });

    test('prints its usage with status 2 without an action, and -q changes nothing', () => {
      const r = run(host.bin, 'bosboot', ['-d', '/dev/hdisk0']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^\nusage:\tbosboot /);
      const stateBefore = fs.readFileSync(path.join(host.dir, 'state.json'), 'utf8');
      const q = run(host.bin, 'bosboot', ['-qad', '/dev/hdisk0']);
      assert.equal(q.status, 0);
      assert.match(q.stdout, /^\nFilesystem\tKB required\n\/tmp\t\t\d+\n$/);
      assert.equal(fs.readFileSync(path.join(host.dir, 'state.json'), 'utf8'), stateBefore);
    });
  });

  describe('ipl_varyon -i', () => {
    test('marks the disks that carry a boot image', () => {
      const out = lines(run(host.bin, 'ipl_varyon', ['-i']).stdout);
      assert.match(out[0] ?? '', /^PVNAME +BOOT DEVICE +PVID +VOLUME GROUP ID$/);
      assert.match(out.find((l) => l.startsWith('hdisk0')) ?? '', /^hdisk0 +YES +[0-9a-f]{32} +[0-9a-f]{16}$/);
      assert.match(out.find((l) => l.startsWith('hdisk1')) ?? '', /^hdisk1 +NO +[0-9a-f]{32} *$/);
    });
  });
});

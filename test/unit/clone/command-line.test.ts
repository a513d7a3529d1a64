import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCloneCommand } from '../../../agent/clone/command-line';
import { spec } from './helpers';

const content = (text: string) => ({ kind: 'content' as const, content: Buffer.from(text) });
const host = (p: string) => ({ kind: 'host' as const, path: p });

test('the simplest clone: alt_disk_copy -d DISK, no environment', () => {
  assert.deepEqual(buildCloneCommand(spec(), {}), { command: ['alt_disk_copy', '-d', 'hdisk1'], environment: {} });
});

test('-d is ONE argument listing the disks in order, as the manual\'s -d "hdisk3 hdisk4"', () => {
  const { command } = buildCloneCommand(spec({ targetDisks: ['hdisk3', 'hdisk4'] }), {});
  assert.deepEqual(command, ['alt_disk_copy', '-d', 'hdisk3 hdisk4']);
});

test("every flag maps to the manual's flag, in the order of its syntax line", () => {
  const s = spec({
    targetDisks: ['hdisk1', 'hdisk2'],
    imageData: host('/tmp/my_image.data'),
    customizationScript: content('#!/bin/ksh\n'),
    bundle: host('update_all'),
    installpFlags: '-acgXY',
    imagesLocation: '/updates',
    fixBundle: host('/tmp/aparlist'),
    fixes: ['IJ12345', 'IJ23456'],
    excludePatterns: ['^./tmp/'],
    filesets: ['bos.rte.lvm', 'bos.rte.libc'],
    remainNimClient: true,
    phases: '12',
    console: '/dev/vty0',
    firstBootScript: content('#!/bin/ksh\n'),
    resolvConf: host('/etc/resolv.conf.new'),
    debug: true,
    noBootlist: true,
    deviceReset: true,
    verbose: true,
    skipBootabilityCheck: true,
    reboot: true,
    copyWparFilesystems: true,
    convertJfsToJfs2: true,
    skipSpaceCheck: true,
  });
  const paths = {
    imageData: '/tmp/my_image.data',
    customizationScript: '/var/altdisk/jobs/j1/inputs/customization_script',
    bundle: 'update_all',
    fixBundle: '/tmp/aparlist',
    excludeList: '/var/altdisk/jobs/j1/inputs/exclude.list',
    firstBootScript: '/var/altdisk/jobs/j1/inputs/first_boot_script',
    resolvConf: '/etc/resolv.conf.new',
  };
  assert.deepEqual(buildCloneCommand(s, paths).command, [
    'alt_disk_copy',
    '-d',
    'hdisk1 hdisk2',
    '-i',
    '/tmp/my_image.data',
    '-s',
    '/var/altdisk/jobs/j1/inputs/customization_script',
    '-b',
    'update_all',
    '-I',
    '-acgXY',
    '-l',
    '/updates',
    '-f',
    '/tmp/aparlist',
    '-F',
    'IJ12345 IJ23456',
    '-e',
    '/var/altdisk/jobs/j1/inputs/exclude.list',
    '-w',
    'bos.rte.lvm bos.rte.libc',
    '-n',
    '-P',
    '12',
    '-c',
    '/dev/vty0',
    '-x',
    '/var/altdisk/jobs/j1/inputs/first_boot_script',
    '-R',
    '/etc/resolv.conf.new',
    '-D',
    '-B',
    '-O',
    '-V',
    '-g',
    '-r',
    '-u',
    '-T',
    '-S',
  ]);
});

test('-P: each phase value; "all" is the default and is left out', () => {
  for (const phases of ['1', '2', '3', '12', '23'] as const) {
    assert.deepEqual(buildCloneCommand(spec({ phases }), {}).command.slice(3), ['-P', phases]);
  }
  assert.deepEqual(buildCloneCommand(spec({ phases: 'all' }), {}).command, ['alt_disk_copy', '-d', 'hdisk1']);
});

test('backup error policy: ALT_BAK_ERR_FAIL=1, ALT_BAK_ERR_REPORT=1, or nothing', () => {
  assert.deepEqual(buildCloneCommand(spec({ backupErrorPolicy: 'fail' }), {}).environment, { ALT_BAK_ERR_FAIL: '1' });
  assert.deepEqual(buildCloneCommand(spec({ backupErrorPolicy: 'report' }), {}).environment, {
    ALT_BAK_ERR_REPORT: '1',
  });
  assert.deepEqual(buildCloneCommand(spec({ backupErrorPolicy: 'continue' }), {}).environment, {});
});

test('exclude patterns alone still give -e with the written list', () => {
  assert.deepEqual(
    buildCloneCommand(spec({ excludePatterns: ['^./tmp/'] }), { excludeList: '/j/inputs/exclude.list' }).command.slice(
      3,
    ),
    ['-e', '/j/inputs/exclude.list'],
  );
});

test('a file flag without its path is a programming error, not a silent omission', () => {
  assert.throws(() => buildCloneCommand(spec({ resolvConf: content('x') }), {}), /-R/);
  assert.throws(() => buildCloneCommand(spec({ excludePatterns: ['x'] }), {}), /-e/);
});

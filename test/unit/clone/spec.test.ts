import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CloneSpec__Output } from '../../../shared/generated/altdisk/v1/CloneSpec';
import { InvalidArgumentError } from '../../../shared/errors';
import { normalizeSpec } from '../../../agent/clone/spec';
import { MAX_CONTENT_BYTES } from '../../../shared/limits';
import { wireSpec } from './helpers';

/** The field an InvalidArgumentError names, or 'accepted'. */
function fieldOf(fields: Partial<CloneSpec__Output> | null): string {
  try {
    normalizeSpec(fields === null ? null : wireSpec(fields));
  } catch (e) {
    assert.ok(e instanceof InvalidArgumentError, String(e));
    assert.ok(e.message.startsWith(`${e.field}: `), e.message);
    return e.field;
  }
  return 'accepted';
}

const host = (hostPath: string) => ({ hostPath, source: 'hostPath' as const });
const content = (text: string | Buffer) => ({
  content: Buffer.isBuffer(text) ? text : Buffer.from(text),
  source: 'content' as const,
});

test('a full request is typed: enums, file sources, lists, flags', () => {
  const spec = normalizeSpec(
    wireSpec({
      targetDisks: ['hdisk1', 'hdisk2'],
      imageData: host('/tmp/my_image.data'),
      customizationScript: content('#!/bin/ksh\necho hi\n'),
      bundle: host('update_all'),
      installpFlags: '-acgXY',
      imagesLocation: '/updates',
      fixes: ['IJ12345', '5300-01_AIX_ML'],
      filesets: ['bos.rte.lvm', 'Java8_64.sdk'],
      excludePatterns: ['^./tmp/', '/scratch/'],
      phases: 'PHASES_12',
      console: '/dev/vty0',
      deviceReset: true,
      backupErrorPolicy: 'BACKUP_ERROR_POLICY_REPORT',
      skipSpaceCheck: true,
    }),
  );
  assert.deepEqual(spec.targetDisks, ['hdisk1', 'hdisk2']);
  assert.deepEqual(spec.imageData, { kind: 'host', path: '/tmp/my_image.data' });
  assert.equal(spec.customizationScript?.kind, 'content');
  assert.deepEqual(spec.bundle, { kind: 'host', path: 'update_all' });
  assert.equal(spec.fixBundle, undefined);
  assert.equal(spec.phases, '12');
  assert.equal(spec.backupErrorPolicy, 'report');
  assert.equal(spec.console, '/dev/vty0');
  assert.equal(spec.skipSpaceCheck, true);
  assert.equal(spec.reboot, false);
});

test('enums: every phase and policy name; numbers as proto3 delivers them; unspecified means all / continue', () => {
  const phase = (p: unknown) => normalizeSpec(wireSpec({ phases: p as never })).phases;
  assert.deepEqual(
    ['PHASES_UNSPECIFIED', 'PHASES_1', 'PHASES_2', 'PHASES_3', 'PHASES_12', 'PHASES_23', 'PHASES_ALL'].map(phase),
    ['all', '1', '2', '3', '12', '23', 'all'],
  );
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map(phase), ['all', '1', '2', '3', '12', '23', 'all']);
  const policy = (p: unknown) => normalizeSpec(wireSpec({ backupErrorPolicy: p as never })).backupErrorPolicy;
  assert.deepEqual(
    ['BACKUP_ERROR_POLICY_UNSPECIFIED', 'BACKUP_ERROR_POLICY_FAIL', 'BACKUP_ERROR_POLICY_REPORT', 1].map(policy),
    ['continue', 'fail', 'report', 'fail'],
  );
  assert.equal(fieldOf({ phases: 7 as never }), 'spec.phases');
  assert.equal(fieldOf({ phases: 'PHASES_4' as never }), 'spec.phases');
  assert.equal(fieldOf({ backupErrorPolicy: 3 as never }), 'spec.backup_error_policy');
});

test('a missing spec is refused', () => {
  assert.equal(fieldOf(null), 'spec');
  assert.throws(
    () => normalizeSpec(undefined),
    (e: unknown) => e instanceof InvalidArgumentError && e.field === 'spec',
  );
});

test('target disks: at least one, names only, no repeats; each named by index', () => {
  assert.equal(fieldOf({ targetDisks: [] }), 'spec.target_disks');
  assert.equal(fieldOf({ targetDisks: [''] }), 'spec.target_disks[0]');
  assert.equal(fieldOf({ targetDisks: ['hdisk1', 'hdisk1'] }), 'spec.target_disks[1]');
  assert.equal(fieldOf({ targetDisks: ['hdisk1', 'hdisk2 hdisk3'] }), 'spec.target_disks[1]');
  assert.equal(fieldOf({ targetDisks: ['hdisk1', '"hdisk2"'] }), 'spec.target_disks[1]');
  assert.equal(fieldOf({ targetDisks: ['$(reboot)'] }), 'spec.target_disks[0]');
  assert.equal(fieldOf({ targetDisks: ['/dev/hdisk1'] }), 'spec.target_disks[0]');
  assert.equal(fieldOf({ targetDisks: ['hdisk1\n'] }), 'spec.target_disks[0]');
  assert.equal(fieldOf({ targetDisks: Array.from({ length: 129 }, (_, i) => `hdisk${i}`) }), 'spec.target_disks');
});

test('file sources: neither member, empty path, NUL or newline in a path, content over 1 MiB', () => {
  assert.equal(fieldOf({ imageData: {} }), 'spec.image_data');
  assert.equal(fieldOf({ bundle: host('') }), 'spec.bundle.host_path');
  assert.equal(fieldOf({ excludeList: host('/tmp/x\0y') }), 'spec.exclude_list.host_path');
  assert.equal(fieldOf({ resolvConf: host('/etc/resolv.conf\n/etc/passwd') }), 'spec.resolv_conf.host_path');
  assert.equal(fieldOf({ fixBundle: host(`/${'a'.repeat(1100)}`) }), 'spec.fix_bundle.host_path');
  assert.equal(
    fieldOf({ firstBootScript: content(Buffer.alloc(MAX_CONTENT_BYTES + 1)) }),
    'spec.first_boot_script.content',
  );
  assert.equal(fieldOf({ firstBootScript: content(Buffer.alloc(MAX_CONTENT_BYTES)) }), 'accepted');
  // Relative paths are a shape the manual forbids, reported by the preflight against its flag, not refused here.
  assert.equal(fieldOf({ customizationScript: host('scripts/post.sh') }), 'accepted');
});

test('paths that reach a ksh script: white space, shell metacharacters and a leading dash are refused, naming the field', () => {
  const hostile = [
    '/tmp/x $(touch /tmp/pwn)',
    '/tmp/x;id',
    '/tmp/`id`',
    '/tmp/a b',
    '/tmp/x\ty',
    '/tmp/*',
    '/tmp/x|y',
    '~root/x',
    "/tmp/x'y",
    '/tmp/${IFS}',
    '-x',
    '/tmp/x&y',
    '/tmp/x>y',
    '/tmp/[ab]',
    '/tmp/x!',
  ];
  for (const value of hostile) {
    assert.equal(fieldOf({ imagesLocation: value, filesets: ['bos.rte'] }), 'spec.images_location', value);
    assert.equal(fieldOf({ customizationScript: host(value) }), 'spec.customization_script.host_path', value);
  }
  assert.throws(
    () => normalizeSpec(wireSpec({ imagesLocation: '/tmp/x $(touch /tmp/pwn)' })),
    /^InvalidArgumentError: spec\.images_location: "\/tmp\/x \$\(touch \/tmp\/pwn\)" holds white space, "\$", "\(", "\)", which alt_disk_copy and alt_rootvg_op \(ksh scripts\) may split or expand; use a path of letters/,
  );
  for (const fine of ['/updates', '/mnt/aix-7.3.2_TL2/lpp+x,y:z@host%1=2', '/dev/cd0', 'relative/dir']) {
    assert.equal(fieldOf({ imagesLocation: fine, filesets: ['bos.rte'] }), 'accepted', fine);
  }
});

test('request too large: all content together, or a command line longer than AIX takes', () => {
  const mib = content(Buffer.alloc(MAX_CONTENT_BYTES));
  assert.equal(
    fieldOf({ imageData: mib, customizationScript: mib, bundle: mib, fixBundle: mib, excludeList: mib }),
    'spec',
  );
  const fixes = Array.from({ length: 1000 }, (_, i) => `IJ${String(i).padStart(5, '0')}_${'X'.repeat(20)}`);
  assert.equal(fieldOf({ fixes, imagesLocation: '/updates' }), 'spec');
  assert.equal(fieldOf({ fixes: Array.from({ length: 1025 }, (_, i) => `IJ${i}`) }), 'spec.fixes');
});

test('APARs and filesets must be names; each named by index; no repeats', () => {
  assert.equal(fieldOf({ fixes: ['IJ12345', 'IJ1;rm -rf /'] }), 'spec.fixes[1]');
  assert.equal(fieldOf({ fixes: ['-x'] }), 'spec.fixes[0]');
  assert.equal(fieldOf({ fixes: ['IJ1 IJ2'] }), 'spec.fixes[0]');
  assert.equal(fieldOf({ fixes: ['IJ1', 'IJ1'] }), 'spec.fixes[1]');
  assert.equal(fieldOf({ filesets: ['bos.rte.lvm', ''] }), 'spec.filesets[1]');
  assert.equal(fieldOf({ filesets: ['bos.rte\nlvm'] }), 'spec.filesets[0]');
  assert.equal(fieldOf({ filesets: ['../etc'] }), 'spec.filesets[0]');
});

test('installp flags: one word of flags, with or without the dash', () => {
  assert.equal(fieldOf({ installpFlags: '-acgXY' }), 'accepted');
  assert.equal(fieldOf({ installpFlags: 'acgX' }), 'accepted');
  assert.equal(fieldOf({ installpFlags: '-acgX -Y' }), 'spec.installp_flags');
  assert.equal(fieldOf({ installpFlags: '-a;reboot' }), 'spec.installp_flags');
  assert.equal(fieldOf({ installpFlags: '-acgX\n' }), 'spec.installp_flags');
});

test('one-line strings: images location, exclude patterns; an empty pattern would exclude everything', () => {
  assert.equal(fieldOf({ imagesLocation: '/updates\n/other' }), 'spec.images_location');
  assert.equal(fieldOf({ excludePatterns: ['^./tmp/', 'a\nb'] }), 'spec.exclude_patterns[1]');
  assert.equal(fieldOf({ excludePatterns: ['^./tmp/', ''] }), 'spec.exclude_patterns[1]');
  assert.equal(fieldOf({ excludePatterns: ['   '] }), 'spec.exclude_patterns[0]');
  assert.equal(fieldOf({ excludePatterns: ['x\0'] }), 'spec.exclude_patterns[0]');
  assert.equal(fieldOf({ excludePatterns: ['x'.repeat(5000)] }), 'spec.exclude_patterns[0]');
});

test('console must be a /dev path', () => {
  assert.equal(fieldOf({ console: '/dev/vty0', deviceReset: true }), 'accepted');
  assert.equal(fieldOf({ console: 'vty0' }), 'spec.console');
  assert.equal(fieldOf({ console: '/dev/../etc/passwd' }), 'spec.console');
  assert.equal(fieldOf({ console: '/dev/vty0\n' }), 'spec.console');
});

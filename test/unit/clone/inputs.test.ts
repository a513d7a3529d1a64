import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { hostInputPaths, inputPathsIn, inputsToWrite, writeInputs, writtenFields } from '../../../agent/clone/inputs';
import { spec } from './helpers';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-inputs-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const content = (text: string) => ({ kind: 'content' as const, content: Buffer.from(text) });
const host = (p: string) => ({ kind: 'host' as const, path: p });
const noRead = (p: string): Buffer => assert.fail(`read ${p}`);

test('content sources are written; host paths are passed as they are', () => {
  const s = spec({
    imageData: host('/tmp/my_image.data'),
    customizationScript: content('#!/bin/ksh\n'),
    bundle: content('I:bos.rte.lvm\n'),
    fixBundle: host('/tmp/fixes'),
    firstBootScript: content('#!/bin/ksh\ndate\n'),
    resolvConf: content('nameserver 10.0.0.1\n'),
  });
  const files = inputsToWrite(s, noRead);
  assert.deepEqual(
    files.map((f) => [f.field, f.flag, f.fileName, f.executable]),
    [
      ['customizationScript', '-s', 'customization_script', true],
      ['bundle', '-b', 'bundle', false],
      ['firstBootScript', '-x', 'first_boot_script', true],
      ['resolvConf', '-R', 'resolv.conf', false],
    ],
  );
  assert.deepEqual(hostInputPaths(s), { imageData: '/tmp/my_image.data', fixBundle: '/tmp/fixes' });
  assert.deepEqual(inputPathsIn('<job>/inputs', s), {
    customizationScript: '<job>/inputs/customization_script',
    bundle: '<job>/inputs/bundle',
    firstBootScript: '<job>/inputs/first_boot_script',
    resolvConf: '<job>/inputs/resolv.conf',
  });
});

test('exclude list: patterns alone make the list, one per line', () => {
  const s = spec({ excludePatterns: ['^./tmp/', '/scratch/'] });
  assert.deepEqual(writtenFields(s), ['excludeList']);
  assert.equal(inputsToWrite(s, noRead)[0]?.content.toString(), '^./tmp/\n/scratch/\n');
  assert.deepEqual(hostInputPaths(s), {});
});

test('exclude list: sent content followed by the patterns (a missing final newline is added)', () => {
  assert.equal(
    inputsToWrite(
      spec({ excludeList: content('^./var/tmp/'), excludePatterns: ['/scratch/'] }),
      noRead,
    )[0]?.content.toString(),
    '^./var/tmp/\n/scratch/\n',
  );
  assert.equal(
    inputsToWrite(
      spec({ excludeList: content('^./var/tmp/\n'), excludePatterns: ['/scratch/'] }),
      noRead,
    )[0]?.content.toString(),
    '^./var/tmp/\n/scratch/\n',
  );
  assert.equal(
    inputsToWrite(spec({ excludeList: content('^./var/tmp/\n') }), noRead)[0]?.content.toString(),
    '^./var/tmp/\n',
  );
});

test('exclude list: a host file alone is passed by path; with patterns it is read and joined into a new file', () => {
  const alone = spec({ excludeList: host('/etc/exclude.rootvg') });
  assert.deepEqual(inputsToWrite(alone, noRead), []);
  assert.deepEqual(hostInputPaths(alone), { excludeList: '/etc/exclude.rootvg' });

  const joined = spec({ excludeList: host('/etc/exclude.rootvg'), excludePatterns: ['/scratch/'] });
  const read: string[] = [];
  const files = inputsToWrite(joined, (p) => (read.push(p), Buffer.from('^./tmp/\n')));
  assert.deepEqual(read, ['/etc/exclude.rootvg']);
  assert.equal(files[0]?.content.toString(), '^./tmp/\n/scratch/\n');
  assert.deepEqual(hostInputPaths(joined), {}, 'the joined file replaces the host path');
  assert.deepEqual(inputPathsIn('<job>/inputs', joined), { excludeList: '<job>/inputs/exclude.list' });
});

test('exclude list: the real reader joins a real host file, and fails with the path named when it is gone', () => {
  const list = path.join(scratch, 'exclude.rootvg');
  fs.writeFileSync(list, '^./tmp/');
  const joined = spec({ excludeList: host(list), excludePatterns: ['/scratch/'] });
  assert.equal(inputsToWrite(joined)[0]?.content.toString(), '^./tmp/\n/scratch/\n');
  fs.rmSync(list);
  assert.throws(
    () => inputsToWrite(joined),
    (e: unknown) => e instanceof Error && e.message.includes(list) && e.message.includes('ENOENT'),
  );
});

test('writeInputs: directory 0700, files 0600 and scripts 0700 whatever the umask, content exact, no temporaries left', () => {
  const dir = path.join(scratch, 'job1', 'inputs');
  const s = spec({
    customizationScript: content('#!/bin/ksh\necho hi\n'),
    resolvConf: content('nameserver 10.0.0.1\n'),
    excludePatterns: ['^./tmp/'],
  });
  const previous = process.umask(0o000);
  let paths;
  try {
    paths = writeInputs(dir, inputsToWrite(s, noRead));
  } finally {
    process.umask(previous);
  }
  assert.deepEqual(paths, {
    customizationScript: path.join(dir, 'customization_script'),
    excludeList: path.join(dir, 'exclude.list'),
    resolvConf: path.join(dir, 'resolv.conf'),
  });
  const mode = (p: string) => fs.statSync(p).mode & 0o777;
  assert.equal(mode(dir), 0o700);
  assert.equal(mode(paths.customizationScript!), 0o700);
  assert.equal(mode(paths.resolvConf!), 0o600);
  assert.equal(mode(paths.excludeList!), 0o600);
  assert.equal(fs.readFileSync(paths.customizationScript!, 'utf8'), '#!/bin/ksh\necho hi\n');
  assert.equal(fs.readFileSync(paths.excludeList!, 'utf8'), '^./tmp/\n');
  assert.deepEqual(fs.readdirSync(dir).sort(), ['customization_script', 'exclude.list', 'resolv.conf']);
});

test('writeInputs: an existing directory is tightened to 0700 and files are replaced whole', () => {
  const dir = path.join(scratch, 'job2');
  fs.mkdirSync(dir, { mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, 'resolv.conf'), 'old content that is longer than the new one\n', { mode: 0o644 });
  const paths = writeInputs(dir, inputsToWrite(spec({ resolvConf: content('new\n') }), noRead));
  assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
  assert.equal(fs.readFileSync(paths.resolvConf!, 'utf8'), 'new\n');
  assert.equal(fs.statSync(paths.resolvConf!).mode & 0o777, 0o600);
});

test('writeInputs: refuses a path that is not a directory', () => {
  const file = path.join(scratch, 'plain-file');
  fs.writeFileSync(file, '');
  assert.throws(() => writeInputs(file, []), /not a directory/);
  const link = path.join(scratch, 'link-to-dir');
  fs.symlinkSync(os.tmpdir(), link);
  assert.throws(() => writeInputs(link, []), /not a directory/);
});

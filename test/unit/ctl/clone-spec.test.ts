import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import yargs from 'yargs';
import { SPEC_FLAGS, specFromArgs, type SpecIo } from '../../../ctl/clone-spec';
import { MAX_CONTENT_BYTES } from '../../../shared/limits';
import { cloneCommand } from '../../../ctl/commands/clone';
import { UsageError } from '../../../ctl/errors';
import { loadContract } from '../../../shared/proto/contract';

/** Local files for the tests: name -> content. */
function files(contents: Record<string, string | number>): SpecIo {
  return {
    size: (file) => {
      const c = contents[file];
      if (c === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
      return typeof c === 'number' ? c : Buffer.byteLength(c);
    },
    read: (file) => Buffer.from(String(contents[file])),
  };
}

/** Parses `altctl clone host1 ARGV...` with the real command's builder; `_` holds the disks. */
function parse(argv: string[]): Record<string, unknown> {
  let parsed: Record<string, unknown> | undefined;
  yargs(['clone', 'host1', ...argv])
    .command({ ...cloneCommand, handler: (a: unknown) => void (parsed = a as Record<string, unknown>) } as never)
    .strict()
    .fail((message, err) => {
      throw err ?? new Error(message);
    })
    .parseSync();
  assert.ok(parsed, 'the clone handler ran');
  return { ...parsed, _: (parsed['args'] as string[]).slice(1) };
}

describe('the flag -> CloneSpec table', () => {
  test('covers every CloneSpec field exactly (target_disks comes from the DISK positionals)', () => {
    const fields = loadContract()
      .root.lookupType('altdisk.v1.CloneSpec')
      .fieldsArray.map((f) => f.name)
      .sort();
    const mapped = [...SPEC_FLAGS.map((row) => row.field), 'targetDisks'].sort();
    assert.deepEqual(mapped, fields);
    assert.equal(new Set(SPEC_FLAGS.map((r) => r.flag)).size, SPEC_FLAGS.length, 'no flag twice');
  });

  test('one command line can set every field', () => {
    const argv = ['hdisk1', 'hdisk2'];
    const local: Record<string, string> = {};
    SPEC_FLAGS.forEach((row, i) => {
      switch (row.kind) {
        case 'boolean':
          argv.push(`--${row.flag}`);
          break;
        case 'text':
          argv.push(`--${row.flag}=/value/${row.flag}`);
          break;
        case 'list':
          argv.push(`--${row.flag}`, `${row.flag}-a`, `--${row.flag}`, `${row.flag}-b`);
          break;
        case 'choice':
          argv.push(`--${row.flag}`, Object.keys(row.choices).at(-1) as string);
          break;
        case 'file':
          // both arms of the oneof: local content for some, a host path for others
          if (i % 2 === 0) {
            argv.push(`--${row.flag}`, `./${row.flag}.txt`);
            local[`./${row.flag}.txt`] = `content of ${row.flag}\n`;
          } else {
            argv.push(`--${row.flag}-on-host`, `/etc/${row.flag}`);
          }
          break;
      }
    });
    const args = parse(argv);
    const spec = specFromArgs(args, (args['_'] as string[]).map(String), files(local)) as Record<string, unknown>;
    const fields = loadContract()
      .root.lookupType('altdisk.v1.CloneSpec')
      .fieldsArray.map((f) => f.name);
    for (const field of fields) assert.notEqual(spec[field], undefined, `${field} is not set`);
    assert.deepEqual(spec['targetDisks'], ['hdisk1', 'hdisk2']);
    assert.deepEqual(spec['excludePatterns'], ['exclude-a', 'exclude-b']);
    assert.deepEqual(spec['fixes'], ['fix-a', 'fix-b']);
    assert.equal(spec['installpFlags'], '/value/installp-flags');
    assert.equal(spec['phases'], 'PHASES_ALL');
    assert.equal(spec['backupErrorPolicy'], 'BACKUP_ERROR_POLICY_REPORT');
    assert.equal(spec['noBootlist'], true);
    assert.deepEqual(spec['excludeList'], { content: Buffer.from('content of exclude-list\n') });
    assert.deepEqual(spec['imageData'], { hostPath: '/etc/image-data' });
    // the spec survives the wire: a wrong shape here would only show at the agent
    const type = loadContract().root.lookupType('altdisk.v1.CloneSpec');
    const decoded = type.toObject(type.decode(type.encode(type.fromObject(spec)).finish()), {
      enums: String,
      oneofs: true,
    });
    assert.equal(decoded['phases'], 'PHASES_ALL');
    assert.equal(decoded['excludeList']?.['source'], 'content');
    assert.equal(decoded['imageData']?.['hostPath'], '/etc/image-data');
    assert.equal(Object.keys(decoded).length, fields.length);
  });

  test("alt_disk_copy's letters work, and --no-bootlist is -B, not the negation of a flag", () => {
    const args = parse([
      'hdisk1',
      '-B',
      '-s',
      'post.sh',
      '-x',
      'first.sh',
      '-l',
      '/images',
      '-c',
      '/dev/vty0',
      '-D',
      '-O',
      '-V',
      '-g',
      '-r',
      '-u',
      '-T',
      '-S',
      '-n',
    ]);
    const spec = specFromArgs(args, ['hdisk1'], files({ 'post.sh': 'echo post', 'first.sh': 'echo first' }));
    assert.deepEqual(spec, {
      targetDisks: ['hdisk1'],
      noBootlist: true,
      customizationScript: { content: Buffer.from('echo post') },
      firstBootScript: { content: Buffer.from('echo first') },
      imagesLocation: '/images',
      console: '/dev/vty0',
      debug: true,
      deviceReset: true,
      verbose: true,
      skipBootabilityCheck: true,
      reboot: true,
      copyWparFilesystems: true,
      convertJfsToJfs2: true,
      skipSpaceCheck: true,
      remainNimClient: true,
    });
  });

  test('a repeated --exclude does not swallow the disks after it', () => {
    const args = parse(['hdisk1', '--exclude', '^./tmp/', 'hdisk2', '--exclude', '^./home/']);
    assert.deepEqual(args['_'], ['hdisk1', 'hdisk2']);
    assert.deepEqual(specFromArgs(args, ['hdisk1', 'hdisk2']).excludePatterns, ['^./tmp/', '^./home/']);
  });

  test('--phases takes alt_disk_copy values; no flags means the agent defaults', () => {
    assert.equal(specFromArgs(parse(['hdisk1', '--phases', '12']), ['hdisk1']).phases, 'PHASES_12');
    assert.throws(() => parse(['hdisk1', '--phases', '4']), /Invalid values/);
    assert.deepEqual(specFromArgs(parse(['hdisk1']), ['hdisk1']), { targetDisks: ['hdisk1'] });
  });
});

describe('local files', () => {
  const refused = (argv: string[], io: SpecIo, message: RegExp, field: string) =>
    assert.throws(
      () => specFromArgs(parse(['hdisk1', ...argv]), ['hdisk1'], io),
      (err: unknown) => {
        assert.ok(err instanceof UsageError, String(err));
        assert.match(err.message, message);
        assert.equal(err.details['field'], field);
        return true;
      },
    );

  test('a file over 1 MiB is refused before sending, naming the flag and the way out', () => {
    refused(
      ['--script', 'big.sh'],
      files({ 'big.sh': MAX_CONTENT_BYTES + 1 }),
      /^--script: big\.sh is 1048577 bytes, more than the 1 MiB .* use --script-on-host PATH$/,
      '--script',
    );
    assert.deepEqual(
      specFromArgs(
        parse(['hdisk1', '--script', 'ok.sh']),
        ['hdisk1'],
        files({ 'ok.sh': 'x'.repeat(MAX_CONTENT_BYTES) }),
      ).customizationScript?.content?.length,
      MAX_CONTENT_BYTES,
    );
  });

  test('a missing file, both arms at once, or a relative host path are usage errors', () => {
    refused(
      ['--image-data', 'nope'],
      files({}),
      /^--image-data: cannot read nope \(ENOENT\); .*--image-data-on-host PATH/,
      '--image-data',
    );
    refused(
      ['--resolv-conf', 'r', '--resolv-conf-on-host', '/etc/resolv.conf'],
      files({ r: 'x' }),
      /two ways/,
      '--resolv-conf',
    );
    refused(['--bundle-on-host', 'bundles/b'], files({}), /not a full path/, '--bundle-on-host');
    refused(['--images', '/a', '--images', '/b'], files({}), /given 2 times/, '--images');
  });
});

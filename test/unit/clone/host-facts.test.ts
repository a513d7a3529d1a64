import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { CommandResult } from '../../../agent/exec/command-errors';
import { CommandNotFoundError } from '../../../agent/exec/command-errors';
import type { CommandRunner } from '../../../agent/exec/command-runner';
import { firstMessage } from '../../../agent/aix/clone-commands';
import { gatherHostFacts } from '../../../agent/clone/host-facts';
import { readFixture } from '../../support/fixtures';
import { spec } from './helpers';

type Answer = Partial<Pick<CommandResult, 'exitCode' | 'stdout' | 'stderr'>> | Error;

/** A runner that answers from a table keyed by the command line, and records what was run. */
class TableRunner implements CommandRunner {
  readonly ran: string[] = [];
  constructor(private readonly answers: Record<string, Answer>) {}
  async run(command: string, args: readonly string[]): Promise<CommandResult> {
    const line = [command, ...args].join(' ');
    this.ran.push(line);
    const answer = this.answers[line];
    if (answer === undefined) throw new Error(`unexpected command: ${line}`);
    if (answer instanceof Error) throw answer;
    return { command, args, exitCode: 0, stdout: '', stderr: '', durationMs: 1, ...answer };
  }
  resolve(command: string): string {
    return `/usr/sbin/${command}`;
  }
  environment(): Record<string, string> {
    return { LANG: 'C' };
  }
}

const LSPV =
  'hdisk0 00aa5f23bedaeb1a rootvg active\nhdisk1 00aa5f2338705627 None\nhdisk2 00aa5f23565d20cf datavg active\n';
const LSVG_L = `rootvg:\n${readFixture('lsvg-l.rootvg.01.txt').split('\n').slice(1).join('\n')}datavg:\nLV NAME TYPE LPs PPs PVs LV STATE MOUNT POINT\nfslv00 jfs2 64 64 1 open/syncd /data\n`;

function table(overrides: Record<string, Answer> = {}): Record<string, Answer> {
  return {
    lspv: { stdout: LSPV },
    'bootinfo -b': { stdout: 'hdisk0\n' },
    lsvg: { stdout: 'rootvg\ndatavg\n' },
    'lsvg -o': { stdout: 'datavg\nrootvg\n' },
    'lsvg rootvg': { stdout: readFixture('lsvg.rootvg.01.txt') },
    'lsvg -l datavg rootvg': { stdout: LSVG_L },
    'bosboot -vd /dev/ipldevice': { stdout: '' },
    'lslpp -Lc bos.alt_disk_install.rte': {
      stdout:
        'bos.alt_disk_install:bos.alt_disk_install.rte:7.2.5.201: : :C: :Alternate Disk Installation Runtime: : : : : : :0:0:/:\n',
    },
    'oslevel -s': { stdout: '7200-05-03-2148\n' },
    'odmget -q attribute=TCB_STATE PdAt': { stdout: '\nPdAt:\n\tattribute = "TCB_STATE"\n\tdeflt = "tcb_enabled"\n' },
    'df -k': { stdout: readFixture('df-k.02.txt') },
    'bootinfo -s hdisk1': { stdout: '20480\n' },
    'bootinfo -B hdisk1': { stdout: '1\n' },
    'lsdev -Cc disk': {
      stdout:
        'hdisk0 Available  Virtual SCSI Disk Drive\nhdisk1 Available  Virtual SCSI Disk Drive\nhdisk2 Available  Virtual SCSI Disk Drive\n',
    },
    'mmlsnsd -X': new CommandNotFoundError('mmlsnsd', ['/usr/lpp/mmfs/bin']),
    'lquerypv -h /dev/hdisk1 80 10': { stdout: "00000080   00AA5F23 38705627 00000000 00000000  |.._#8pV'........|\n" },
    'lquerypv -h /dev/hdisk1 E00 20': {
      stdout:
        '00000E00   00000000 00000000 00000000 00000000  |................|\n00000E10   00000000 00000000 00000000 00000000  |................|\n',
    },
    ...overrides,
  };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-facts-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('the facts come from the AIX commands, and only commands that read are run', async () => {
  const runner = new TableRunner(table());
  const facts = await gatherHostFacts(runner, spec({ targetDisks: ['hdisk1', 'hdisk9'] }));
  assert.equal(facts.bootDisk, 'hdisk0');
  assert.deepEqual(facts.targets, [
    { name: 'hdisk1', known: true, vg: 'None', sizeMb: 20480, bootable: true, claim: null, headerWarnings: [] },
    { name: 'hdisk9', known: false, vg: '', sizeMb: null, bootable: null, claim: null, headerWarnings: [] },
  ]);
  assert.deepEqual(facts.rootvg, { ppSizeMb: 32, usedPps: 162, usedMb: 5184, totalMb: 20448 });
  assert.deepEqual(Object.keys(facts.logicalVolumes).sort(), ['datavg', 'rootvg']);
  assert.equal(facts.logicalVolumes['rootvg']?.length, 11);
  assert.deepEqual(facts.ipldevice, { ok: true, exitCode: 0, said: '' });
  assert.deepEqual(facts.altDiskFileset, { level: '7.2.5.201', state: 'C' });
  assert.equal(facts.osLevel.raw, '7200-05-03-2148');
  assert.deepEqual(facts.tcb, { state: 'enabled', value: 'tcb_enabled', error: null });
  assert.equal(facts.filesystems?.length, 7);
  // bootinfo is not asked about a disk lspv does not know; nothing that writes is run.
  assert.ok(!runner.ran.some((line) => /hdisk9/.test(line)));
  assert.ok(
    !runner.ran.some((line) => /bosboot -a|bootlist -m \w+ hdisk|alt_disk_copy/.test(line)),
    runner.ran.join('\n'),
  );
});

test('df and odmget failing degrade to unknown; a missing fileset and a failed bosboot are facts, not errors', async () => {
  const runner = new TableRunner(
    table({
      'df -k': { exitCode: 1, stderr: 'df: something\n' },
      'odmget -q attribute=TCB_STATE PdAt': new CommandNotFoundError('odmget', ['/usr/bin']),
      'lslpp -Lc bos.alt_disk_install.rte': {
        exitCode: 1,
        stdout: '#Package Name:Fileset\n',
        stderr: 'lslpp: 0504-132  Fileset bos.alt_disk_install.rte not installed.\n',
      },
      'bosboot -vd /dev/ipldevice': {
        exitCode: 1,
        stderr:
          '\n0301-150 bosboot: Invalid or no boot device specified!\nusage:\tbosboot {-a | -v} [-d device]\n\t-a\t\tCreate boot image\n',
      },
    }),
  );
  const facts = await gatherHostFacts(runner, spec());
  assert.equal(facts.filesystems, null);
  assert.equal(facts.tcb.state, 'unknown');
  assert.match(facts.tcb.error ?? '', /odmget was not found/);
  assert.equal(facts.altDiskFileset, null);
  assert.deepEqual(facts.ipldevice, {
    ok: false,
    exitCode: 1,
    said: '0301-150 bosboot: Invalid or no boot device specified!',
  });
});

test('a command the checks cannot do without fails the gathering', async () => {
  await assert.rejects(
    gatherHostFacts(new TableRunner(table({ lspv: { exitCode: 1, stderr: 'lspv: broken\n' } })), spec()),
    /lspv failed with exit status 1/,
  );
});

test('host files: stat for every absolute host path, content for exclude lists; relative paths and update_all are not looked up', async () => {
  const script = path.join(scratch, 'post.sh');
  fs.writeFileSync(script, '#!/bin/ksh\n', { mode: 0o755 });
  const list = path.join(scratch, 'exclude.rootvg');
  fs.writeFileSync(list, '^./tmp/\n');
  const facts = await gatherHostFacts(
    new TableRunner(table()),
    spec({
      customizationScript: { kind: 'host', path: script },
      excludeList: { kind: 'host', path: list },
      imageData: { kind: 'host', path: path.join(scratch, 'missing') },
      resolvConf: { kind: 'host', path: 'relative/resolv.conf' },
      bundle: { kind: 'host', path: 'update_all' },
      fixBundle: { kind: 'host', path: scratch },
    }),
  );
  const files = facts.hostFiles;
  assert.ok(files, 'examined by default');
  assert.deepEqual(Object.keys(files).sort(), ['customizationScript', 'excludeList', 'fixBundle', 'imageData']);
  assert.equal(files.customizationScript?.executable, true);
  assert.equal(files.customizationScript?.content, null);
  assert.equal(files.excludeList?.content?.toString(), '^./tmp/\n');
  assert.deepEqual([files.imageData?.exists, files.imageData?.error], [false, 'ENOENT']);
  assert.deepEqual([files.fixBundle?.exists, files.fixBundle?.regularFile], [true, false]);
  const unexamined = await gatherHostFacts(
    new TableRunner(table()),
    spec({ excludeList: { kind: 'host', path: list } }),
    { examineHostFiles: false },
  );
  assert.equal(unexamined.hostFiles, null, 'not looked at for a caller who may not');
});

test('firstMessage: the first paragraph of a message, without the usage after it', () => {
  assert.equal(
    firstMessage('\n0301-168 bosboot: The current boot logical volume, /dev/hd5,\n\tdoes not exist on /dev/hdisk1.\n'),
    '0301-168 bosboot: The current boot logical volume, /dev/hd5, does not exist on /dev/hdisk1.',
  );
  assert.equal(firstMessage('0301-150 bosboot: Invalid!\nusage: bosboot ...\n'), '0301-150 bosboot: Invalid!');
  assert.equal(firstMessage('\n\n'), '');
});

// The captures of one PowerPath host (lspv.powerpath.01.txt, powermt.display-dev-all.01.txt): hdisk4 shows
// none/None in lspv, and powermt lists it as a path of hdiskpower0, which holds hbvg.
test('a native path of a PowerPath pseudo-device is claimed by it, from powermt', async () => {
  const runner = new TableRunner(
    table({
      lspv: { stdout: readFixture('lspv.powerpath.01.txt') },
      lsvg: { stdout: 'rootvg\ndatavg\nhbvg\n' },
      'bootinfo -b': { stdout: 'hdisk0\n' },
      'bootinfo -s hdisk4': { stdout: '51200\n' },
      'bootinfo -B hdisk4': { stdout: '1\n' },
      'lsdev -Cc disk': {
        stdout:
          'hdisk4      Available 04-08-02 EMC CLARiiON FCP RAID 5 Disk\nhdiskpower0 Available          PowerPath Device\n',
      },
      'powermt display dev=all': { stdout: readFixture('powermt.display-dev-all.01.txt') },
      lspath: { stdout: readFixture('lspath.vscsi.01.txt') },
      ...Object.fromEntries(
        Array.from({ length: 25 }, (_, i) => `hdisk${i + 3}`).flatMap((d) => [
          [
            `lquerypv -h /dev/${d} 80 10`,
            { stdout: '00000080   00000000 00000000 00000000 00000000  |................|\n' },
          ],
          [
            `lquerypv -h /dev/${d} E00 20`,
            {
              stdout:
                '00000E00   00000000 00000000 00000000 00000000  |................|\n00000E10   00000000 00000000 00000000 00000000  |................|\n',
            },
          ],
        ]),
      ),
    }),
  );
  const facts = await gatherHostFacts(runner, spec({ targetDisks: ['hdisk4'] }));
  assert.equal(facts.targets[0]?.claim?.kind, 'DISK_CLAIM_KIND_MULTIPATH_PATH');
  assert.equal(facts.targets[0]?.claim?.owner, 'hdiskpower0');
  assert.match(
    facts.targets[0]?.claim?.evidence ?? '',
    /powermt display dev=all lists hdisk4 as an I\/O path of hdiskpower0/,
  );
  assert.match(facts.targets[0]?.claim?.remedy ?? '', /LUN of hdiskpower0, which holds hbvg/);
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRecordedHost } from '../support/recorded-host';
import { runCtl, startAgentProcess, type AgentProcess } from '../support/processes';

/**
 * A host just after alt_disk_mksysb (IBM's published captures): hdisk0 rootvg,
 * hdisk1 mksysbvg, hdisk2 altinst_rootvg, boot list on hdisk2 over four paths.
 */
const AFTER_CLONE = {
  lspv: { '': { fixture: 'lspv.altinst.01.txt' } },
  bootinfo: {
    '-b': { fixture: 'bootinfo-b.01.txt' },
    '-K': { fixture: 'bootinfo-K.01.txt' },
    '-s hdisk0': { text: '20480' },
    '-s hdisk1': { text: '40960' },
    '-s hdisk2': { text: '20480' },
    '-B hdisk0': { text: '1' },
    '-B hdisk1': { text: '1' },
    '-B hdisk2': { text: '1' },
  },
  bootlist: { '-m normal -o': { fixture: 'bootlist.normal-o.01.txt' }, '-m service -o': { text: '' } },
  ipl_varyon: {
    '-i': {
      text: 'PVNAME          BOOT DEVICE     PVID                                    VOLUME GROUP ID\nhdisk0          YES             00f6db0a6c7aece50000000000000000        00f6db0a00004c00\nhdisk1          NO              00c25ab0056a002a0000000000000000        00c25ab000004c00\nhdisk2          YES             00c25ab0062fa5760000000000000000        00c25ab000004c01',
    },
  },
  oslevel: { '-s': { fixture: 'oslevel-s.01.txt' }, '': { text: '7.2.0.0' } },
  hostname: { '': { text: 'gdrh10v1' } },
  who: { '-b': { fixture: 'who-b.01.txt' } },
  lslpp: {
    '-Lc bos.alt_disk_install.rte': {
      text: 'bos.alt_disk_install:bos.alt_disk_install.rte:7.2.3.15: : :C: :Alternate Disk Installation Runtime : : : : : : :0:0:/:1914',
    },
  },
};

describe('the agent against another directory of AIX-compatible commands (captured AIX output, no aixsim)', () => {
  let host: ReturnType<typeof createRecordedHost>;
  let agent: AgentProcess;

  before(async () => {
    host = createRecordedHost(AFTER_CLONE);
    agent = await startAgentProcess({ commandsDir: host.bin });
  });
  after(async () => {
    await agent?.stop();
    host?.cleanup();
  });

  test('disks: altinst_rootvg has no state column and is reported inactive with its role', async () => {
    const result = await runCtl(['disks', agent.address, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { disks } = JSON.parse(result.stdout) as { disks: Record<string, unknown>[] };
    assert.deepEqual(
      disks.map((d) => [d['name'], d['pvid'], d['vg'], d['state'], d['vgRole'], d['sizeMb'], d['isBootDisk']]),
      [
        ['hdisk0', '00f6db0a6c7aece5', 'rootvg', 'active', 'rootvg', 20480, true],
        ['hdisk1', '00c25ab0056a002a', 'mksysbvg', 'active', 'data', 40960, false],
        ['hdisk2', '00c25ab0062fa576', 'altinst_rootvg', 'inactive', 'altinst_rootvg', 20480, false],
      ],
    );
  });

  test('envs: rootvg runs now, the clone boots next (N and R)', async () => {
    const json = await runCtl(['envs', agent.address, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const doc = JSON.parse(json.stdout) as { environments: Record<string, unknown>[]; nextBootDisk: string };
    assert.equal(doc.nextBootDisk, 'hdisk2');
    assert.deepEqual(
      doc.environments.map((e) => [e['name'], e['booted'], e['nextBoot'], e['oslevel'], e['bootable']]),
      [
        ['rootvg', true, false, '7200-03-03-1914', true],
        ['altinst_rootvg', false, true, '', true],
      ],
    );
    const table = await runCtl(['envs', agent.address]);
    assert.match(table.stdout, /^rootvg\s+N\s+hdisk0\s+7200-03-03-1914\s+yes\s+-$/m);
    assert.match(table.stdout, /^altinst_rootvg\s+R\s+hdisk2\s+-\s+yes\s+-$/m);
  });

  test('bootlist: one entry per path of a multipath disk, attributes kept', async () => {
    const result = await runCtl(['bootlist', agent.address, '--mode', 'normal', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { normal } = JSON.parse(result.stdout) as {
      normal: { device: string; blv: string; attributes: Record<string, string> }[];
    };
    assert.deepEqual(
      normal.map((d) => d.attributes['pathid']),
      ['0', '1', '2', '3'],
    );
    assert.ok(normal.every((d) => d.device === 'hdisk2' && d.blv === 'hd5'));
  });

  test('host: level, fileset level and boot time come from the recorded commands', async () => {
    const result = await runCtl(['host', agent.address, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { host: h } = JSON.parse(result.stdout) as { host: Record<string, unknown> };
    assert.equal(h['hostname'], 'gdrh10v1');
    assert.equal(h['oslevel'], '7200-03-03-1914');
    assert.equal(h['altDiskInstallLevel'], '7.2.3.15');
    assert.match(String(h['bootTime']), /^\d{4}-09-24T\d{2}:52:00\.000Z$/);
  });

  test('a host command that fails is reported with the command and its message (exit 1)', async () => {
    // The recording has no `lsvg`: the agent reports the missing command instead of crashing.
    const result = await runCtl(['vgs', agent.address, '--json']);
    assert.equal(result.code, 1);
    const { error } = JSON.parse(result.stderr) as { error: { code: string; message: string } };
    assert.equal(error.code, 'INTERNAL');
    assert.match(error.message, /the host command lsvg was not found .*--commands DIR/);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { agentOnFreshHost } from '../support/agent-on-host';
import { runCtl } from '../support/processes';
import { hostCommand } from '../support/host-commands';

interface DiskJson {
  name: string;
  pvid: string;
  vg: string;
  state: string;
  sizeMb: number;
  bootCapable: boolean;
  isBootDisk: boolean;
  vgRole: string;
  claim: unknown;
  unreadable: boolean;
  error: string;
}

describe('discovery against an emulated host, over gRPC, through altctl', () => {
  const ctx = agentOnFreshHost();

  test('altctl disks --json matches what lspv and bootinfo say on the host', async () => {
    const result = await runCtl(['disks', ctx.agent.address, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { disks } = JSON.parse(result.stdout) as { disks: DiskJson[] };
    const lspv = hostCommand(ctx.host.bin, 'lspv', [])
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/));
    assert.deepEqual(
      disks.map((d) => d.name),
      lspv.map((cols) => cols[0]),
    );
    for (const [name, pvid, vg] of lspv) {
      const disk = disks.find((d) => d.name === name)!;
      assert.equal(disk.pvid, pvid, `${name} pvid`);
      assert.equal(disk.vg, vg, `${name} vg`);
      assert.equal(disk.sizeMb, Number(hostCommand(ctx.host.bin, 'bootinfo', ['-s', name!]).trim()), `${name} size`);
    }
    const boot = disks.find((d) => d.isBootDisk)!;
    assert.equal(boot.name, hostCommand(ctx.host.bin, 'bootinfo', ['-b']).trim());
    assert.equal(boot.vg, 'rootvg');
    assert.equal(boot.vgRole, 'rootvg');
    assert.equal(boot.state, 'active');
    assert.equal(boot.sizeMb, 20480);
    const free = disks.filter((d) => d.vg === 'None');
    assert.ok(free.length >= 2, 'the default host has spare disks in no VG');
    assert.ok(free.every((d) => d.state === 'inactive'));
    assert.ok(
      disks.some((d) => d.pvid === 'none'),
      'one spare disk has no PVID',
    );
    assert.ok(
      disks.every((d) => d.claim === null && d.unreadable === false && d.error === ''),
      'nothing else owns a default disk, and every one was read',
    );
  });

  test('altctl disks prints an aligned table', async () => {
    const result = await runCtl(['disks', ctx.agent.address]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^NAME\s+PVID\s+VG\s+STATE\s+SIZE_MB\s+BOOTABLE\s+BOOT_DISK\s+OWNER$/);
    assert.match(result.stdout, /^hdisk0\s+[0-9a-f]{16}\s+rootvg\s+active\s+20480\s+yes\s+yes$/m);
    const vgColumn = lines[0]!.indexOf('VG ');
    assert.ok(
      lines.slice(1).every((l) => /\S/.test(l[vgColumn] ?? '')),
      'the VG column is aligned',
    );
  });

  test('altctl vgs: rootvg first with its sizes; varied-off and data VGs by role', async () => {
    const result = await runCtl(['vgs', ctx.agent.address, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { volumeGroups } = JSON.parse(result.stdout) as { volumeGroups: Record<string, unknown>[] };
    const detail = hostCommand(ctx.host.bin, 'lsvg', ['rootvg']);
    const usedMb = Number(/USED PPs:\s+\d+ \((\d+) megabytes\)/.exec(detail)?.[1]);
    assert.equal(volumeGroups[0]?.['name'], 'rootvg');
    assert.equal(volumeGroups[0]?.['role'], 'rootvg');
    assert.equal(volumeGroups[0]?.['variedOn'], true);
    assert.equal(volumeGroups[0]?.['ppSizeMb'], 32);
    assert.equal(volumeGroups[0]?.['usedMb'], usedMb);
    assert.deepEqual(volumeGroups[0]?.['disks'], ['hdisk0']);
    const datavg = volumeGroups.find((vg) => vg['name'] === 'datavg');
    assert.equal(datavg?.['role'], 'data');
  });

  test('altctl lvs: rootvg logical volumes with mount points and mounted state', async () => {
    const result = await runCtl(['lvs', ctx.agent.address, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { vg, logicalVolumes } = JSON.parse(result.stdout) as {
      vg: string;
      logicalVolumes: Record<string, unknown>[];
    };
    assert.equal(vg, 'rootvg');
    const byName = new Map(logicalVolumes.map((lv) => [lv['name'], lv]));
    for (const name of [
      'hd5',
      'hd6',
      'hd8',
      'hd4',
      'hd2',
      'hd9var',
      'hd3',
      'hd1',
      'hd10opt',
      'hd11admin',
      'lg_dumplv',
      'livedump',
    ]) {
      assert.ok(byName.has(name), `rootvg has ${name}`);
    }
    assert.equal(byName.get('hd5')?.['type'], 'boot');
    assert.equal(byName.get('hd5')?.['mountPoint'], '');
    assert.equal(byName.get('hd4')?.['mountPoint'], '/');
    assert.equal(byName.get('hd4')?.['mounted'], true);
    assert.equal(byName.get('hd2')?.['mountPoint'], '/usr');
    assert.ok((byName.get('hd2')?.['sizeMb'] as number) > 0);
  });

  test('altctl targets ranks free disks and explains the rest', async () => {
    const result = await runCtl(['targets', ctx.agent.address, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { requiredMb, targets } = JSON.parse(result.stdout) as {
      requiredMb: number;
      targets: { disk: DiskJson; eligible: boolean; rank: number; reasons: string[] }[];
    };
    assert.ok(requiredMb > 0);
    const eligible = targets.filter((t) => t.eligible);
    assert.ok(eligible.length > 0);
    assert.ok(eligible.every((t) => t.disk.vg === 'None' && t.disk.sizeMb >= requiredMb));
    assert.deepEqual(
      eligible.map((t) => t.rank),
      eligible.map((_, i) => i + 1),
    );
    const hdisk0 = targets.find((t) => t.disk.name === 'hdisk0')!;
    assert.equal(hdisk0.eligible, false);
    assert.match(hdisk0.reasons.join(' '), /booted from/);
    const small = targets.find((t) => t.disk.vg === 'None' && t.disk.sizeMb < requiredMb);
    assert.ok(small && !small.eligible, 'a disk too small for rootvg is not eligible');
  });

  test('altctl envs: rootvg runs now and boots next, with its level', async () => {
    const result = await runCtl(['envs', ctx.agent.address, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout) as {
      environments: Record<string, unknown>[];
      bootDisk: string;
      nextBootDisk: string;
    };
    assert.equal(doc.environments.length, 1);
    assert.deepEqual(doc.environments[0], {
      name: 'rootvg',
      role: 'rootvg',
      disks: ['hdisk0'],
      booted: true,
      nextBoot: true,
      oslevel: hostCommand(ctx.host.bin, 'oslevel', ['-s']).trim(),
      bootable: true,
      hooks: '',
    });
    const table = await runCtl(['envs', ctx.agent.address]);
    assert.match(table.stdout, /^rootvg\s+NR\s+hdisk0\s+\d{4}-\d{2}-\d{2}-\d{4}\s+yes\s+-$/m);
  });

  test('altctl host: emulated platform, level, boot disk, alt_disk_install level', async () => {
    const result = await runCtl(['host', ctx.agent.address, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { host: h } = JSON.parse(result.stdout) as { host: Record<string, unknown> };
    assert.equal(h['platform'], 'emulated');
    assert.equal(h['hostname'], hostCommand(ctx.host.bin, 'hostname', []).trim());
    assert.equal(h['oslevel'], hostCommand(ctx.host.bin, 'oslevel', ['-s']).trim());
    assert.equal(h['bootDisk'], 'hdisk0');
    assert.match(String(h['altDiskInstallLevel']), /^\d+\.\d+\.\d+\.\d+$/);
    assert.match(String(h['bootTime']), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
    assert.equal(h['commandsDir'], ctx.host.bin);
  });
});

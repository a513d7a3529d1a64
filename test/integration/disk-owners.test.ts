import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { agentOnFreshHost, type AgentOnHost } from '../support/agent-on-host';
import { runCtl } from '../support/processes';

/**
 * Disks another owner holds (a multipath pseudo-device, GPFS, a cluster), disks whose header holds another host's
 * data, and a disk that cannot be read: real agent and altctl processes against aixsim hosts put in each state with
 * `aixsim disk add` and `aixsim fault add disk-unreadable`.
 */

interface ClaimJson {
  kind: string;
  owner: string;
  evidence: string;
  remedy: string;
}
interface DiskJson {
  name: string;
  vg: string;
  sizeMb: number;
  claim: ClaimJson | null;
  unreadable: boolean;
  error: string;
}
interface TargetJson {
  disk: DiskJson;
  eligible: boolean;
  rank: number;
  reasons: string[];
  warnings: string[];
}
interface FindingJson {
  code: string;
  severity: string;
  message: string;
  remedy: string;
  field: string;
}

async function disks(ctx: AgentOnHost): Promise<Map<string, DiskJson>> {
  const result = await runCtl(['disks', ctx.agent.address, '--json']);
  assert.equal(result.code, 0, result.stderr);
  return new Map((JSON.parse(result.stdout) as { disks: DiskJson[] }).disks.map((d) => [d.name, d]));
}

async function targets(ctx: AgentOnHost): Promise<Map<string, TargetJson>> {
  const result = await runCtl(['targets', ctx.agent.address, '--json']);
  assert.equal(result.code, 0, result.stderr);
  return new Map((JSON.parse(result.stdout) as { targets: TargetJson[] }).targets.map((t) => [t.disk.name, t]));
}

async function plan(ctx: AgentOnHost, disk: string): Promise<{ code: number; findings: FindingJson[] }> {
  const result = await runCtl(['plan', ctx.agent.address, disk, '--json']);
  const doc = JSON.parse(result.stdout) as { findings: FindingJson[] };
  return { code: result.code ?? -1, findings: doc.findings };
}

/** altctl clone is refused FAILED_PRECONDITION naming the finding, and nothing on the host changes. */
async function cloneRefused(ctx: AgentOnHost, disk: string, code: string, message: RegExp): Promise<void> {
  const stateFile = path.join(ctx.host.dir, 'state.json');
  const stateBefore = fs.readFileSync(stateFile);
  const result = await runCtl(['clone', ctx.agent.address, disk, '--json']);
  assert.equal(result.code, 3, result.stderr);
  const { error } = JSON.parse(result.stderr) as {
    error: { code: string; message: string; state?: string; field?: string };
  };
  assert.equal(error.code, 'FAILED_PRECONDITION');
  assert.equal(error.state, code);
  assert.equal(error.field, undefined);
  assert.match(error.message, message);
  assert.ok(fs.readFileSync(stateFile).equals(stateBefore), 'the refused clone changed the host');
}

describe('EMC PowerPath, IBM SDD and Hitachi HDLM: the native paths under a pseudo-device are never clone targets', () => {
  const ctx = agentOnFreshHost();
  let emc: string[] = [];
  let emcFree: string[] = [];
  let sdd: string[] = [];
  let hdlm: string[] = [];
  let mpio = '';
  before(() => {
    emc = ctx.host.addDisks({ kind: 'powerpath', paths: 2, vg: 'emcvg' }).disks;
    emcFree = ctx.host.addDisks({ kind: 'powerpath', paths: 2 }).disks;
    sdd = ctx.host.addDisks({ kind: 'sdd', paths: 2 }).disks;
    hdlm = ctx.host.addDisks({ kind: 'hdlm', paths: 2 }).disks;
    mpio = ctx.host.addDisks({ kind: 'mpio', paths: 4 }).disks[0]!;
  });

  test("disks: each native path names its pseudo-device (powermt, the ODM, the header); the MPIO disk is nobody's", async () => {
    const all = await disks(ctx);
    for (const group of [emc, emcFree, sdd, hdlm]) {
      const [pseudo, ...paths] = group;
      assert.equal(all.get(pseudo!)?.claim, null, `${pseudo} itself is not claimed`);
      for (const p of paths) {
        assert.equal(all.get(p)?.vg, 'None', `lspv shows ${p} in no VG`);
        assert.deepEqual([all.get(p)?.claim?.kind, all.get(p)?.claim?.owner], ['multipath_path', pseudo], p);
      }
    }
    assert.match(
      all.get(emc[1]!)?.claim?.evidence ?? '',
      /powermt display dev=all lists hdisk\d+ as an I\/O path of hdiskpower0/,
    );
    assert.match(all.get(emc[1]!)?.claim?.remedy ?? '', /LUN of hdiskpower0, which holds emcvg/);
    assert.match(all.get(sdd[1]!)?.claim?.evidence ?? '', /odmget -q attribute=active_hdisk CuAt/);
    assert.match(all.get(hdlm[1]!)?.claim?.evidence ?? '', /header of .* holds PVID .*the PVID of dlmfdrv0/);
    assert.equal(all.get(mpio)?.claim, null);
    const table = await runCtl(['disks', ctx.agent.address]);
    assert.match(table.stdout, /^NAME\s+PVID\s+VG\s+STATE\s+SIZE_MB\s+BOOTABLE\s+BOOT_DISK\s+OWNER$/m);
    assert.match(
      table.stdout,
      new RegExp(`^${emc[1]}\\s+none\\s+None\\s+inactive\\s+51200\\s+yes\\s+path of hdiskpower0$`, 'm'),
    );
  });

  test('targets: the paths are not eligible, with the reason; the MPIO disk and the free pseudo-device are', async () => {
    const all = await targets(ctx);
    for (const p of [...emc.slice(1), ...emcFree.slice(1), ...sdd.slice(1), ...hdlm.slice(1)]) {
      assert.equal(all.get(p)?.eligible, false, p);
      assert.match(all.get(p)!.reasons.join(' '), /multipath pseudo-device (hdiskpower|vpath|dlmfdrv)\d/);
    }
    assert.equal(all.get(mpio)?.eligible, true);
    assert.deepEqual(all.get(mpio)?.warnings, []);
    assert.equal(all.get(emcFree[0]!)?.eligible, true);
  });

  test('plan says not ready and names the pseudo-device; clone is refused FAILED_PRECONDITION', async () => {
    const result = await plan(ctx, emc[1]!);
    assert.equal(result.code, 3);
    const f = result.findings.find((x) => x.code === 'target-is-multipath-path');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', new RegExp(`${emc[1]} is a path of the multipath pseudo-device hdiskpower0`));
    // The claim says it all: no warnings about the header the path shares with its pseudo-device.
    assert.deepEqual(
      result.findings.filter((x) => x.severity === 'warning').map((x) => x.code),
      [],
    );
    assert.equal((await plan(ctx, mpio)).code, 0);
    await cloneRefused(ctx, emc[1]!, 'target-is-multipath-path', /hdiskpower0/);
  });

  test("with powermt gone, the paths are still claimed: their headers carry the pseudo-device's PVID", async () => {
    fs.rmSync(path.join(ctx.host.bin, 'powermt'));
    const all = await disks(ctx);
    assert.equal(all.get(emc[1]!)?.claim?.owner, 'hdiskpower0');
    assert.match(all.get(emc[1]!)?.claim?.evidence ?? '', /header of .* holds PVID/);
    assert.equal(all.get(mpio)?.claim, null);
  });
});

describe('GPFS NSDs: disks and plan name the NSD, and the refusal advises mmdelnsd', () => {
  const ctx = agentOnFreshHost();
  let named = '';
  let unnamed = '';
  before(() => {
    named = ctx.host.addDisks({ kind: 'gpfs', nsd: 'gpfs1nsd' }).disks[0]!;
    unnamed = ctx.host.addDisks({ kind: 'gpfs', nsd: 'nsd_data2', lspv: 'none' }).disks[0]!;
  });

  test('disks: an NSD whether lspv names it or shows None (mmlsnsd -X)', async () => {
    const all = await disks(ctx);
    assert.deepEqual(
      [all.get(named)?.vg, all.get(named)?.claim?.kind, all.get(named)?.claim?.owner],
      ['gpfs1nsd', 'gpfs_nsd', 'gpfs1nsd'],
    );
    assert.deepEqual(
      [all.get(unnamed)?.vg, all.get(unnamed)?.claim?.kind, all.get(unnamed)?.claim?.owner],
      ['None', 'gpfs_nsd', 'nsd_data2'],
    );
    assert.match(all.get(unnamed)?.claim?.evidence ?? '', /mmlsnsd -X lists GPFS NSD nsd_data2/);
  });

  test('plan: an error naming the NSD with mmdelnsd, not target-in-vg with reducevg/exportvg', async () => {
    for (const [disk, nsd] of [
      [named, 'gpfs1nsd'],
      [unnamed, 'nsd_data2'],
    ] as const) {
      const result = await plan(ctx, disk);
      assert.equal(result.code, 3);
      const f = result.findings.find((x) => x.code === 'target-is-gpfs-nsd');
      assert.match(f?.message ?? '', new RegExp(`${disk} is the GPFS NSD ${nsd}`));
      assert.match(f?.remedy ?? '', new RegExp(`mmdelnsd ${nsd}`));
      assert.equal(
        result.findings.some(
          (x) =>
            x.code === 'target-in-vg' ||
            /reducevg|exportvg/.test(x.remedy.replace(/reducevg and exportvg do not apply/, '')),
        ),
        false,
        JSON.stringify(result.findings),
      );
    }
    const all = await targets(ctx);
    assert.match(all.get(named)!.reasons.join(' '), /GPFS \(NSD gpfs1nsd\).*mmdelnsd gpfs1nsd/);
    assert.doesNotMatch(all.get(named)!.reasons.join(' '), /volume group gpfs1nsd/);
    await cloneRefused(ctx, unnamed, 'target-is-gpfs-nsd', /nsd_data2/);
  });
});

describe("a concurrent volume group of a cluster: the disk names it and the refusal points to the cluster's tools", () => {
  const ctx = agentOnFreshHost({ concurrentVg: true });

  test('disks, targets and plan name concvg as a cluster VG; the remedy is C-SPOC or clmgr, never reducevg/exportvg alone', async () => {
    const all = await disks(ctx);
    const disk = [...all.values()].find((d) => d.vg === 'concvg')!;
    assert.deepEqual([disk.claim?.kind, disk.claim?.owner], ['cluster_vg', 'concvg']);
    assert.match(disk.claim?.evidence ?? '', /varied on in concurrent mode/);
    const target = (await targets(ctx)).get(disk.name)!;
    assert.equal(target.eligible, false);
    assert.match(target.reasons.join(' '), /cluster volume group concvg/);
    const result = await plan(ctx, disk.name);
    assert.equal(result.code, 3);
    const f = result.findings.find((x) => x.code === 'target-in-cluster-vg');
    assert.match(f?.remedy ?? '', /C-SPOC|clmgr/);
    assert.match(f?.remedy ?? '', /never with reducevg or exportvg on one node/);
    assert.equal(
      result.findings.some((x) => x.code === 'target-in-vg'),
      false,
    );
  });
});

describe("a free disk whose header holds another host's PVID and VGDA: a warning, not a silent yes", () => {
  const ctx = agentOnFreshHost();
  let foreign = '';
  before(() => {
    foreign = ctx.host.addDisks({ kind: 'foreign', vgda: true, sizeMb: 10240 }).disks[0]!;
  });

  test('targets: eligible with its warnings, ranked after the disks without; plan: warnings, still ready', async () => {
    const all = await targets(ctx);
    const t = all.get(foreign)!;
    assert.equal(t.eligible, true);
    assert.equal(t.warnings.length, 2, JSON.stringify(t.warnings));
    assert.match(
      t.warnings[0]!,
      /holds a volume group descriptor area .* that no volume group of this host claims.*lqueryvg -Atp/,
    );
    assert.match(t.warnings[1]!, /holds PVID [0-9a-f]{16} \(lquerypv\) while lspv shows none/);
    // hdisk3 (10240 MB) is the same size and has no warnings: it ranks first.
    assert.ok(t.rank > all.get('hdisk3')!.rank, 'a disk with warnings ranks after one without');
    assert.ok([...all.values()].filter((x) => x.disk.name !== foreign).every((x) => x.warnings.length === 0));
    const table = await runCtl(['targets', ctx.agent.address]);
    assert.match(
      table.stdout,
      new RegExp(
        `^\\d+\\s+${foreign}\\s+10240\\s+None\\s+.*warning: the header of ${foreign} holds a volume group descriptor area`,
        'm',
      ),
    );
    const result = await plan(ctx, foreign);
    assert.equal(result.code, 0);
    assert.deepEqual(
      result.findings.filter((f) => f.severity === 'warning').map((f) => f.code),
      ['target-holds-vgda', 'target-header-pvid'],
    );
  });
});

describe('one unreadable disk (Defined): disks and targets answer for the others', () => {
  const ctx = agentOnFreshHost();
  before(() => {
    ctx.host.fault({ kind: 'disk-unreadable', disk: 'hdisk4' });
  });

  test("disks: hdisk4 is unreadable with the command's error, every other disk has its size", async () => {
    const all = await disks(ctx);
    const bad = all.get('hdisk4')!;
    assert.equal(bad.unreadable, true);
    assert.match(bad.error, /^lsdev shows it Defined, not Available; bootinfo -[sB] hdisk4 failed with exit status 1/);
    assert.equal(bad.sizeMb, 0);
    assert.ok([...all.values()].filter((d) => d.name !== 'hdisk4').every((d) => !d.unreadable && d.sizeMb > 0));
    const table = await runCtl(['disks', ctx.agent.address]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^hdisk4\s+[0-9a-f]{16}\s+None\s+inactive\s+\?\s+\?\s+unreadable$/m);
    assert.match(table.stdout, /^hdisk4: unreadable: lsdev shows it Defined/m);
  });

  test('targets: hdisk4 is not eligible and says why; the others are ranked', async () => {
    const all = await targets(ctx);
    assert.equal(all.get('hdisk4')?.eligible, false);
    assert.match(all.get('hdisk4')!.reasons.join(' '), /could not be read \(lsdev shows it Defined/);
    assert.deepEqual(
      [...all.values()].filter((t) => t.eligible).map((t) => t.disk.name),
      ['hdisk3', 'hdisk1'],
    );
  });
});

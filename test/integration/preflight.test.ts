import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { status } from '@grpc/grpc-js';
import type { CloneSpec } from '../../shared/generated/altdisk/v1/CloneSpec';
import type { Finding__Output } from '../../shared/generated/altdisk/v1/Finding';
import type { PlanCloneResponse__Output } from '../../shared/generated/altdisk/v1/PlanCloneResponse';
import { agentOnFreshHost, type AgentOnHost } from '../support/agent-on-host';
import { cloneClient, isServiceError, type CloneClient } from '../support/clone-client';
import { hostCommand } from '../support/host-commands';
import { runCtl } from '../support/processes';

/**
 * PlanClone over real gRPC against a real agent on emulated hosts built to trip the
 * preflight's host-state checks. A plan runs only commands that read: the host's
 * state.json must be byte-identical before and after.
 */

function codes(findings: readonly Finding__Output[], severity?: string): string[] {
  return findings.filter((f) => severity === undefined || f.severity === severity).map((f) => f.code);
}

function byCode(plan: PlanCloneResponse__Output, code: string): Finding__Output {
  const found = plan.findings.filter((f) => f.code === code);
  assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(codes(plan.findings))}`);
  return found[0]!;
}

/**
 * For a describe block: a client for its agent, and a final test that the host's
 * state.json is byte-identical to what it was before the block's first plan.
 */
function planning(ctx: AgentOnHost): {
  plan: (spec: CloneSpec) => Promise<PlanCloneResponse__Output>;
  testStateUnchanged: () => void;
} {
  let client: CloneClient | undefined;
  let state: Buffer | undefined;
  const stateFile = () => path.join(ctx.host.dir, 'state.json');
  before(() => {
    client = cloneClient(ctx.agent.address);
    state = fs.readFileSync(stateFile());
  });
  after(() => client?.close());
  return {
    plan: (spec) => client!.plan(spec),
    // A test, not an after hook: the host directory is removed by agentOnFreshHost's own after hook.
    testStateUnchanged: () =>
      test('the plans changed nothing: state.json is byte-identical', () => {
        assert.ok(state !== undefined && state.length > 0);
        assert.ok(fs.readFileSync(stateFile()).equals(state), 'state.json changed');
      }),
  };
}

describe('PlanClone on a clean host', () => {
  const ctx = agentOnFreshHost();
  const { plan, testStateUnchanged } = planning(ctx);

  test('a clone to a free disk is ready: the command, the sizes from lsvg and bootinfo, no errors', async () => {
    const result = await plan({ targetDisks: ['hdisk1'] });
    assert.deepEqual(codes(result.findings, 'SEVERITY_ERROR'), []);
    assert.deepEqual(codes(result.findings, 'SEVERITY_WARNING'), []);
    assert.equal(result.ready, true);
    // the agent's own running state is left out of every copy, and the plan says so
    assert.deepEqual(result.command, ['alt_disk_copy', '-d', 'hdisk1', '-e', '<job>/inputs/exclude.list']);
    const excluded = byCode(result, 'agent-state-excluded');
    const jobs = `${fs.realpathSync(ctx.agent.stateDir)}/jobs`.replace(/\./g, '\\.');
    const socket = `${fs.realpathSync(ctx.agent.stateDir)}/altdiskd.sock`.replace(/\./g, '\\.');
    assert.equal(
      excluded.message,
      `the agent's own running state is left out of the clone: ^\\.${jobs}/<job>/, ^\\.${jobs}/ACTIVE$, ^\\.${socket}$ are added to the exclude list (-e), so the clone's agent does not find this job running`,
    );
    assert.deepEqual(result.environment, []);
    const used = Number(/USED PPs:\s+\d+ \((\d+) megabytes\)/.exec(hostCommand(ctx.host.bin, 'lsvg', ['rootvg']))?.[1]);
    assert.equal(result.requiredMb, used);
    assert.equal(result.targetMb, Number(hostCommand(ctx.host.bin, 'bootinfo', ['-s', 'hdisk1']).trim()));
  });

  test('content inputs appear at their place in the job directory; policies become the environment', async () => {
    const result = await plan({
      targetDisks: ['hdisk1', 'hdisk4'],
      excludePatterns: ['^./tmp/'],
      firstBootScript: { content: Buffer.from('#!/bin/ksh\ndate\n') },
      backupErrorPolicy: 'BACKUP_ERROR_POLICY_FAIL',
      phases: 'PHASES_12',
    });
    assert.equal(result.ready, true, JSON.stringify(result.findings));
    assert.deepEqual(result.command, [
      'alt_disk_copy',
      '-d',
      'hdisk1 hdisk4',
      '-e',
      '<job>/inputs/exclude.list',
      '-P',
      '12',
      '-x',
      '<job>/inputs/first_boot_script',
    ]);
    assert.deepEqual(result.environment, ['ALT_BAK_ERR_FAIL=1']);
    assert.equal(result.targetMb, 20480 + 51200);
  });

  test('target disks: unknown, the boot disk, in a data VG, too small', async () => {
    const result = await plan({ targetDisks: ['hdisk9', 'hdisk0', 'hdisk2'] });
    assert.equal(byCode(result, 'target-not-found').field, 'spec.target_disks[0]');
    assert.equal(byCode(result, 'target-is-boot-disk').field, 'spec.target_disks[1]');
    assert.equal(byCode(result, 'target-in-vg').field, 'spec.target_disks[2]');
    assert.equal(result.ready, false);
    const small = await plan({ targetDisks: ['hdisk5'] });
    assert.match(byCode(small, 'target-too-small').message, /hdisk5 holds 4096 MB and the clone needs \d+ MB/);
  });

  test('host files: missing, not executable, relative, a blank line in an exclude list', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-preflight-'));
    try {
      const script = path.join(dir, 'post.sh');
      fs.writeFileSync(script, '#!/bin/ksh\n', { mode: 0o644 });
      const result = await plan({
        targetDisks: ['hdisk1'],
        customizationScript: { hostPath: script },
        imageData: { hostPath: path.join(dir, 'missing.image.data') },
        resolvConf: { hostPath: 'resolv.conf' },
        excludeList: { content: Buffer.from('^./tmp/\n\n') },
      });
      assert.equal(byCode(result, 'script-not-executable').field, 'spec.customization_script.host_path');
      assert.equal(byCode(result, 'input-file-missing').field, 'spec.image_data.host_path');
      assert.equal(byCode(result, 'path-not-absolute').field, 'spec.resolv_conf.host_path');
      assert.equal(byCode(result, 'exclude-list-blank-line').field, 'spec.exclude_list.content');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a malformed request is INVALID_ARGUMENT naming the field', async () => {
    for (const [spec, field] of [
      [{ targetDisks: [] }, 'spec.target_disks'],
      [{ targetDisks: ['hdisk1', 'hdisk1;reboot'] }, 'spec.target_disks[1]'],
      [{ targetDisks: ['hdisk1'], fixes: ['IJ1 IJ2'] }, 'spec.fixes[0]'],
      [{ targetDisks: ['hdisk1'], phases: 42 as never }, 'spec.phases'],
    ] as [CloneSpec, string][]) {
      await assert.rejects(plan(spec), (err: unknown) => {
        assert.ok(isServiceError(err), String(err));
        assert.equal(err.code, status.INVALID_ARGUMENT);
        assert.match(err.details, new RegExp(`^${field.replace(/[[\]]/g, '\\$&')}: `));
        return true;
      });
    }
  });

  test('files as large as the README promises get through: 1 MiB each, 4 MiB in all', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-big-'));
    const file = (name: string, bytes: number, first = ''): string => {
      const at = path.join(dir, name);
      fs.writeFileSync(at, Buffer.concat([Buffer.from(first), Buffer.alloc(bytes - first.length, 0x23)]));
      return at;
    };
    const mib = 1024 * 1024;
    const result = await runCtl(
      [
        'plan',
        ctx.agent.address,
        'hdisk1',
        '--image-data',
        file('image.data', mib),
        '--resolv-conf',
        file('resolv.conf', mib),
        '--script',
        file('post.sh', mib, '#!/bin/sh\n'),
        '--first-boot-script',
        file('first.sh', mib, '#!/bin/sh\n'),
        '--json',
      ],
      { timeoutMs: 60_000 },
    );
    assert.doesNotMatch(result.stderr, /RESOURCE_EXHAUSTED/);
    assert.ok(result.code === 0 || result.code === 3, result.stderr);
    assert.ok((JSON.parse(result.stdout) as { command: string[] }).command.includes('<job>/inputs/image.data'));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a path that would reach ksh with shell syntax in it is refused by altctl plan and clone, naming the field', async () => {
    const canaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-canary-'));
    const canary = path.join(canaryDir, 'pwn');
    for (const command of ['plan', 'clone']) {
      const result = await runCtl([
        command,
        ctx.agent.address,
        'hdisk1',
        '--images',
        `/tmp/x $(touch ${canary})`,
        '--fileset',
        'bos.rte',
        '--json',
      ]);
      assert.equal(result.code, 2, result.stderr);
      const { error } = JSON.parse(result.stderr.trim().split('\n').at(-1)!) as {
        error: { code: string; field: string; message: string };
      };
      assert.deepEqual([error.code, error.field], ['INVALID_ARGUMENT', 'spec.images_location']);
      assert.match(
        error.message,
        /holds white space, "\$", "\(", "\)", which alt_disk_copy and alt_rootvg_op \(ksh scripts\) may split or expand/,
      );
    }
    const onHost = await runCtl(['plan', ctx.agent.address, 'hdisk1', '--script-on-host', '/tmp/post;id', '--json']);
    assert.equal(onHost.code, 2, onHost.stderr);
    assert.match(onHost.stderr, /spec\.customization_script\.host_path/);
    assert.equal(fs.existsSync(canary), false);
  });

  testStateUnchanged();
});

describe('PlanClone on a host set up to fail the host checks', () => {
  // aixsim caps LV names at mklv's 15 characters; 13 is over alt_disk_copy's 11 (note 3).
  const ctx = agentOnFreshHost({
    lvNames: ['applicationlv'],
    unmounted: ['/home'],
    ipldevice: false,
    withoutFilesets: ['bos.alt_disk_install.rte'],
    tcb: true,
    vgNames: ['altdata'],
  });
  const { plan, testStateUnchanged } = planning(ctx);

  test('every host-state finding, each from the command that shows it', async () => {
    const result = await plan({ targetDisks: ['hdisk1'] });
    assert.equal(result.ready, false);
    assert.match(byCode(result, 'lv-name-too-long').message, /applicationlv has 13 characters/);
    assert.match(byCode(result, 'filesystem-not-mounted').message, /^\/home \(logical volume hd1\)/);
    assert.match(byCode(result, 'ipldevice-unusable').message, /bosboot -vd \/dev\/ipldevice failed/);
    assert.match(byCode(result, 'fileset-missing').message, /bos\.alt_disk_install\.rte/);
    assert.match(byCode(result, 'tcb-enabled').remedy, /tcbck -d \/dev\/altinst_rootvg/);
    assert.match(byCode(result, 'alt-prefix-vg').message, /altdata/);
    assert.match(byCode(result, 'alt-prefix-fs').message, /\/altdata/);
    assert.deepEqual(codes(result.findings, 'SEVERITY_ERROR').sort(), [
      'fileset-missing',
      'ipldevice-unusable',
      'lv-name-too-long',
    ]);
    const severities = result.findings.map((f) => f.severity);
    assert.deepEqual(
      severities,
      [...severities].sort((a, b) => rank(a) - rank(b)),
      'errors first, then warnings, then notes',
    );
  });

  test('an image.data (-i) turns the LV name error into a note', async () => {
    const result = await plan({ targetDisks: ['hdisk1'], imageData: { content: Buffer.from('lv_data:\n') } });
    assert.equal(byCode(result, 'lv-name-too-long').severity, 'SEVERITY_INFO');
  });

  testStateUnchanged();
});

describe('PlanClone with an altinst_rootvg on the host', () => {
  const ctx = agentOnFreshHost({ altinst: 'hdisk1' });
  const { plan, testStateUnchanged } = planning(ctx);

  test('phase 1 with an existing altinst_rootvg is refused, with the cleanup command', async () => {
    const result = await plan({ targetDisks: ['hdisk4'] });
    const f = byCode(result, 'altinst-rootvg-exists');
    assert.equal(f.severity, 'SEVERITY_ERROR');
    assert.match(f.message, /on hdisk1/);
    assert.match(f.remedy, /altctl cleanup HOST altinst_rootvg/);
  });

  test('phases 2 and 3 need the phase-1 clone varied on, on the same disks', async () => {
    assert.equal(
      byCode(await plan({ targetDisks: ['hdisk4'], phases: 'PHASES_23' }), 'altinst-rootvg-disks-differ').field,
      'spec.target_disks',
    );
    assert.equal(
      byCode(await plan({ targetDisks: ['hdisk1'], phases: 'PHASES_23' }), 'altinst-rootvg-not-varied-on').field,
      'spec.phases',
    );
  });

  testStateUnchanged();
});

function rank(severity: string): number {
  return ['SEVERITY_ERROR', 'SEVERITY_WARNING', 'SEVERITY_INFO'].indexOf(severity);
}

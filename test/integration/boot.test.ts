import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { agentOnFreshHost } from '../support/agent-on-host';
import { runCtl } from '../support/processes';

interface JsonError {
  error: { code: string; message: string; exitCode: number; field?: string; state?: string };
}

describe('boot lists and boot images, over gRPC, through altctl', () => {
  const ctx = agentOnFreshHost();
  const stateFile = () => fs.readFileSync(path.join(ctx.host.dir, 'state.json'), 'utf8');
  const bootlist = (mode: string) =>
    execFileSync(path.join(ctx.host.bin, 'bootlist'), ['-m', mode, '-o'], { encoding: 'utf8' });

  test('altctl bootlist --json shows both lists as bootlist -o prints them', async () => {
    const result = await runCtl(['bootlist', ctx.agent.address, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout) as {
      normal: { device: string; blv: string; raw: string }[];
      service: unknown[];
    };
    assert.deepEqual(Object.keys(doc), ['normal', 'service']);
    assert.equal(doc.normal[0]?.device, 'hdisk0');
    assert.equal(doc.normal[0]?.blv, 'hd5');
    assert.deepEqual(
      doc.normal.map((d) => d.raw),
      bootlist('normal').trim().split('\n'),
    );
    const normalOnly = JSON.parse(
      (await runCtl(['bootlist', ctx.agent.address, '--mode', 'normal', '--json'])).stdout,
    ) as Record<string, unknown>;
    assert.deepEqual(Object.keys(normalOnly), ['normal']);
  });

  test('bad input is refused with the field named, and nothing on the host changes', async () => {
    const before = stateFile();
    const cases: [string[], number, string, RegExp][] = [
      [
        ['bootlist', ctx.agent.address, '--set', 'hdisk99'],
        2,
        'INVALID_ARGUMENT',
        /^disks\[0\]: hdisk99 is not a disk on this host/,
      ],
      [
        ['bootlist', ctx.agent.address, '--set', 'hdisk0', 'hdisk0;reboot'],
        2,
        'INVALID_ARGUMENT',
        /^disks\[1\]: "hdisk0;reboot" is not an AIX device name/,
      ],
      [['bootlist', ctx.agent.address, '--set', '$(touch /tmp/altdisk-pwned)'], 2, 'INVALID_ARGUMENT', /^disks\[0\]: /],
      [
        ['bootlist', ctx.agent.address, '--set', 'hdisk0', 'hdisk0'],
        2,
        'INVALID_ARGUMENT',
        /^disks\[1\]: hdisk0 is named twice/,
      ],
      [['bosboot', ctx.agent.address, 'hdisk99'], 2, 'INVALID_ARGUMENT', /^disk: hdisk99 is not a disk on this host/],
      [
        ['bosboot', ctx.agent.address, '../../etc/passwd'],
        2,
        'INVALID_ARGUMENT',
        /^disk: .* is not an AIX device name/,
      ],
    ];
    for (const [args, exitCode, code, message] of cases) {
      const result = await runCtl([...args, '--json']);
      assert.equal(result.code, exitCode, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      const { error } = JSON.parse(result.stderr) as JsonError;
      assert.equal(error.code, code, args.join(' '));
      assert.match(error.message, message);
      assert.ok(error.field, 'the field travels as metadata');
    }
    assert.equal(stateFile(), before);
    assert.equal(fs.existsSync('/tmp/altdisk-pwned'), false);
  });

  test('a disk with no boot logical volume cannot enter the boot list (FAILED_PRECONDITION)', async () => {
    const before = stateFile();
    const result = await runCtl(['bootlist', ctx.agent.address, '--set', 'hdisk1', '--json']);
    assert.equal(result.code, 3, result.stderr);
    const { error } = JSON.parse(result.stderr) as JsonError;
    assert.equal(error.code, 'FAILED_PRECONDITION');
    assert.equal(error.state, 'disk-without-boot-image');
    assert.match(error.message, /hdisk1 has no boot logical volume/);
    assert.equal(stateFile(), before);
    const human = await runCtl(['bootlist', ctx.agent.address, '--set', 'hdisk1']);
    assert.equal(human.code, 3);
    assert.match(human.stderr, /^altctl: hdisk1 has no boot logical volume .*; put only disks of rootvg/);
  });

  test('setting the list it already has changes nothing and says so', async () => {
    const first = await runCtl(['bootlist', ctx.agent.address, '--set', 'hdisk0', '--json']);
    assert.equal(first.code, 0, first.stderr);
    const doc = JSON.parse(first.stdout) as { changed: boolean; bootlist: Record<string, unknown> };
    assert.equal(doc.changed, false);
    assert.deepEqual(Object.keys(doc.bootlist), ['normal']);
  });

  test('setting the service list runs bootlist and reads it back', async () => {
    const result = await runCtl(['bootlist', ctx.agent.address, '--mode', 'service', '--set', 'hdisk0', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout) as { changed: boolean; bootlist: { service: { device: string }[] } };
    assert.deepEqual(
      doc.bootlist.service.map((d) => d.device).filter((d, i, a) => a.indexOf(d) === i),
      ['hdisk0'],
    );
    assert.match(bootlist('service'), /^hdisk0 /);
    const again = JSON.parse(
      (await runCtl(['bootlist', ctx.agent.address, '--mode', 'service', '--set', 'hdisk0', '--json'])).stdout,
    ) as { changed: boolean };
    assert.equal(again.changed, false);
  });

  test('bosboot writes a boot image to a rootvg disk and refuses others', async () => {
    const ok = await runCtl(['bosboot', ctx.agent.address, 'hdisk0', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    const doc = JSON.parse(ok.stdout) as { disk: string; bootImageBlocks: number; output: string[] };
    assert.equal(doc.disk, 'hdisk0');
    assert.ok(doc.bootImageBlocks > 0);
    assert.match(doc.output.join('\n'), /bosboot: Boot image is \d+ 512 byte blocks\./);
    const before = stateFile();
    const refused = await runCtl(['bosboot', ctx.agent.address, 'hdisk2', '--json']);
    assert.equal(refused.code, 3, refused.stderr);
    const { error } = JSON.parse(refused.stderr) as JsonError;
    assert.equal(error.state, 'disk-not-in-rootvg');
    assert.match(error.message, /hdisk2 is in volume group datavg, not in the running rootvg/);
    assert.equal(stateFile(), before);
  });
});

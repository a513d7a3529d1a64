import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { agentOnFreshHost } from '../support/agent-on-host';
import { parseEventStream } from '../support/ctl-json';
import { hostCommand } from '../support/host-commands';
import { runCtl } from '../support/processes';

interface EnvsJson {
  environments: { name: string; disks: string[]; booted: boolean; nextBoot: boolean }[];
  bootDisk: string;
  nextBootDisk: string;
}

async function ok(args: string[]): Promise<string> {
  const result = await runCtl(args, { timeoutMs: 120_000 });
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** ACTIVE flags by environment, as `altctl envs --json` says them. */
async function active(address: string): Promise<Record<string, string>> {
  const envs = JSON.parse(await ok(['envs', address, '--json'])) as EnvsJson;
  return Object.fromEntries(envs.environments.map((e) => [e.name, `${e.booted ? 'N' : ''}${e.nextBoot ? 'R' : ''}`]));
}

/**
 * Real normal boot lists often start with devices the firmware skips when they have
 * nothing to boot (fd0, cd0, a network adapter): the next boot disk is the first disk
 * with a boot record, and setting or rolling back the list keeps the other devices.
 */
describe('boot lists that do not start with a disk', () => {
  const ctx = agentOnFreshHost({ devices: ['fd0', 'cd0', 'rmt0', 'ent0'] });
  const normal = () => hostCommand(ctx.host.bin, 'bootlist', ['-m', 'normal', '-o']).trim().split('\n');
  const ent0 = 'ent0 bserver=10.0.0.1 client=10.0.0.7 gateway=10.0.0.254';

  test('envs, reboot and rollback see past fd0 and cd0; --set keeps them unless told to drop them', async () => {
    const a = ctx.agent.address;
    hostCommand(ctx.host.bin, 'bootlist', ['-m', 'normal', 'fd0', 'cd0', 'hdisk0', ...ent0.split(' ')]);
    const envs = JSON.parse(await ok(['envs', a, '--json'])) as EnvsJson;
    assert.equal(envs.nextBootDisk, 'hdisk0');
    assert.deepEqual(await active(a), { rootvg: 'NR' });
    const shown = JSON.parse(await ok(['bootlist', a, '--mode', 'normal', '--json'])) as {
      normal: { device: string; attributes: Record<string, string> }[];
    };
    assert.deepEqual(
      shown.normal.map((d) => d.device),
      ['fd0', 'cd0', 'hdisk0', 'ent0'],
    );
    assert.deepEqual(shown.normal[3]?.attributes, { bserver: '10.0.0.1', client: '10.0.0.7', gateway: '10.0.0.254' });

    // a clone that leaves the boot list alone (-B), then its disk set first: fd0, cd0 and ent0 stay where they were
    assert.equal(
      parseEventStream(await runCtl(['clone', a, 'hdisk1', '--no-bootlist', '--json'], { timeoutMs: 120_000 })).job
        .state,
      'succeeded',
    );
    const set = JSON.parse(await ok(['bootlist', a, '--set', 'hdisk1', 'hdisk0', '--json'])) as { changed: boolean };
    assert.equal(set.changed, true);
    assert.deepEqual(normal(), ['fd0', 'cd0', 'hdisk1 blv=hd5 pathid=0', 'hdisk0 blv=hd5 pathid=0', ent0]);
    const again = JSON.parse(await ok(['bootlist', a, '--set', 'hdisk1', 'hdisk0', '--json'])) as { changed: boolean };
    assert.equal(again.changed, false, 'the same disks with the devices kept is the list it has');
    assert.deepEqual(await active(a), { rootvg: 'N', altinst_rootvg: 'R' });
    assert.match(await ok(['envs', a]), /^altinst_rootvg +R +hdisk1 /m);

    const reboot = JSON.parse(await ok(['reboot', a, '--yes', '--json'])) as { bootDisk: string; environment: string };
    assert.deepEqual([reboot.bootDisk, reboot.environment], ['hdisk1', 'altinst_rootvg']);
    assert.equal(hostCommand(ctx.host.bin, 'bootinfo', ['-b']).trim(), 'hdisk1');
    assert.deepEqual(await active(a), { rootvg: 'NR', old_rootvg: '' });

    const back = JSON.parse(await ok(['rollback', a, '--json'])) as {
      environment: string;
      disk: string;
      changed: boolean;
    };
    assert.deepEqual([back.environment, back.disk, back.changed], ['old_rootvg', 'hdisk0', true]);
    assert.deepEqual(
      normal(),
      ['fd0', 'cd0', 'hdisk0 blv=hd5 pathid=0', ent0],
      'rollback replaces the disks, keeps the rest',
    );
    assert.deepEqual(await active(a), { rootvg: 'N', old_rootvg: 'R' });
    const noop = JSON.parse(await ok(['rollback', a, '--json'])) as { changed: boolean };
    assert.equal(noop.changed, false);

    // a list that would hold more than five devices with the others kept is refused, naming the way out
    hostCommand(ctx.host.bin, 'bootlist', ['-m', 'normal', 'fd0', 'cd0', 'rmt0', 'hdisk0', 'ent0']);
    const long = await runCtl(['bootlist', a, '--set', 'hdisk1', 'hdisk0', '--json']);
    assert.equal(long.code, 3, long.stderr);
    const { error } = JSON.parse(long.stderr) as { error: { code: string; state: string; message: string } };
    assert.deepEqual([error.code, error.state], ['FAILED_PRECONDITION', 'bootlist-too-long']);
    assert.match(error.message, /would hold 6 devices \(fd0 cd0 rmt0 hdisk1 hdisk0 ent0\)/);
    assert.deepEqual(normal(), ['fd0', 'cd0', 'rmt0', 'hdisk0 blv=hd5 pathid=0', 'ent0']);

    const dropped = JSON.parse(
      await ok(['bootlist', a, '--set', 'hdisk1', 'hdisk0', '--other-devices', 'drop', '--json']),
    ) as { changed: boolean };
    assert.equal(dropped.changed, true);
    assert.deepEqual(normal(), ['hdisk1 blv=hd5 pathid=0', 'hdisk0 blv=hd5 pathid=0']);
  });

  test('reboot refuses a list where no disk has a boot record, naming what it holds', async () => {
    hostCommand(ctx.host.bin, 'bootlist', ['-m', 'normal', 'cd0', 'ent0', 'hdisk4']);
    const refused = await runCtl(['reboot', ctx.agent.address, '--yes', '--json']);
    assert.equal(refused.code, 3, refused.stderr);
    const { error } = JSON.parse(refused.stderr) as { error: { state: string; message: string } };
    assert.equal(error.state, 'unbootable-bootlist');
    assert.match(error.message, /^no disk of the normal boot list has a boot record \(it holds cd0 ent0 hdisk4\)/);
    const human = await ok(['envs', ctx.agent.address]);
    assert.match(human, /Nothing boots next: no disk of the normal boot list has a boot record/);
  });
});

describe('bootinfo -b printing nothing (as after a rootvg migration)', () => {
  const ctx = agentOnFreshHost();

  test('envs still marks rootvg as the running environment', async () => {
    ctx.host.fault({ kind: 'bootinfo-b-empty' });
    assert.equal(hostCommand(ctx.host.bin, 'bootinfo', ['-b']), '');
    const envs = JSON.parse(await ok(['envs', ctx.agent.address, '--json'])) as EnvsJson;
    assert.equal(envs.bootDisk, '');
    assert.deepEqual(await active(ctx.agent.address), { rootvg: 'NR' });
    assert.match(await ok(['envs', ctx.agent.address]), /^rootvg +NR +hdisk0 /m);
  });
});

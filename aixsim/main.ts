#!/usr/bin/env node
import yargs from 'yargs';
import { AixsimError } from './errors';
import { initHost, type InitOptions } from './init';

/**
 * The aixsim CLI: makes and (later) drives emulated AIX hosts. The AIX commands
 * themselves are not here: they are the executables in DIR/bin.
 */

interface InitArgs {
  dir: string;
  force: boolean;
  hostname?: string;
  oslevel?: string;
  seed?: string;
  disks?: number;
  files?: number;
  ipldevice: boolean;
  unmounted?: string[];
  'lv-name'?: string[];
  'lv-without-mount'?: string[];
  'raw-lv'?: string[];
  mirror: boolean;
  'disk-size'?: string[];
  'concurrent-vg': boolean;
  'without-fileset'?: string[];
  fileset?: string[];
  altinst?: string;
  'boot-time'?: string;
  'memory-mb'?: number;
  tcb: boolean;
  'vg-name'?: string[];
  device?: string[];
  json: boolean;
}

class UsageError extends AixsimError {}

function toInitOptions(a: InitArgs): InitOptions {
  const filesets: Record<string, string> = {};
  for (const spec of a.fileset ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UsageError(`--fileset ${spec}: write NAME=LEVEL, e.g. bos.alt_disk_install.rte=7.2.5.0`);
    filesets[spec.slice(0, eq)] = spec.slice(eq + 1);
  }
  const diskSizes: Record<string, number> = {};
  for (const spec of a['disk-size'] ?? []) {
    const m = /^([^=]+)=(\d+)$/.exec(spec);
    if (!m) throw new UsageError(`--disk-size ${spec}: write DISK=MB, e.g. hdisk4=8192`);
    diskSizes[m[1] as string] = Number(m[2]);
  }
  let bootTime: Date | undefined;
  if (a['boot-time'] !== undefined) {
    bootTime = new Date(a['boot-time']);
    if (Number.isNaN(bootTime.getTime())) throw new UsageError(`--boot-time ${a['boot-time']}: give an ISO-8601 time`);
  }
  const opts: InitOptions = {
    force: a.force,
    ipldevice: a.ipldevice,
    concurrentVg: a['concurrent-vg'],
    mirror: a.mirror,
    diskSizes,
    unmounted: a.unmounted ?? [],
    lvNames: a['lv-name'] ?? [],
    lvsWithoutMount: a['lv-without-mount'] ?? [],
    rawLvs: a['raw-lv'] ?? [],
    withoutFilesets: a['without-fileset'] ?? [],
    filesets,
  };
  if (a.hostname !== undefined) opts.hostname = a.hostname;
  if (a.oslevel !== undefined) opts.oslevel = a.oslevel;
  if (a.seed !== undefined) opts.seed = a.seed;
  if (a.disks !== undefined) opts.disks = a.disks;
  if (a.files !== undefined) opts.files = a.files;
  if (a.altinst !== undefined) opts.altinst = a.altinst;
  if (bootTime !== undefined) opts.bootTime = bootTime;
  if (a['memory-mb'] !== undefined) opts.memoryMb = a['memory-mb'];
  if (a.tcb) opts.tcb = true;
  if (a['vg-name'] !== undefined) opts.vgNames = a['vg-name'];
  if (a.device !== undefined) opts.devices = a.device;
  return opts;
}

async function main(argv: string[]): Promise<void> {
  await yargs(argv)
    .scriptName('aixsim')
    .usage(
      '$0 <command> [options]\n\nAn emulated AIX host: its lspv, lsvg, bootlist, bosboot ... run on Linux against a state directory.',
    )
    .command(
      'init <dir>',
      'Create an emulated host in DIR (DIR/bin holds its AIX commands)',
      (y) =>
        y
          .positional('dir', {
            type: 'string',
            demandOption: true,
            describe: 'Host directory (created; must be empty unless --force)',
          })
          .option('force', { type: 'boolean', default: false, describe: 'Replace the contents of a non-empty DIR' })
          .option('hostname', { type: 'string', describe: 'Host name (default aixsim01)' })
          .option('oslevel', { type: 'string', describe: 'oslevel -s of the system (default 7200-05-03-2148)' })
          .option('seed', { type: 'string', describe: 'Seed for PVIDs and VG ids (default: the host name)' })
          .option('disks', {
            type: 'number',
            describe: 'Number of spare disks hdisk1..hdiskN (default 5, the standard set)',
          })
          .option('files', { type: 'number', describe: 'Extra generated files over /usr, /var, /opt, /home' })
          .option('ipldevice', {
            type: 'boolean',
            default: true,
            describe: 'Create /dev/ipldevice (--no-ipldevice to leave it out)',
          })
          .option('unmounted', {
            type: 'string',
            array: true,
            describe: 'rootvg mount point to leave unmounted (repeatable)',
          })
          .option('lv-name', {
            type: 'string',
            array: true,
            describe: 'Add a rootvg jfs2 LV with this name (repeatable)',
          })
          .option('lv-without-mount', {
            type: 'string',
            array: true,
            describe: 'Add a rootvg jfs2 LV with no mount point, never mounted (repeatable)',
          })
          .option('raw-lv', {
            type: 'string',
            array: true,
            describe: 'Add a rootvg LV of type raw, holding no file system (repeatable)',
          })
          .option('mirror', {
            type: 'boolean',
            default: false,
            describe: 'Mirror rootvg onto hdisk1 (mirrorvg): 2 copies of every LV but the dump device',
          })
          .option('disk-size', {
            type: 'string',
            array: true,
            describe: 'DISK=MB: give a spare disk another size, e.g. hdisk4=8192 (repeatable)',
          })
          .option('concurrent-vg', {
            type: 'boolean',
            default: false,
            describe: 'Add a concurrent-capable VG (concvg) on an extra disk',
          })
          .option('without-fileset', { type: 'string', array: true, describe: 'Leave this fileset out (repeatable)' })
          .option('fileset', {
            type: 'string',
            array: true,
            describe: 'NAME=LEVEL: add or re-level a fileset (repeatable)',
          })
          .option('altinst', { type: 'string', describe: 'Leave a varied-off altinst_rootvg copy on this spare disk' })
          .option('boot-time', { type: 'string', describe: 'Boot time, ISO-8601 (default an hour ago)' })
          .option('memory-mb', { type: 'number', describe: 'Real memory in MB (default 8192)' })
          .option('tcb', {
            type: 'boolean',
            default: false,
            describe: 'Trusted Computing Base enabled (odmget PdAt TCB_STATE)',
          })
          .option('vg-name', {
            type: 'string',
            array: true,
            describe: 'Add a VG of this name on an extra disk (e.g. altdata; repeatable)',
          })
          .option('device', {
            type: 'string',
            array: true,
            describe: 'Add a non-disk device a boot list may name: fd0, cd0, rmt0, ent0 (repeatable)',
          })
          .option('json', { type: 'boolean', default: false, describe: 'Print the layout as JSON' }),
      async (args) => {
        const layout = await initHost(args.dir, toInitOptions(args));
        if (args.json) {
          process.stdout.write(`${JSON.stringify(layout, null, 2)}\n`);
        } else {
          process.stdout.write(
            `aixsim: created host ${layout.hostname} in ${layout.dir} (${layout.disks.length} disks)\n` +
              `commands: ${layout.bin}/{${layout.commands.map((c) => c.slice(layout.bin.length + 1)).join(',')}}\n`,
          );
        }
      },
    )
    .command(
      'reboot <dir>',
      'Reboot the host from the first disk of its normal bootlist (as shutdown -Fr)',
      (y) => y.positional('dir', { type: 'string', demandOption: true }),
      (args) => {
        const { rebootHost } = require('./admin/reboot') as typeof import('./admin/reboot');
        const { BootError } = require('./state/boot') as typeof import('./state/boot');
        try {
          const r = rebootHost(args.dir);
          let text = `aixsim: booted from ${r.disk}`;
          if (r.previous) text += `; the previous rootvg is now ${r.previous.name}`;
          if (r.firstBoot) text += `; first-boot script ${r.firstBoot.script} exited with ${String(r.firstBootStatus)}`;
          process.stdout.write(`${text}\n`);
        } catch (e) {
          if (e instanceof BootError) throw new AixsimError(`cannot reboot: ${e.message}`);
          throw e;
        }
      },
    )
    .command(
      'tune <dir>',
      'Set how fast the host works (alt_disk_copy copy rate, step pacing); prints the settings',
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true })
          .option('copy-rate-mb', { type: 'number', describe: 'Backup/restore speed in MB/s (default 1000)' })
          .option('step-delay-ms', { type: 'number', describe: 'Pause after each progress line (default 30)' })
          .option('files-per-sec', {
            type: 'number',
            describe: 'At most this many files copied per second; 0 = no limit (default)',
          })
          .option('reset', { type: 'boolean', default: false, describe: 'Back to the defaults first' }),
      (args) => {
        const { tuneHost } = require('./admin/tune') as typeof import('./admin/tune');
        const changes: Record<string, number | undefined> = {
          copyRateMbPerSec: args['copy-rate-mb'],
          stepDelayMs: args['step-delay-ms'],
          filesPerSec: args['files-per-sec'],
        };
        const now = tuneHost(args.dir, changes, args.reset);
        process.stdout.write(
          `copy-rate-mb ${now.copyRateMbPerSec}\nstep-delay-ms ${now.stepDelayMs}\nfiles-per-sec ${now.filesPerSec}\n`,
        );
      },
    )
    .command(
      'fault <dir> <action> [kind]',
      'Inject failures: add disk-error|bosboot-fail|target-too-small|hang|slow|disk-unreadable|bootinfo-b-empty|vg-locked, list, clear [ID]',
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true })
          .positional('action', { type: 'string', choices: ['add', 'list', 'clear'], demandOption: true })
          .positional('kind', { type: 'string', describe: 'add: the fault kind; clear: a fault id (default all)' })
          .option('disk', { type: 'string', describe: 'disk-error, target-too-small, disk-unreadable: the disk' })
          .option('after-percent', {
            type: 'number',
            describe: 'disk-error: fail when this % of the bytes are copied (default 50)',
          })
          .option('size-mb', { type: 'number', describe: 'target-too-small: the size alt_disk_copy sees' })
          .option('command', {
            type: 'string',
            describe: 'hang: the command that never returns; slow: the command that waits first',
          })
          .option('ms', {
            type: 'number',
            describe: 'slow: milliseconds the command waits before it runs (default 1000)',
          })
          .option('vg', {
            type: 'string',
            describe: 'vg-locked: the volume group whose LVM lock is held (chvg -u VG frees it)',
          })
          .option('json', { type: 'boolean', default: false }),
      (args) => {
        const f = require('./admin/faults') as typeof import('./admin/faults');
        if (args.action === 'add') {
          if (args.kind === undefined)
            throw new UsageError(
              'fault add needs a kind: disk-error, bosboot-fail, target-too-small, hang, slow, disk-unreadable, bootinfo-b-empty or vg-locked',
            );
          const spec: import('./admin/faults').FaultSpec = { kind: args.kind };
          if (args.disk !== undefined) spec.disk = args.disk;
          if (args['after-percent'] !== undefined) spec.afterPercent = args['after-percent'];
          if (args['size-mb'] !== undefined) spec.sizeMb = args['size-mb'];
          if (args.command !== undefined) spec.command = args.command;
          if (args.ms !== undefined) spec.ms = args.ms;
          if (args.vg !== undefined) spec.vg = args.vg;
          const fault = f.addFault(args.dir, spec);
          process.stdout.write(args.json ? `${JSON.stringify(fault)}\n` : `${f.describeFault(fault)}\n`);
        } else if (args.action === 'list') {
          const all = f.listFaults(args.dir);
          process.stdout.write(
            args.json ? `${JSON.stringify(all, null, 2)}\n` : all.map((x) => `${f.describeFault(x)}\n`).join(''),
          );
        } else {
          const n = f.clearFaults(args.dir, args.kind);
          process.stdout.write(`aixsim: ${n} fault(s) cleared\n`);
        }
      },
    )
    .command(
      'disk <dir> <action> <kind>',
      'Add disks another owner holds: add powerpath|sdd|hdlm (a pseudo-device over native paths), mpio, gpfs, foreign',
      (y) =>
        y
          .positional('dir', { type: 'string', demandOption: true })
          .positional('action', { type: 'string', choices: ['add'], demandOption: true })
          .positional('kind', {
            type: 'string',
            choices: ['powerpath', 'sdd', 'hdlm', 'mpio', 'gpfs', 'foreign'],
            demandOption: true,
          })
          .option('paths', {
            type: 'number',
            describe:
              'powerpath, sdd, hdlm: native paths under the pseudo-device (default 2); mpio: MPIO paths (default 4)',
          })
          .option('size-mb', { type: 'number', describe: 'Size of the LUN in MB (default 51200)' })
          .option('vg', {
            type: 'string',
            describe: 'powerpath, sdd, hdlm: put the pseudo-device in a new volume group of this name',
          })
          .option('nsd', { type: 'string', describe: 'gpfs: the NSD name (default gpfsNnsd)' })
          .option('lspv', {
            type: 'string',
            choices: ['nsd', 'none'],
            describe: 'gpfs: what lspv shows in the VG column (default nsd)',
          })
          .option('vgda', {
            type: 'boolean',
            default: false,
            describe: 'foreign: the header also holds an LVM record (a VGDA) of a VG this host does not know',
          })
          .option('odm-pvid', {
            type: 'boolean',
            default: false,
            describe: 'foreign: the ODM knows the PVID too (lspv shows it)',
          })
          .option('json', { type: 'boolean', default: false }),
      (args) => {
        const { addDisks } = require('./admin/disks') as typeof import('./admin/disks');
        const spec: import('./admin/disks').AddDiskSpec = {
          kind: args.kind ?? '',
          vgda: args.vgda,
          odmPvid: args['odm-pvid'],
        };
        if (args.paths !== undefined) spec.paths = args.paths;
        if (args['size-mb'] !== undefined) spec.sizeMb = args['size-mb'];
        if (args.vg !== undefined) spec.vg = args.vg;
        if (args.nsd !== undefined) spec.nsd = args.nsd;
        if (args.lspv === 'nsd' || args.lspv === 'none') spec.lspv = args.lspv;
        const added = addDisks(args.dir, spec);
        process.stdout.write(args.json ? `${JSON.stringify(added)}\n` : `aixsim: added ${added.summary}\n`);
      },
    )
    .demandCommand(1)
    .strict()
    .recommendCommands()
    .showHelpOnFail(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    })
    .help()
    .parseAsync();
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof AixsimError) {
    process.stderr.write(`aixsim: ${err.message}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  } else {
    process.stderr.write(
      `aixsim: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 70;
  }
});

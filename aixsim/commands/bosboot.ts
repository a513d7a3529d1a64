import type { FlagSet } from '../cli/getopt';
import { bootImageBlocks, bootImageRecord } from '../state/boot-image';
import type { HostState } from '../state/model';
import { findDisk, findVg, vgOfDisk } from '../state/queries';
import { readIpldevice } from '../state/store';
import type { CommandContext } from './context';
import { defineCommand } from './define';
import { BOSBOOT_MSG } from '../format/bosboot-messages';
import { faultsOf } from '../state/faults';

/**
 * bosboot: writes a boot image to a rootvg disk's boot LV and records it in the state.
 *
 * Backed by samples: the success line (test/fixtures/aix/bosboot.success.*.txt). The
 * messages, the blank line AIX prints before each of them ("\n%s: Boot image is %s 512
 * byte blocks.\n"), and the exit statuses (2 without an action, 1 for 0301-150, 54 for
 * 0301-168, 4 for 0301-174) follow the message strings and error handling of AIX's
 * bosboot ksh script; that script also fixes the rule that the device must hold the boot
 * LV (it compares the device with `lslv -l hd5`'s disk).
 * Inferred: the usage text (modern flags laid out like the script's usage), the -q report
 * sizes, failing when /dev/ipldevice is missing only if -d is not given, and the 0301-165
 * warning (status 1) that a bosboot-fail fault (aixsim fault) produces for -a.
 */
const USAGE =
  '\nusage:\tbosboot {-a | -v} [-d device] [-p proto] [-k kernel] [-l lvdev]\n' +
  '\t\t   [-b file] [-M primary|standby|both] [-D|-I] [-LTq]\n' +
  '\tWhere:\n' +
  '\t-a\t\tCreate boot image and write to device or file.\n' +
  '\t-v\t\tVerify, but do not build boot image.\n' +
  '\t-d device\tDevice for which to create the boot image.\n' +
  '\t-p proto\tUse given proto file for RAM disk file system.\n' +
  '\t-k kernel\tUse given kernel file for boot image.\n' +
  '\t-l lvdev\tTarget boot logical volume for boot image.\n' +
  '\t-b file\t\tUse given file name for boot image name.\n' +
  '\t-D\t\tLoad Low Level Debugger.\n' +
  '\t-I\t\tLoad and Invoke Low Level Debugger.\n' +
  '\t-M primary|standby|both\tBoot mode - primary or standby.\n' +
  '\t-q\t\tQuery disk space required to create boot image.\n' +
  '\t-L\t\tEnable MP locks instrumentation.\n' +
  '\t-T\t\tBuild boot image for specified hardware type.\n';

const MSG = {
  notOnDevice: (blv: string, dev: string) =>
    `\n0301-168 bosboot: The current boot logical volume, ${blv},\n\tdoes not exist on ${dev}.\n`,
  invalidLv: (dev: string) => `\n0301-174 bosboot: Invalid device ${dev} specified!\n`,
  imageSize: (blocks: number) => `\nbosboot: Boot image is ${blocks} 512 byte blocks.\n`,
};

export const main = defineCommand({ optstring: 'ab:d:DIk:l:LM:O:p:qT:Uvw:r:', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  if (operands.length > 0 || flags.count('a') > 1 || (flags.has('D') && flags.has('I'))) {
    ctx.err.write(USAGE);
    return 1;
  }
  if (flags.has('w') || flags.has('r') || flags.has('b')) {
    ctx.err.write(`${ctx.name}: aixsim: -w, -r and -b are not emulated\n`);
    return 1;
  }
  const action = flags.has('a') ? 'create' : flags.has('v') ? 'verify' : null;
  if (action === null) {
    ctx.err.write(USAGE);
    return 2;
  }
  const state = ctx.state();

  const blvArg = flags.value('l');
  const blvName = (blvArg ?? '/dev/hd5').replace(/^\/dev\//, '');
  const rootvg = findVg(state, 'rootvg');
  if (blvArg !== undefined && !rootvg?.lvs.some((lv) => lv.name === blvName && lv.type === 'boot' && lv.odm)) {
    ctx.err.write(MSG.invalidLv(blvArg));
    return 4;
  }

  const dArg = flags.value('d');
  let devName: string | null;
  if (dArg === undefined || /^(\/dev\/)?ipldevice$/.test(dArg)) {
    devName = readIpldevice(ctx.paths);
  } else {
    devName = dArg.replace(/^\/dev\//, '').replace(/^rhdisk/, 'hdisk');
  }
  if (devName === null || !/^hdisk\d+$/.test(devName)) {
    ctx.err.write(BOSBOOT_MSG.invalidDevice + USAGE);
    return 1;
  }
  const device = `/dev/${devName}`;
  if (!holdsBootLv(state, devName, blvName)) {
    ctx.err.write(MSG.notOnDevice(`/dev/${blvName}`, device));
    return 54;
  }

  const blocks = bootImageBlocks(state.os.serviceLevel);
  if (flags.has('q')) {
    // Query: the space the build would need in /tmp, in KB (roughly the image twice over).
    ctx.out.write(`\nFilesystem\tKB required\n/tmp\t\t${blocks}\n`);
    return 0;
  }
  if (action === 'verify') return 0;
  if (faultsOf(state, 'bosboot-fail').length > 0) {
    ctx.err.write(BOSBOOT_MSG.failed);
    return 1;
  }

  const createdAt = ctx.now().toISOString();
  ctx.mutate((s) => {
    s.bootImages[devName as string] = bootImageRecord(s.os.serviceLevel, createdAt, blvName);
  });
  ctx.out.write(MSG.imageSize(blocks));
  return 0;
}

/** The device must be a rootvg disk carrying that boot LV (bosboot checks `lslv -l hd5`). */
function holdsBootLv(state: HostState, disk: string, blv: string): boolean {
  if (!findDisk(state, disk)) return false;
  const vg = vgOfDisk(state, disk);
  if (!vg || vg.name !== 'rootvg' || vg.state !== 'active') return false;
  return vg.lvs.some((lv) => lv.name === blv && lv.type === 'boot' && lv.placement.some((p) => p.disk === disk));
}

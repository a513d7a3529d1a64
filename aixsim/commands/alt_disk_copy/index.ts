import type { FlagSet } from '../../cli/getopt';
import type { CommandContext } from '../context';
import { defineCommand } from '../define';
import { claimAltDiskOp, releaseAltDiskOp } from '../../state/altvg';
import { settingsOf } from '../../state/settings';
import { loadExcludeList, type ExcludeList } from './exclude';
import { parseImageData, type ImageData } from './imagedata';
import { USAGE } from './messages';
import { cloneOptions, OPTSTRING } from './options';
import { phase1 } from './phase1';
import { phase2 } from './phase2';
import { phase3 } from './phase3';
import { diskErrors, laterPhaseErrors, makePlan } from './plan';
import { Cancelled, Fatal, Runtime } from './runtime';

/**
 * alt_disk_copy: clones the running rootvg onto other disks, in three phases, with every
 * flag of the manual (test/fixtures/aix/alt_disk_copy.messages.md lists what it prints
 * and which lines are backed by real captures; options.ts, plan.ts and phase1-3.ts say
 * what each flag does here).
 *
 * Exit status (manual): 0 success, >0 error. Backup/restore errors (a disk-error fault)
 * follow note 8: printed, the command goes on and returns 0; with ALT_BAK_ERR_FAIL=1 it
 * cleans up (removes the half-made altinst_rootvg) and returns 1; with
 * ALT_BAK_ERR_REPORT=1 it finishes but returns 1 and does not set the bootlist.
 * SIGTERM/SIGINT: stops at once, leaves what was made, returns 143/130.
 * Accepted without effect here: -D (ksh trace on AIX), -u (no WPARs on an emulated host).
 */
export const run = defineCommand({ optstring: OPTSTRING, usage: USAGE, stream: altDiskCopy });

async function altDiskCopy(flags: FlagSet, operands: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = cloneOptions(flags, operands);
  if (!parsed.ok) {
    ctx.err.write(parsed.message);
    return 1;
  }
  const o = parsed.options;
  const state = ctx.state();
  const rt = new Runtime(ctx, settingsOf(state));
  rt.verboseList = o.verbose;
  const errorFail = process.env['ALT_BAK_ERR_FAIL'] === '1';
  const errorReport = process.env['ALT_BAK_ERR_REPORT'] === '1';
  const imageData: ImageData | undefined = o.imageData !== undefined ? parseImageData(o.imageData) : undefined;
  const exclude: ExcludeList | undefined =
    o.exclude !== undefined ? loadExcludeList(o.exclude, ctx.paths.root) : undefined;
  const doPhase1 = o.phases.includes(1);
  const plan = doPhase1 ? makePlan(state, o, imageData) : undefined;

  // The host checks and taking the operation slot happen under one lock: two clones
  // started together cannot both pass.
  const startedAt = ctx.now().toISOString();
  const refusal = ctx.mutate((s) => {
    const e = doPhase1 ? diskErrors(s, o) : laterPhaseErrors(s, o);
    if (e === null) claimAltDiskOp(s, ctx.name, startedAt);
    return e;
  });
  if (refusal !== null) {
    ctx.err.write(refusal);
    return 1;
  }

  rt.install();
  try {
    let restoreError = false;
    if (doPhase1 && plan) restoreError = (await phase1(rt, o, plan, exclude, errorFail)).restoreError;
    if (o.phases.includes(2)) await phase2(rt, o);
    if (o.phases.includes(3)) await phase3(rt, o, !o.noBootlist && !(restoreError && errorReport));
    release(ctx);
    if (o.reboot && o.phases.includes(3)) {
      const { shutdownText } = require('../shutdown') as typeof import('../shutdown');
      const { reboot } = require('../../ops/reboot') as typeof import('../../ops/reboot');
      ctx.out.write(shutdownText(ctx.now()));
      reboot(ctx.paths, ctx.now);
    }
    return restoreError && errorReport ? 1 : 0;
  } catch (e) {
    release(ctx);
    if (e instanceof Cancelled) return e.signal === 'SIGINT' ? 130 : 143;
    if (e instanceof Fatal) return e.exitCode;
    throw e;
  } finally {
    rt.uninstall();
  }
}

function release(ctx: CommandContext): void {
  ctx.mutate(releaseAltDiskOp);
}

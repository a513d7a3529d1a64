import type { AixCommands } from '../aix/aix-commands';
import type { CommandRunner } from '../exec/command-runner';
import { readNextBootDisk } from '../inventory/next-boot';
import type { LspvEntry } from '../aix/parsers/lspv';
import { ALTINST_ROOTVG, OLD_ROOTVG } from '../inventory/vg-role';
import type { Logger } from '../logger';
import type { JobEnd, JobProgress, JobRecord, JobStateName } from './job-record';
import { firstMessage } from '../aix/clone-commands';

export interface Conclusion {
  state: JobStateName;
  summary: string;
  nextStep: string;
  leftover: string;
}

export interface ConclusionContext {
  record: JobRecord;
  end: JobEnd;
  /** Where the command was when it ended: the phase and the last step it printed. */
  progress: Pick<JobProgress, 'phase' | 'step'>;
  warnings: readonly string[];
  aix: AixCommands;
  runner: CommandRunner;
  logger: Logger;
}

/**
 * How a clone ended, said from what the host shows afterwards (lspv, bootlist),
 * not from what was hoped. A cancelled clone that made an altinst_rootvg has it
 * removed; whatever cannot be removed is named with the command that removes it.
 */
export async function concludeClone(ctx: ConclusionContext): Promise<Conclusion> {
  const { record } = ctx;
  const { exit } = ctx.end;
  if (record.cancelRequested && exit?.exitCode !== 0) {
    // A cancel that came too late leaves a finished clone: it is a success, never removed as half-made.
    const judged = ctx.end.unobserved ? await judgeCloneFromHost(ctx) : undefined;
    return judged?.state === 'succeeded' ? finishedBeforeCancel(judged) : cancelledClone(ctx);
  }
  const outcome = await endedClone(ctx);
  return record.cancelRequested && outcome.state === 'succeeded' ? finishedBeforeCancel(outcome) : outcome;
}

function finishedBeforeCancel(outcome: Conclusion): Conclusion {
  return { ...outcome, summary: `the clone had finished before the cancel could stop it; ${outcome.summary}` };
}

/**
 * A cancelled clone: what it made is removed, judged by lspv after the removal, not by
 * alt_rootvg_op's exit status: a removal an earlier agent started (killed while it
 * concluded) may still be running and make this one fail, and is given time to end.
 */
async function cancelledClone(ctx: ConclusionContext): Promise<Conclusion> {
  const { record } = ctx;
  const disks = record.disks.join(' ');
  const madeByThisJob = record.phases === 'all' || record.phases.includes('1');
  const left = await altinstOn(ctx);
  if (left.length === 0)
    return { state: 'cancelled', summary: `clone cancelled; nothing was left on ${disks}`, nextStep: '', leftover: '' };
  if (!madeByThisJob) {
    return {
      state: 'cancelled',
      summary: `clone cancelled during phases ${record.phases}`,
      nextStep: `run the phases again (altctl clone HOST ${disks} --phases ${record.phases}) or remove the clone (altctl cleanup HOST altinst_rootvg --yes)`,
      leftover: `altinst_rootvg on ${left.join(' ')} (made by an earlier phase-1 job) is left part-way through phases ${record.phases}`,
    };
  }
  const removal = await ctx.runner.run('alt_rootvg_op', ['-X', ALTINST_ROOTVG]);
  let still = await altinstOn(ctx);
  for (let wait = 0; still.length > 0 && removal.exitCode !== 0 && wait < REMOVAL_WAITS; wait++) {
    await new Promise((resolve) => setTimeout(resolve, REMOVAL_WAIT_MS));
    still = await altinstOn(ctx);
  }
  if (still.length === 0) {
    return {
      state: 'cancelled',
      summary: `clone cancelled; the half-made altinst_rootvg was removed and ${disks} ${record.disks.length > 1 ? 'are' : 'is'} free again`,
      nextStep: '',
      leftover: '',
    };
  }
  const said = firstMessage(`${removal.stderr}\n${removal.stdout}`) || `exit status ${removal.exitCode}`;
  return {
    state: 'cancelled',
    summary: 'clone cancelled, but its half-made altinst_rootvg could not be removed',
    nextStep: 'remove it with: altctl cleanup HOST altinst_rootvg --yes',
    leftover: `altinst_rootvg on ${still.join(' ')} (alt_rootvg_op -X altinst_rootvg said: ${said}); remove it with \`altctl cleanup HOST altinst_rootvg --yes\` or \`alt_rootvg_op -X altinst_rootvg\` on the host`,
  };
}

const REMOVAL_WAITS = 5;
const REMOVAL_WAIT_MS = 2000;

/** How a clone that was not cancelled (or finished anyway) ended. */
async function endedClone(ctx: ConclusionContext): Promise<Conclusion> {
  const { record } = ctx;
  const { exit } = ctx.end;
  const disks = record.disks.join(' ');
  if (ctx.end.unobserved) return judgeCloneFromHost(ctx);
  if (ctx.end.lost !== null || !exit || exit.exitCode !== 0) {
    const left = await altinstOn(ctx);
    const why = failure(ctx, 'alt_disk_copy');
    const lastProblem = ctx.warnings.at(-1);
    return {
      state: 'failed',
      summary: lastProblem ? `${why}: ${lastProblem}` : why,
      nextStep:
        left.length > 0
          ? `look at the job output (altctl watch HOST ${record.id}), remove the partial clone (altctl cleanup HOST altinst_rootvg --yes), fix the cause and clone again`
          : `look at the job output (altctl watch HOST ${record.id}), fix the cause and clone again`,
      leftover:
        left.length > 0
          ? `altinst_rootvg is left on ${left.join(' ')}; remove it with \`altctl cleanup HOST altinst_rootvg --yes\``
          : '',
    };
  }
  const warned = ctx.warnings.length > 0 ? ` with ${ctx.warnings.length} warning(s) (see the job's events)` : '';
  if (!record.phases.includes('3') && record.phases !== 'all') {
    const remaining = record.phases.includes('2') ? '3' : '23';
    return {
      state: 'succeeded',
      summary: `phase(s) ${record.phases} done${warned}: altinst_rootvg on ${disks} holds the copy, varied on with /alt_inst mounted`,
      nextStep: `finish it with: altctl clone HOST ${disks} --phases ${remaining}`,
      leftover: '',
    };
  }
  const next = await readNextBootDisk(ctx.aix);
  if (record.spec?.noBootlist) {
    return {
      state: 'succeeded',
      summary: `rootvg cloned to ${disks} (altinst_rootvg)${warned}; the boot list was left as it was (-B), ${next || 'nothing'} boots next`,
      nextStep: `to boot the clone: altctl bootlist HOST --set ${record.disks[0]}, then altctl reboot HOST --yes`,
      leftover: '',
    };
  }
  return {
    state: 'succeeded',
    summary: `rootvg cloned to ${disks} (altinst_rootvg)${warned}; ${next === record.disks[0] ? `${next} boots next` : next ? `but ${next} boots next` : 'but no disk of the normal boot list has a boot record'}`,
    nextStep: record.spec?.reboot
      ? 'the host reboots into the clone (-r); afterwards, altctl rollback HOST goes back'
      : 'reboot into the clone with: altctl reboot HOST --yes (altctl rollback HOST goes back)',
    leftover: '',
  };
}

/**
 * A clone whose command ended with nothing to say how (its supervisor was killed, the
 * host restarted): judged from what the host shows. The host runs from the clone's
 * disk: it was made and booted. A full clone (phase 3) left altinst_rootvg on every
 * target varied off, with the boot list on its first disk unless -B: it finished,
 * since phase 3 does those last. A run without phase 3 left it varied on, with no
 * warning in its output. Anything else failed, with what is left.
 */
async function judgeCloneFromHost(ctx: ConclusionContext): Promise<Conclusion> {
  const { record } = ctx;
  const disks = record.disks.join(' ');
  const why = `${ctx.end.lost ?? 'the command ended unobserved'}; its exit status is unknown`;
  const [pvs, bootDisk] = await Promise.all([ctx.aix.listPhysicalVolumes(), ctx.aix.bootDisk().catch(() => '')]);
  if (bootDisk !== '' && record.disks.includes(bootDisk)) {
    return {
      state: 'succeeded',
      summary: `${why}, but the host now runs from ${bootDisk}: the clone was made and booted`,
      nextStep: 'altctl rollback HOST goes back to the previous rootvg',
      leftover: '',
    };
  }
  const onTargets = pvs.filter((pv) => pv.vg === ALTINST_ROOTVG && record.disks.includes(pv.name));
  const complete = onTargets.length === record.disks.length;
  const withPhase3 = record.phases === 'all' || record.phases.includes('3');
  // A run that stops before phase 3 leaves altinst_rootvg varied on, as a failure in phase 2
  // can: only output without a single warning tells them apart.
  if (complete && !withPhase3 && onTargets.every((pv) => pv.state === 'active') && ctx.warnings.length === 0) {
    return {
      state: 'succeeded',
      summary: `${why}, but the host shows altinst_rootvg on ${disks} varied on, as phase(s) ${record.phases} leave it, and the output has no warning`,
      nextStep: `finish it with: altctl clone HOST ${disks} --phases ${record.phases.includes('2') ? '3' : '23'}`,
      leftover: '',
    };
  }
  if (complete && withPhase3 && onTargets.every((pv) => pv.state !== 'active')) {
    const first = await readNextBootDisk(ctx.aix);
    if (record.spec?.noBootlist || first === record.disks[0]) {
      return {
        state: 'succeeded',
        summary: `${why}, but the host shows the finished clone: altinst_rootvg on ${disks}, varied off${record.spec?.noBootlist ? '' : `, ${first} boots next`}`,
        nextStep: record.spec?.noBootlist
          ? `to boot the clone: altctl bootlist HOST --set ${record.disks[0]}, then altctl reboot HOST --yes`
          : 'reboot into the clone with: altctl reboot HOST --yes (altctl rollback HOST goes back)',
        leftover: '',
      };
    }
  }
  const left = onTargets.map((pv) => pv.name);
  return {
    state: 'failed',
    summary: `${why}, and the host does not show a finished clone`,
    nextStep:
      left.length > 0
        ? `look at the job output (altctl watch HOST ${record.id}), remove the partial clone (altctl cleanup HOST altinst_rootvg --yes) and clone again`
        : `look at the job output (altctl watch HOST ${record.id}) and clone again`,
    leftover:
      left.length > 0
        ? `altinst_rootvg is left on ${left.join(' ')}; remove it with \`altctl cleanup HOST altinst_rootvg --yes\``
        : '',
  };
}

/** remove, wake and sleep: the command's exit status says it all, or, unobserved, the volume group's state. */
export async function concludeOperation(ctx: ConclusionContext): Promise<Conclusion> {
  const { record } = ctx;
  const { exit } = ctx.end;
  const what = record.command.join(' ');
  if (ctx.end.unobserved) return judgeOperationFromHost(ctx);
  if (ctx.end.lost !== null || !exit || exit.exitCode !== 0) {
    const why = failure(ctx, what);
    const lastProblem = ctx.warnings.at(-1);
    return {
      state: 'failed',
      summary: lastProblem ? `${why}: ${lastProblem}` : why,
      nextStep: `see the job output (altctl watch HOST ${record.id})`,
      leftover: '',
    };
  }
  return operationDone(ctx, '');
}

/** A remove, wake or sleep that did its work; `prefix` says how that was known, when not by its exit status. */
async function operationDone(ctx: ConclusionContext, prefix: string): Promise<Conclusion> {
  const { record } = ctx;
  const disks = record.disks.join(' ') || 'its disks';
  const vg = record.vg ?? ALTINST_ROOTVG;
  const done = (summary: string, nextStep = '', leftover = ''): Conclusion => ({
    state: 'succeeded',
    summary: `${prefix}${summary}`,
    nextStep,
    leftover,
  });
  if (record.kind === 'remove')
    return done(`${record.command.at(-1) ?? 'the volume group'} removed; ${disks} now in no volume group`);
  if (record.kind === 'wake') {
    return vg === OLD_ROOTVG
      ? done(
          `old_rootvg on ${disks} is awake, mounted under /alt_inst; AIX calls it altinst_rootvg while it is awake`,
          'put it back to sleep before booting it or rolling back to it: altctl sleep HOST (it is old_rootvg again then)',
        )
      : done(
          `${vg} on ${disks} is awake, mounted under /alt_inst`,
          'put it back to sleep before booting it: altctl sleep HOST',
        );
  }
  if (vg !== OLD_ROOTVG) return done(`${vg} on ${disks} is asleep (unmounted, varied off)`);
  const renamed = await restoreOldRootvgName(ctx);
  return renamed === ''
    ? done(`old_rootvg on ${disks} is asleep (unmounted, varied off) under its own name again`)
    : done(
        `old_rootvg on ${disks} is asleep (unmounted, varied off), but it is still called altinst_rootvg`,
        `rename it on the host: alt_rootvg_op -v old_rootvg -d ${record.disks[0] ?? 'DISK'}`,
        `the previous rootvg on ${disks} is named altinst_rootvg (alt_rootvg_op -v said: ${renamed}), so rollback does not find it`,
      );
}

/**
 * AIX renames a woken old_rootvg altinst_rootvg, and nothing documented renames it back
 * at sleep (alt_rootvg_op -v is the documented way): without its name, rollback would not
 * find the previous rootvg. Returns '' when the disks hold old_rootvg at the end, else
 * what went wrong. A failing lspv is thrown: the conclusion is tried again.
 */
async function restoreOldRootvgName(ctx: ConclusionContext): Promise<string> {
  const { record } = ctx;
  const names = async () =>
    new Set((await ctx.aix.listPhysicalVolumes()).filter((pv) => record.disks.includes(pv.name)).map((pv) => pv.vg));
  const before = await names();
  if (before.has(OLD_ROOTVG) && before.size === 1) return '';
  if (!before.has(ALTINST_ROOTVG)) return `the disks hold ${[...before].join(' ') || 'nothing'}`;
  const rename = await ctx.runner.run('alt_rootvg_op', ['-v', OLD_ROOTVG, '-d', record.disks[0] ?? '']);
  const after = await names();
  if (after.has(OLD_ROOTVG) && after.size === 1) {
    ctx.logger.info('old_rootvg has its name back after its sleep', { job: record.id, disks: record.disks });
    return '';
  }
  return firstMessage(`${rename.stderr}\n${rename.stdout}`) || `exit status ${rename.exitCode}`;
}

/** An alt_rootvg_op that ended unobserved: did the volume group end up as asked? */
async function judgeOperationFromHost(ctx: ConclusionContext): Promise<Conclusion> {
  const { record } = ctx;
  const why = `${ctx.end.lost ?? 'the command ended unobserved'}; its exit status is unknown`;
  const pvs = (await ctx.aix.listPhysicalVolumes()).filter((pv) => record.disks.includes(pv.name));
  const vg = record.command.at(-1) ?? '';
  const awake = (pv: LspvEntry) => (pv.vg === ALTINST_ROOTVG || pv.vg === OLD_ROOTVG) && pv.state === 'active';
  const done =
    record.kind === 'remove'
      ? pvs.every((pv) => pv.vg !== vg)
      : record.kind === 'wake'
        ? pvs.some(awake)
        : !pvs.some(awake);
  return done
    ? operationDone(ctx, `${why}, but the host shows it done (lspv): `)
    : {
        state: 'failed',
        summary: `${why}, and the host does not show it done (lspv)`,
        nextStep: `see the job output (altctl watch HOST ${record.id}) and the volume groups (altctl envs HOST)`,
        leftover: '',
      };
}

/** The job's disks that hold an altinst_rootvg. A failing lspv is thrown: the conclusion is tried again, never made from it. */
async function altinstOn(ctx: ConclusionContext): Promise<string[]> {
  const pvs = await ctx.aix.listPhysicalVolumes();
  return pvs.filter((pv) => pv.vg === ALTINST_ROOTVG && ctx.record.disks.includes(pv.name)).map((pv) => pv.name);
}

/** " in phase 3 at step "Running bosboot ..."": the failing step, for the summary. */
function where(progress: ConclusionContext['progress']): string {
  const phase = progress.phase > 0 ? ` in phase ${progress.phase}` : '';
  const step = progress.step !== '' ? ` at step "${progress.step}"` : '';
  return `${phase}${step}`;
}

/** Why a job failed, for its summary: lost, could not start, killed, or its exit status and where it was. */
function failure(ctx: ConclusionContext, what: string): string {
  const { exit } = ctx.end;
  if (ctx.end.lost !== null) return ctx.end.lost;
  if (!exit) return `${what} ended without an exit status`;
  if (exit.error) return `could not start: ${exit.error}`;
  const how = exit.exitCode === null ? `was killed by ${exit.signal}` : `failed with exit status ${exit.exitCode}`;
  return `${what} ${how}${where(ctx.progress)}`;
}

import type { BootEnvironment__Output } from '../../shared/generated/altdisk/v1/BootEnvironment';
import { ALTINST_ROOTVG, ROOTVG } from '../inventory/vg-role';
import type { JobManager } from '../jobs/job-manager';
import type { FirstBoot } from './first-boot';
import { resultsSummary } from './results';

/**
 * The hooks column of `altctl envs`: a clone not booted yet says how many hooks wait
 * for its first boot; the clone that ran them says how they ended, whether it runs now
 * (rootvg) or the host went back to the system it was made from (altinst_rootvg again).
 * The results are those of the last first boot the agent's state directory saw; a first
 * boot that wrote its results elsewhere (a state directory inside the clone's rootvg,
 * read from the original system) is not seen, and the hooks still show as pending.
 */
export async function summarizeHooks(
  environments: BootEnvironment__Output[],
  jobs: JobManager,
  firstBoot: FirstBoot,
): Promise<void> {
  const results = firstBoot.results();
  for (const env of environments) {
    if (env.name === ALTINST_ROOTVG) {
      const clone = jobs.latestCloneOn(env.disks);
      const carried = clone?.firstBootHooks?.length ?? 0;
      // Booted once and rolled back from: its first boot ran the hooks, and they ran once.
      if (clone && results.found && results.jobId === clone.id) env.hooks = resultsSummary(results);
      else if (carried > 0) env.hooks = `${carried} hook(s) pending`;
    } else if (env.name === ROOTVG && results.found) {
      const ranOn = jobs.record(results.jobId)?.disks[0];
      if (ranOn === undefined || env.disks.includes(ranOn)) env.hooks = resultsSummary(results);
    }
  }
}

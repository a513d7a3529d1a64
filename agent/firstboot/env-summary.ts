import type { BootEnvironment__Output } from '../../shared/generated/altdisk/v1/BootEnvironment';
import { ALTINST_ROOTVG, ROOTVG } from '../inventory/vg-role';
import type { JobManager } from '../jobs/job-manager';
import type { FirstBoot } from './first-boot';
import { resultsSummary } from './results';

/**
 * The hooks column of `altctl envs`: a clone not booted yet says how many hooks wait
 * for its first boot; the running rootvg, if it is the clone that ran them, how they ended.
 */
export async function summarizeHooks(environments: BootEnvironment__Output[], jobs: JobManager, firstBoot: FirstBoot): Promise<void> {
  const results = firstBoot.results();
  for (const env of environments) {
    if (env.name === ALTINST_ROOTVG) {
      const carried = jobs.latestCloneOn(env.disks)?.firstBootHooks?.length ?? 0;
      if (carried > 0) env.hooks = `${carried} hook(s) pending`;
    } else if (env.name === ROOTVG && results.found) {
      const ranOn = jobs.record(results.jobId)?.disks[0];
      if (ranOn === undefined || env.disks.includes(ranOn)) env.hooks = resultsSummary(results);
    }
  }
}

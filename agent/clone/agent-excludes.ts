import type { Finding__Output } from '../../shared/generated/altdisk/v1/Finding';
import { finding, INFO } from './findings';
import { includesPhase, type NormalizedSpec } from './spec';
import { LOCAL_SOCKET } from '../../shared/local-socket';

/**
 * alt_disk_copy copies rootvg while it runs, the agent's state directory (/var/altdisk)
 * with it: a clone would wake up holding this job as running and the host lock taken.
 * These exclude patterns (grep patterns against ./path, as -e reads them) leave out the
 * job's own directory, the lock and the agent's socket; finished jobs, hooks and logs are
 * copied as history.
 */
export function agentStateExcludes(stateDir: string, jobId: string): string[] {
  const jobs = `.${stateDir}/jobs`;
  return [
    `^${literal(`${jobs}/${jobId}/`)}`,
    `^${literal(`${jobs}/ACTIVE`)}$`,
    `^${literal(`.${stateDir}/${LOCAL_SOCKET}`)}$`,
  ];
}

/** The patterns a clone with this spec gets: none unless phase 1 (the copy) runs. */
export function agentExcludesFor(spec: NormalizedSpec, stateDir: string, jobId: string): string[] {
  return includesPhase(spec, 1) ? agentStateExcludes(stateDir, jobId) : [];
}

/** The spec as alt_disk_copy gets it: the caller's exclude patterns, then the agent's. */
export function withAgentExcludes(spec: NormalizedSpec, patterns: readonly string[]): NormalizedSpec {
  return patterns.length === 0 ? spec : { ...spec, excludePatterns: [...spec.excludePatterns, ...patterns] };
}

/** Says what the agent adds, so the plan shows it. */
export function agentExcludesFinding(patterns: readonly string[]): Finding__Output[] {
  if (patterns.length === 0) return [];
  return [
    finding({
      code: 'agent-state-excluded',
      severity: INFO,
      message: `the agent's own running state is left out of the clone: ${patterns.join(', ')} are added to the exclude list (-e), so the clone's agent does not find this job running`,
      remedy: 'nothing to do; finished jobs, hooks and logs are copied as they are',
      source: 'altdisk',
    }),
  ];
}

/** A path as a grep basic regular expression matching exactly it (state dir paths hold only . among BRE's specials). */
function literal(path: string): string {
  return path.replace(/[.[\]*^$\\]/g, '\\$&');
}

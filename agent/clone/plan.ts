import type { PlanCloneResponse__Output } from '../../shared/generated/altdisk/v1/PlanCloneResponse';
import type { CommandRunner } from '../exec/command-runner';
import { spaceFacts } from './checks-targets';
import { buildCloneCommand, environmentList } from './command-line';
import { gatherHostFacts } from './host-facts';
import { hostInputPaths, inputPathsIn } from './inputs';
import { isReady, preflight } from './preflight';
import type { NormalizedSpec } from './spec';
import { agentExcludesFinding, withAgentExcludes } from './agent-excludes';

/** What a plan calls the job it would start: its id does not exist yet. */
export const PLACEHOLDER_JOB = '<job>';
/** Where a plan says sent files would go. */
export const PLACEHOLDER_INPUTS_DIR = `${PLACEHOLDER_JOB}/inputs`;

/**
 * What StartClone would do for this spec on this host: the findings, whether it would
 * start, and the exact command and environment, with content inputs shown at their
 * place in the job's directory (<job>/inputs/exclude.list). Runs only commands that
 * read; writes nothing.
 */
export async function planClone(
  runner: CommandRunner,
  spec: NormalizedSpec,
  options: { examineHostFiles: boolean; agentExcludes: readonly string[] },
): Promise<PlanCloneResponse__Output> {
  const facts = await gatherHostFacts(runner, spec, options);
  const findings = [...preflight(spec, facts), ...agentExcludesFinding(options.agentExcludes)];
  const copied = withAgentExcludes(spec, options.agentExcludes);
  const { command, environment } = buildCloneCommand(copied, {
    ...hostInputPaths(copied),
    ...inputPathsIn(PLACEHOLDER_INPUTS_DIR, copied),
  });
  const space = spaceFacts(spec, facts);
  return {
    findings,
    ready: isReady(findings),
    command,
    environment: environmentList(environment),
    requiredMb: space.requiredMb,
    targetMb: space.targetMb,
    rootvgUsedMb: space.rootvgUsedMb,
    cloneCopies: space.cloneCopies,
  };
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GetResultsResponse__Output } from '../../shared/generated/altdisk/v1/GetResultsResponse';
import { FailedPreconditionError } from '../../shared/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Logger } from '../logger';
import { DEFAULT_TIMEOUT_SECONDS, USER_X_SCRIPT_HOOK } from './hook-rules';
import { HookRegistry, sha256, type StoredHook } from './hook-registry';
import { checkRegistryWithinLimits, type HookLimits } from './hook-limits';
import { readResults, resultsFile, resultsSummary } from './results';
import { manifestFor, runnerScript } from './runner-script';

export interface CarriedHook {
  name: string;
  sha256: string;
}

/**
 * First-boot hooks end to end: the registry, the runner a clone is given as -x, and
 * the results read back after the clone's first boot.
 */
export class FirstBoot {
  readonly registry: HookRegistry;

  constructor(
    private readonly stateDir: string,
    readonly limits: HookLimits,
    private readonly logger: Logger,
    private readonly nodePath = process.execPath,
  ) {
    this.registry = new HookRegistry(stateDir);
    for (const repaired of this.registry.recover())
      this.logger.warn('first-boot hooks: repaired after a crash', { repaired });
  }

  /**
   * Writes the runner for a clone job into its inputs and returns its path and the
   * hooks it carries; undefined when there is nothing to run. A caller's own -x
   * script (userScript) becomes the first hook, so it still runs, as before.
   */
  prepareRunner(
    jobId: string,
    inputsDir: string,
    userScript: Buffer | undefined,
  ): { path: string; hooks: CarriedHook[] } | undefined {
    const hooks: StoredHook[] = this.registry.all();
    checkRegistryWithinLimits(hooks, this.limits);
    // Re-hashed just now: a script changed on the host since it was added must not run as root at first boot.
    const changed = hooks.find((h) => h.problem !== '');
    if (changed) {
      throw new FailedPreconditionError(
        'hook-changed',
        `first-boot hook ${changed.name}: ${changed.problem}, so a clone would run a script nobody added`,
        `look at it (altctl firstboot show HOST ${changed.name}), then add it again with --replace, or remove it (altctl firstboot rm HOST ${changed.name})`,
      );
    }
    if (userScript) {
      hooks.unshift({
        name: USER_X_SCRIPT_HOOK,
        order: 0,
        timeoutSeconds: DEFAULT_TIMEOUT_SECONDS * 12,
        description: 'the -x script given to this clone',
        required: false,
        sha256: sha256(userScript),
        sizeBytes: userScript.length,
        registeredAt: new Date().toISOString(),
        content: userScript,
        problem: '',
      });
    }
    if (hooks.length === 0) return undefined;
    fs.mkdirSync(inputsDir, { recursive: true, mode: 0o700 });
    const file = path.join(inputsDir, 'firstboot-runner');
    writeFileAtomic(file, runnerScript(this.nodePath, manifestFor(jobId, resultsFile(this.stateDir), hooks)), 0o700);
    return { path: file, hooks: hooks.map((h) => ({ name: h.name, sha256: h.sha256 })) };
  }

  results(): GetResultsResponse__Output {
    return readResults(this.stateDir);
  }

  /** At start: if a first boot ran hooks since the agent last looked, say so once in the log. */
  noticeFirstBoot(): void {
    const results = this.results();
    if (!results.found) return;
    const seen = path.join(this.stateDir, 'firstboot', `seen-${results.jobId}-${results.ranAt.replace(/[^0-9]/g, '')}`);
    if (fs.existsSync(seen)) return;
    const level = results.failed + results.timedOut + results.notRun > 0 ? 'warn' : 'info';
    this.logger[level]('first boot of a clone: its hooks ran', {
      job: results.jobId,
      ranAt: results.ranAt,
      summary: resultsSummary(results),
      hooks: results.hooks.map((h) => `${h.name}:${h.status}`),
    });
    writeFileAtomic(seen, '');
  }
}

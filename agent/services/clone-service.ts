import type * as grpc from '@grpc/grpc-js';
import { once } from 'node:events';
import type { CloneServiceHandlers } from '../../shared/generated/altdisk/v1/CloneService';
import type { CloneSpec__Output } from '../../shared/generated/altdisk/v1/CloneSpec';
import type { Finding__Output } from '../../shared/generated/altdisk/v1/Finding';
import type { Job__Output } from '../../shared/generated/altdisk/v1/Job';
import { AlreadyExistsError, FailedPreconditionError, InvalidArgumentError } from '../../shared/errors';
import { checkDeviceName } from '../../shared/names';
import { requireDisk } from './require-disk';
import type { LspvEntry } from '../aix/parsers/lspv';
import type { AixCommands } from '../aix/aix-commands';
import { gatherHostFacts } from '../clone/host-facts';
import { hostInputPaths, inputsToWrite, writeInputs, type InputPaths } from '../clone/inputs';
import { buildCloneCommand } from '../clone/command-line';
import { planClone, PLACEHOLDER_JOB } from '../clone/plan';
import { agentExcludesFinding, agentExcludesFor, withAgentExcludes } from '../clone/agent-excludes';
import { preflight } from '../clone/preflight';
import { includesPhase, normalizeSpec, type NormalizedSpec } from '../clone/spec';
import { recordedFields, requestDifferences, requestFields, requestFiles } from '../clone/request-identity';
import { outsideCallScope } from '../exec/call-scope';
import type { CommandRunner } from '../exec/command-runner';
import { ALTINST_ROOTVG, OLD_ROOTVG } from '../inventory/vg-role';
import { checkJobId, checkRequestId } from '../jobs/job-id';
import type { JobManager } from '../jobs/job-manager';
import type { ServiceImplementation } from '../server/service-handlers';
import { PreflightRefusedError } from './preflight-refusal';
import { callerMay, callerOf } from '../security/caller';
import { WatchQuota, type WatchLimits } from './watch-quota';
import type { FirstBoot } from '../firstboot/first-boot';
import * as fs from 'node:fs';

export interface CloneServiceDeps {
  /** The agent's state directory (resolved at start): the clone leaves its running part out. */
  stateDir: string;
  watchLimits: WatchLimits;
  jobs: JobManager;
  firstBoot: FirstBoot;
  runner: CommandRunner;
  aix: AixCommands;
}

/** alt_rootvg_op jobs are short; the RPC waits this long for one before answering with it still running. */
const OPERATION_WAIT_MS = 10 * 60_000;
const DEFAULT_JOB_LIMIT = 50;

export function cloneService(deps: CloneServiceDeps): ServiceImplementation<CloneServiceHandlers> {
  const { jobs, runner } = deps;
  const watches = new WatchQuota(deps.watchLimits);
  /** Concurrent StartClone calls with one request_id share one outcome. */
  const pendingRequests = new Map<
    string,
    Promise<{ job: Job__Output; findings: Finding__Output[]; started: boolean }>
  >();

  /** A request_id already used: the same request follows its job; another one is refused. */
  const followEarlier = (requestId: string, spec: NormalizedSpec) => {
    const earlier = jobs.findByRequestId(requestId);
    if (!earlier) return undefined;
    const differences = requestDifferences(recordedFields(earlier), requestFields(spec));
    if (differences.length > 0) {
      throw new AlreadyExistsError(
        `request_id ${requestId} belongs to job ${earlier.id}, which was started with other settings: ${differences.join(', ')}; ` +
          `use another request_id for another clone, or follow that job with \`altctl watch HOST ${earlier.id}\``,
        { field: 'request_id', job: earlier.id },
      );
    }
    return { job: jobs.get(earlier.id), findings: [], started: false };
  };

  const startClone = async (rawSpec: CloneSpec__Output | null, requestId: string) => {
    const spec = normalizeSpec(rawSpec);
    const earlier = followEarlier(requestId, spec);
    if (earlier) return earlier;
    let findings: Finding__Output[] = [];
    const record = await jobs.startJob(
      'clone',
      `clone of rootvg to ${spec.targetDisks.join(' ')}`,
      async (id, files) => {
        findings = preflight(spec, await gatherHostFacts(runner, spec));
        PreflightRefusedError.throwIfErrors(findings);
        const excludes = agentExcludesFor(spec, deps.stateDir, id);
        findings = [...findings, ...agentExcludesFinding(excludes)];
        const copied = withAgentExcludes(spec, excludes);
        const paths: InputPaths = { ...hostInputPaths(copied), ...writeInputs(files.inputs, inputsToWrite(copied)) };
        const recorded = recordedSpec(rawSpec, paths);
        // The clone carries the hooks registered now, when its phase 2 runs (see firstboot.proto).
        let firstBootHooks: { name: string; sha256: string }[] | undefined;
        if (includesPhase(spec, 2)) {
          const userScript = paths.firstBootScript !== undefined ? fs.readFileSync(paths.firstBootScript) : undefined;
          const hookRunner = deps.firstBoot.prepareRunner(id, files.inputs, userScript);
          if (hookRunner) {
            paths.firstBootScript = hookRunner.path;
            firstBootHooks = hookRunner.hooks;
          }
        }
        const { command, environment } = buildCloneCommand(copied, paths);
        return {
          id,
          kind: 'clone',
          command,
          environment,
          spec: recorded,
          phases: spec.phases,
          disks: spec.targetDisks,
          requestId,
          requestFiles: requestFiles(spec),
          ...(firstBootHooks ? { firstBootHooks } : {}),
        };
      },
    );
    return { job: jobs.get(record.id), findings, started: true };
  };

  return {
    PlanClone: async (request, call) => {
      const spec = normalizeSpec(request.spec);
      return planClone(runner, spec, {
        examineHostFiles: callerMay(call, 'execute'),
        agentExcludes: agentExcludesFor(spec, deps.stateDir, PLACEHOLDER_JOB),
      });
    },

    StartClone: async (request) => {
      const requestId = checkRequestId(request.requestId);
      if (requestId === '') return startClone(request.spec, requestId);
      const pending = pendingRequests.get(requestId);
      if (pending) {
        const earlier = await pending;
        // the job it started is recorded now: the same request follows it, another is refused
        return followEarlier(requestId, normalizeSpec(request.spec)) ?? { ...earlier, started: false };
      }
      // Shared by every call with this request_id, so not stopped when the first caller
      // cancels or passes its deadline while the others still wait for it.
      const attempt = outsideCallScope(() => startClone(request.spec, requestId));
      pendingRequests.set(requestId, attempt);
      try {
        return await attempt;
      } finally {
        pendingRequests.delete(requestId);
      }
    },

    WatchJob: (call, fail) => {
      let release: () => void;
      try {
        release = watches.open(call.getPeer(), callerOf(call).identity);
      } catch (err) {
        fail(err);
        return;
      }
      let gone = false;
      call.on('cancelled', () => {
        gone = true;
      });
      // A client that stops reading makes write() return false: wait for the stream's own
      // flow control, holding only the events of one small read (readJournal).
      const send = async (event: Parameters<typeof call.write>[0]): Promise<void> => {
        if (!call.write(event)) await Promise.race([once(call, 'drain'), once(call, 'cancelled')]);
      };
      Promise.resolve()
        .then(() =>
          jobs.watch(
            checkJobId('job_id', call.request.jobId),
            Number(call.request.afterSequence),
            send,
            () => gone || call.cancelled,
          ),
        )
        .then(() => call.end(), fail)
        .finally(() => release());
    },

    GetJob: async (request) => ({ job: jobs.get(checkJobId('job_id', request.jobId)) }),

    ListJobs: async (request) => {
      const limit = request.limit === 0 ? DEFAULT_JOB_LIMIT : request.limit;
      if (limit > 1000) throw new InvalidArgumentError('limit', `${limit} is too many`, 'ask for at most 1000 jobs');
      return { jobs: jobs.list(limit) };
    },

    CancelJob: async (request) => ({ job: jobs.cancel(checkJobId('job_id', request.jobId)) }),

    RemoveAltRootvg: async (request, call) => {
      const vg = request.vg;
      if (vg !== ALTINST_ROOTVG && vg !== OLD_ROOTVG) {
        throw new InvalidArgumentError(
          'vg',
          `${JSON.stringify(vg.slice(0, 64))} cannot be removed here`,
          'name altinst_rootvg or old_rootvg; the running rootvg is never removed',
        );
      }
      const disks = (await deps.aix.listPhysicalVolumes()).filter((pv) => pv.vg === vg).map((pv) => pv.name);
      if (disks.length === 0) {
        throw new FailedPreconditionError(
          'vg-absent',
          `there is no ${vg} on this host (lspv shows none)`,
          'nothing to remove; see `altctl envs HOST`',
        );
      }
      return {
        job: await runOperation(
          jobs,
          { kind: 'remove', what: `removal of ${vg}`, command: ['alt_rootvg_op', '-X', vg], disks },
          call.getDeadline(),
        ),
      };
    },

    WakeAltRootvg: async (request, call) => {
      const disk = checkDeviceName('disk', request.disk);
      const pvs = await deps.aix.listPhysicalVolumes();
      const pv = requireDisk(pvs, disk, 'disk');
      if (pv.vg !== ALTINST_ROOTVG && pv.vg !== OLD_ROOTVG) {
        throw new FailedPreconditionError(
          'not-alt-rootvg',
          `${disk} is in volume group ${pv.vg}, not in altinst_rootvg or old_rootvg`,
          'wake names a disk of a clone or of the previous rootvg (see `altctl envs HOST`)',
        );
      }
      if (pv.state === 'active') {
        throw new FailedPreconditionError(
          'already-awake',
          `${pv.vg} on ${disk} is already awake (varied on)`,
          'put it to sleep first with `altctl sleep HOST`, or use it as it is',
        );
      }
      const awake = awakeAltRootvg(pvs);
      if (awake) {
        throw new FailedPreconditionError(
          'already-awake',
          `${awake.vg} on ${awake.disks.join(' ')} is awake (varied on), and AIX wakes one at a time`,
          'put it to sleep first with `altctl sleep HOST`',
        );
      }
      const clone = pvs.filter((p) => p.vg === ALTINST_ROOTVG).map((p) => p.name);
      if (pv.vg === OLD_ROOTVG && clone.length > 0) {
        throw new FailedPreconditionError(
          'altinst-rootvg-exists',
          `AIX names a woken volume group altinst_rootvg, and a clone already has that name on ${clone.join(' ')}`,
          'remove the clone first (altctl cleanup HOST altinst_rootvg --yes) to wake old_rootvg',
        );
      }
      const disks = pvs.filter((p) => p.vg === pv.vg).map((p) => p.name);
      return {
        job: await runOperation(
          jobs,
          {
            kind: 'wake',
            what: `wake-up of ${pv.vg} on ${disk}`,
            command: ['alt_rootvg_op', '-W', '-d', disk],
            disks,
            vg: pv.vg,
          },
          call.getDeadline(),
        ),
      };
    },

    SleepAltRootvg: async (_request, call) => {
      const awake = awakeAltRootvg(await deps.aix.listPhysicalVolumes());
      if (!awake) {
        throw new FailedPreconditionError(
          'nothing-awake',
          'no altinst_rootvg or old_rootvg is awake (varied on) on this host',
          'nothing to put to sleep; see `altctl envs HOST`',
        );
      }
      // Woken, an old_rootvg is called altinst_rootvg: the wake that made it so says which it was.
      const last = jobs.latestJobOn(awake.disks);
      const vg = last?.kind === 'wake' && last.state === 'succeeded' && last.vg ? last.vg : awake.vg;
      return {
        job: await runOperation(
          jobs,
          { kind: 'sleep', what: `sleep of ${vg}`, command: ['alt_rootvg_op', '-S'], disks: awake.disks, vg },
          call.getDeadline(),
        ),
      };
    },
  };
}

/** The alternate rootvg that is awake (varied on), if any: AIX wakes one at a time. */
function awakeAltRootvg(pvs: readonly LspvEntry[]): { vg: string; disks: string[] } | undefined {
  const first = pvs.find((p) => (p.vg === ALTINST_ROOTVG || p.vg === OLD_ROOTVG) && p.state === 'active');
  return first ? { vg: first.vg, disks: pvs.filter((p) => p.vg === first.vg).map((p) => p.name) } : undefined;
}

interface Operation {
  kind: 'remove' | 'wake' | 'sleep';
  what: string;
  command: string[];
  disks: string[];
  /** wake, sleep: the volume group's name asleep (JobRecord.vg). */
  vg?: string;
}

/**
 * Starts an alt_rootvg_op job and waits for it, but answers (with the job still
 * running, to be followed with WatchJob) a little before the caller's deadline.
 */
async function runOperation(jobs: JobManager, op: Operation, deadline: grpc.Deadline): Promise<Job__Output> {
  const { kind, command, disks } = op;
  const record = await jobs.startJob(kind, op.what, async (id) => ({
    id,
    kind,
    command,
    environment: {},
    spec: null,
    phases: '',
    disks,
    requestId: '',
    ...(op.vg ? { vg: op.vg } : {}),
  }));
  const until = deadline instanceof Date ? deadline.getTime() : deadline;
  const wait = Number.isFinite(until)
    ? Math.max(0, Math.min(OPERATION_WAIT_MS, until - Date.now() - 500))
    : OPERATION_WAIT_MS;
  return jobs.waitFinished(record.id, wait);
}

/** The spec as recorded in the job: sent file contents replaced by where they were written. */
function recordedSpec(raw: CloneSpec__Output | null, paths: InputPaths): CloneSpec__Output | null {
  if (!raw) return null;
  const copy = { ...raw } as CloneSpec__Output & Record<string, unknown>;
  for (const [field, path] of Object.entries(paths)) {
    if (path !== undefined) copy[field] = { hostPath: path, source: 'hostPath' };
  }
  return copy;
}

import {
  gpfsNsds,
  listDiskDevices,
  mpioPathCounts,
  powerPathDevices,
  readDiskHeader,
  sddPaths,
  type DiskHeader,
} from '../aix/device-commands';
import type { LsdevEntry } from '../aix/parsers/lsdev';
import type { LspvEntry } from '../aix/parsers/lspv';
import type { NsdEntry } from '../aix/parsers/mmlsnsd';
import { CommandNotFoundError } from '../exec/command-errors';
import type { CommandRunner } from '../exec/command-runner';
import { mapLimit } from './map-limit';
import { NO_VG } from './vg-role';

/** Multipath software that puts a pseudo-device over the native hdisks of a LUN (AIX's MPIO does not). */
export interface MultipathFamily {
  software: 'EMC PowerPath' | 'IBM SDD' | 'Hitachi HDLM';
  pseudos: string[];
}

/** A native path and the pseudo-device above it, with what showed it. */
export interface PathOwner {
  pseudo: string;
  evidence: string;
}

export type HeaderRead = { header: DiskHeader; error: null } | { header: null; error: string };

/** What the device layer says about the disks, read once per question (disks, targets, plan). */
export interface DeviceSurvey {
  /** lsdev -Cc disk; null when it could not be run (devicesError says why). */
  devices: LsdevEntry[] | null;
  devicesError: string | null;
  families: MultipathFamily[];
  /** Native hdisk -> its pseudo-device, from powermt or the ODM. */
  pathOwners: Map<string, PathOwner>;
  /** Families whose paths could not be listed, and why. */
  unmapped: { family: MultipathFamily; problem: string }[];
  /** lspath: MPIO paths per device; null when not read (no multipath software) or failed. */
  mpio: Map<string, number> | null;
  /** mmlsnsd -X; null when GPFS is not installed or it failed (nsdError says why). */
  nsds: NsdEntry[] | null;
  nsdError: string | null;
  /** lquerypv of the disks asked for. */
  headers: Map<string, HeaderRead>;
}

const FAMILIES: readonly { software: MultipathFamily['software']; name: RegExp; description: RegExp }[] = [
  { software: 'EMC PowerPath', name: /^hdiskpower\d+$/, description: /PowerPath/i },
  { software: 'IBM SDD', name: /^vpath\d+$/, description: /Data Path Optimizer|Subsystem Device Driver/i },
  { software: 'Hitachi HDLM', name: /^dlmfdrv\d+$/, description: /HDLM|Dynamic Link Manager/i },
];

/** A native AIX disk device (not a pseudo-device): the only kind that can be a path of one. */
export function isNativeDisk(name: string): boolean {
  return /^hdisk\d+$/.test(name);
}

export interface SurveyOptions {
  /** Disks whose headers are wanted anyway (clone candidates), beyond those the multipath mapping needs. */
  headersOf: (pv: LspvEntry) => boolean;
  /** How many lquerypv runs at once. */
  concurrency: number;
}

/**
 * Runs the device commands the claims need, and only those: lsdev always; powermt, the ODM's SDD paths and
 * lspath only when such software shows; mmlsnsd when GPFS is installed; lquerypv for the disks asked for and, when a
 * pseudo-device exists, for every free native disk neither its software nor lspath accounts for (its header may
 * carry the pseudo-device's PVID). A command
 * that fails leaves its part unknown, said in the survey; it never fails the question.
 */
export async function surveyDevices(
  runner: CommandRunner,
  pvs: readonly LspvEntry[],
  options: SurveyOptions,
): Promise<DeviceSurvey> {
  const [devicesRead, nsdRead] = await Promise.all([
    attempt(() => listDiskDevices(runner)),
    attempt(() => gpfsNsds(runner), { missingIsNull: true }),
  ]);
  const devices = devicesRead.value;
  const names = new Set([...pvs.map((pv) => pv.name), ...(devices ?? []).map((d) => d.name)]);
  const families = FAMILIES.map((f) => ({
    software: f.software,
    pseudos: [...names].filter(
      (n) =>
        f.name.test(n) ||
        (devices ?? []).some((d) => d.name === n && !isNativeDisk(n) && f.description.test(d.description)),
    ),
  })).filter((f) => f.pseudos.length > 0);

  const pathOwners = new Map<string, PathOwner>();
  const unmapped: DeviceSurvey['unmapped'] = [];
  await Promise.all(
    families.map(async (family) => {
      if (family.software === 'EMC PowerPath') {
        const read = await attempt(() => powerPathDevices(runner));
        for (const d of read.value ?? [])
          for (const p of d.paths)
            pathOwners.set(p, {
              pseudo: d.pseudo,
              evidence: `powermt display dev=all lists ${p} as an I/O path of ${d.pseudo}`,
            });
        if (read.error !== null) unmapped.push({ family, problem: read.error });
      } else if (family.software === 'IBM SDD') {
        const read = await attempt(() => sddPaths(runner));
        for (const [native, vpath] of read.value ?? [])
          pathOwners.set(native, {
            pseudo: vpath,
            evidence: `the ODM (odmget -q attribute=active_hdisk CuAt) lists ${native} as a path of ${vpath}`,
          });
        if (read.error !== null || (read.value?.size ?? 0) === 0)
          unmapped.push({ family, problem: read.error ?? 'the ODM lists no active_hdisk of any vpath' });
      } else {
        // HDLM (before version 6) has no command of AIX's listing its paths; the disks' headers tell.
        unmapped.push({
          family,
          problem: "no AIX command lists the paths of dlmfdrv devices; only the disks' headers (lquerypv) can tell",
        });
      }
    }),
  );
  const mpio = families.length > 0 ? (await attempt(() => mpioPathCounts(runner))).value : null;

  // A free native disk that neither the multipath software nor AIX's MPIO (lspath) accounts for: its header tells.
  const unaccounted = (pv: LspvEntry) =>
    families.length > 0 &&
    pv.vg === NO_VG &&
    isNativeDisk(pv.name) &&
    !pathOwners.has(pv.name) &&
    !(mpio?.has(pv.name) ?? false);
  const wanted = pvs.filter((pv) => options.headersOf(pv) || unaccounted(pv));
  const headers = await readHeaders(
    runner,
    wanted.map((pv) => pv.name),
    options.concurrency,
  );
  return {
    devices,
    devicesError: devicesRead.error,
    families,
    pathOwners,
    unmapped,
    mpio,
    nsds: nsdRead.value,
    nsdError: nsdRead.error,
    headers,
  };
}

/** lquerypv of each disk, at most `concurrency` at once; a disk that cannot be read gets its error instead. */
export async function readHeaders(
  runner: CommandRunner,
  disks: readonly string[],
  concurrency: number,
): Promise<Map<string, HeaderRead>> {
  const headers = new Map<string, HeaderRead>();
  await mapLimit(disks, concurrency, async (disk) => {
    const read = await attempt(() => readDiskHeader(runner, disk));
    headers.set(
      disk,
      read.value !== null
        ? { header: read.value, error: null }
        : { header: null, error: read.error ?? 'unknown error' },
    );
  });
  return headers;
}

/** Runs one read; its failure becomes a message. A command not installed is no failure when `missingIsNull`. */
async function attempt<T>(
  read: () => Promise<T>,
  options: { missingIsNull?: boolean } = {},
): Promise<{ value: T | null; error: string | null }> {
  try {
    return { value: await read(), error: null };
  } catch (err) {
    if (options.missingIsNull && err instanceof CommandNotFoundError) return { value: null, error: null };
    return { value: null, error: err instanceof Error ? err.message : String(err) };
  }
}

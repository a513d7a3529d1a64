import type { CommandRunner } from '../exec/command-runner';
import { READ_ONLY, required } from './aix-commands';
import { parseDf, type DfEntry } from './parsers/df';
import { parseLsvgLvs, type LsvgLv } from './parsers/lsvg';
import { parseOdmget, tcbStateOf, type TcbState } from './parsers/odmget';

// The AIX commands a clone needs beyond discovery. Each function runs one command and
// hands its output to a pure parser; deciding what the answers mean is the preflight's job.

/** The fileset that provides alt_disk_copy (/usr/sbin/alt_disk_copy). */
export const ALT_DISK_FILESET = 'bos.alt_disk_install.rte';

/** `df -k`: mounted file systems with size and free space in KB. */
export async function diskFree(runner: CommandRunner, timeoutMs?: number): Promise<DfEntry[]> {
  return parseDf(
    required(await runner.run('df', ['-k'], timeoutMs === undefined ? READ_ONLY : { ...READ_ONLY, timeoutMs })).stdout,
  );
}

/**
 * `odmget -q attribute=TCB_STATE PdAt`: whether the Trusted Computing Base is enabled.
 * AIX's own install scripts read it the same way (with ODMDIR=/usr/lib/objrepos, where
 * PdAt lives; the runner's fixed environment leaves ODMDIR to its default, /etc/objrepos).
 */
export async function tcbState(runner: CommandRunner): Promise<{ state: TcbState; value: string | null }> {
  return tcbStateOf(
    parseOdmget(required(await runner.run('odmget', ['-q', 'attribute=TCB_STATE', 'PdAt'], READ_ONLY)).stdout),
  );
}

export interface BootDeviceCheck {
  /** bosboot -v accepted /dev/ipldevice. */
  ok: boolean;
  exitCode: number;
  /** What bosboot said (first lines), for the finding. */
  said: string;
}

/**
 * `bosboot -vd /dev/ipldevice`: verifies, without writing, that a boot image could be
 * built for the boot device. alt_disk_copy runs bosboot against /dev/ipldevice, so a
 * failure here is the failure of manual note 4 before any disk is touched.
 */
export async function verifyIplDevice(runner: CommandRunner): Promise<BootDeviceCheck> {
  const result = await runner.run('bosboot', ['-vd', '/dev/ipldevice'], READ_ONLY);
  return {
    ok: result.exitCode === 0,
    exitCode: result.exitCode,
    said: firstMessage(`${result.stderr}\n${result.stdout}`),
  };
}

/** The first paragraph of what a command said (a message may wrap onto a second line), without the usage text after it. */
export function firstMessage(text: string): string {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const start = lines.findIndex((line) => line !== '');
  if (start < 0) return '';
  const end = lines.findIndex((line, i) => i > start && (line === '' || /^usage:/i.test(line)));
  return lines
    .slice(start, end < 0 ? undefined : end)
    .slice(0, 3)
    .join(' ');
}

/** `lsvg -l VG...` in one run: the logical volumes of each named (varied-on) volume group. */
export async function logicalVolumesOf(
  runner: CommandRunner,
  vgs: readonly string[],
): Promise<Record<string, LsvgLv[]>> {
  const result: Record<string, LsvgLv[]> = {};
  if (vgs.length === 0) return result;
  for (const section of parseLsvgLvs(required(await runner.run('lsvg', ['-l', ...vgs], READ_ONLY)).stdout)) {
    result[section.vg] = section.lvs;
  }
  return result;
}

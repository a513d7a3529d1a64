import { CommandFailedError, type CommandResult } from '../exec/command-errors';
import type { CommandRunner, RunOptions } from '../exec/command-runner';
import { parseBootinfoBootable, parseBootinfoDisk, parseBootinfoNumber } from './parsers/bootinfo';
import { parseBootlist, type BootDevice } from './parsers/bootlist';
import { parseBosboot } from './parsers/bosboot';
import { parseIplVaryon, type IplVaryonEntry } from './parsers/ipl-varyon';
import { parseLslppColon, type FilesetEntry } from './parsers/lslpp';
import { parseLspv, type LspvEntry } from './parsers/lspv';
import { parseLsvgDetail, parseLsvgLvs, parseLsvgNames, type LsvgDetail, type LsvgLv } from './parsers/lsvg';
import { parseOslevel, type OsLevel } from './parsers/oslevel';
import { parseWhoBoot } from './parsers/who';

export type BootlistMode = 'normal' | 'service';

/** Options of a command that only reads the host (see RunOptions.readOnly). */
export const READ_ONLY: RunOptions = Object.freeze({ readOnly: true });

/**
 * Typed calls to the AIX commands the agent needs: one method per question, each
 * running exactly one command and handing its output to a pure parser. Nothing
 * here decides policy; the inventory and services do.
 */
export class AixCommands {
  constructor(readonly runner: CommandRunner) {}

  /** `lspv`: every physical volume with its PVID, VG and state. */
  async listPhysicalVolumes(): Promise<LspvEntry[]> {
    return parseLspv(await this.query('lspv', []));
  }

  /** `lsvg` (all defined) or `lsvg -o` (varied on only). */
  async listVolumeGroupNames(variedOnOnly: boolean): Promise<string[]> {
    return parseLsvgNames(await this.query('lsvg', variedOnOnly ? ['-o'] : []));
  }

  /** `lsvg VG`: the detail page of a varied-on volume group. */
  async volumeGroupDetail(vg: string): Promise<LsvgDetail> {
    return parseLsvgDetail(await this.query('lsvg', [vg]));
  }

  /** `lsvg -l VG`: the logical volumes of a varied-on volume group. */
  async logicalVolumes(vg: string): Promise<LsvgLv[]> {
    const sections = parseLsvgLvs(await this.query('lsvg', ['-l', vg]));
    return sections.find((s) => s.vg === vg)?.lvs ?? sections[0]?.lvs ?? [];
  }

  /** `bootinfo -b`: the disk the running system booted from. */
  async bootDisk(): Promise<string> {
    return parseBootinfoDisk(await this.query('bootinfo', ['-b']));
  }

  /** `bootinfo -s DISK`: capacity in MB. */
  async diskSizeMb(disk: string): Promise<number> {
    return parseBootinfoNumber(await this.query('bootinfo', ['-s', disk]));
  }

  /** `bootinfo -B DISK`: whether the firmware can boot from the disk. */
  async diskBootCapable(disk: string): Promise<boolean> {
    return parseBootinfoBootable(await this.query('bootinfo', ['-B', disk]));
  }

  /** `bootinfo -K`: kernel width in bits. */
  async kernelBits(): Promise<number> {
    return parseBootinfoNumber(await this.query('bootinfo', ['-K']));
  }

  /** `ipl_varyon -i`: which disks carry a boot record. */
  async bootRecords(): Promise<IplVaryonEntry[]> {
    return parseIplVaryon(await this.query('ipl_varyon', ['-i']));
  }

  /** `bootlist -m MODE -o`. */
  async bootList(mode: BootlistMode): Promise<BootDevice[]> {
    return parseBootlist(await this.query('bootlist', ['-m', mode, '-o']));
  }

  /** `bootlist -m MODE DEVICE [attr=value ...] ...`. */
  async setBootList(mode: BootlistMode | 'both', words: readonly string[]): Promise<void> {
    await this.change('bootlist', ['-m', mode, ...words]);
  }

  /** `bosboot -ad /dev/DISK`: a new boot image on a rootvg disk. */
  async bosboot(disk: string): Promise<{ blocks: number | null; lines: string[] }> {
    return parseBosboot(await this.change('bosboot', ['-ad', `/dev/${disk}`]));
  }

  /** `oslevel -s`. */
  async serviceLevel(): Promise<OsLevel> {
    return parseOslevel(await this.query('oslevel', ['-s']));
  }

  /** `oslevel`: the base level, e.g. 7.2.0.0. */
  async baseLevel(): Promise<string> {
    return (await this.query('oslevel', [])).trim();
  }

  /** `lslpp -Lc FILESET`; null when the fileset is not installed. */
  async fileset(name: string): Promise<FilesetEntry | null> {
    const result = await this.runner.run('lslpp', ['-Lc', name], READ_ONLY);
    // lslpp exits non-zero and says 0504-132 when the fileset is not installed
    if (result.exitCode !== 0) {
      if (/0504-132/.test(result.stderr + result.stdout)) return null;
      throw new CommandFailedError(result);
    }
    return parseLslppColon(result.stdout).find((f) => f.fileset === name) ?? null;
  }

  /** `who -b`: when the running system booted (minute precision). */
  async bootTime(now: Date): Promise<Date | null> {
    return parseWhoBoot(await this.query('who', ['-b']), now);
  }

  /** `hostname`. */
  async hostname(): Promise<string> {
    return (await this.query('hostname', [])).trim();
  }

  /** Runs a command that only reads and must succeed; returns its standard output. It stops when its call ends. */
  private async query(command: string, args: readonly string[]): Promise<string> {
    return required(await this.runner.run(command, args, READ_ONLY)).stdout;
  }

  /** Runs a command that changes the host and must succeed: it runs to its end even if the caller goes away. */
  private async change(command: string, args: readonly string[]): Promise<string> {
    return required(await this.runner.run(command, args)).stdout;
  }
}

export function required(result: CommandResult): CommandResult {
  if (result.exitCode !== 0) throw new CommandFailedError(result);
  return result;
}

import type { CommandRunner } from '../exec/command-runner';
import { diskFree } from '../aix/clone-commands';

const ALT_INST = '/alt_inst';

/**
 * Measures how far the copy of rootvg has got, the way an admin would: `df -k`
 * shows the clone's file systems under /alt_inst filling up, against the space
 * rootvg's file systems use. Exclusions make the copy smaller than the source, so
 * the fraction is an estimate that can stop short of 1.
 */
export class CopyProbe {
  private sourceKb: number | undefined;

  constructor(private readonly runner: CommandRunner) {}

  async fraction(): Promise<number | null> {
    const entries = await diskFree(this.runner, 30_000);
    const used = (e: (typeof entries)[number]): number =>
      e.blocks !== null && e.free !== null ? e.blocks - e.free : 0;
    const isAlt = (mount: string): boolean => mount === ALT_INST || mount.startsWith(`${ALT_INST}/`);
    if (this.sourceKb === undefined) {
      // The clone mirrors rootvg's mount points: / becomes /alt_inst, /usr becomes /alt_inst/usr.
      const altMounts = new Set(
        entries.filter((e) => isAlt(e.mountedOn)).map((e) => e.mountedOn.slice(ALT_INST.length) || '/'),
      );
      this.sourceKb = entries
        .filter((e) => !isAlt(e.mountedOn) && altMounts.has(e.mountedOn))
        .reduce((sum, e) => sum + used(e), 0);
    }
    if (!this.sourceKb) return null;
    const copiedKb = entries.filter((e) => isAlt(e.mountedOn)).reduce((sum, e) => sum + used(e), 0);
    return copiedKb / this.sourceKb;
  }
}

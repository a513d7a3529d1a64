import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FsUsage, HostState, VolumeGroup } from '../../state/model';
import { faultsOf, numberParam } from '../../state/faults';
import { allocated } from '../../state/usage';
import { lvDir } from '../../state/paths';
import { findVg } from '../../state/queries';
import type { ExcludeList } from './exclude';
import { errors, progress } from './messages';
import type { Runtime } from './runtime';

/**
 * The backup/restore of phase 1: the files of every mounted rootvg file system, in mount
 * order, listed as backup lists them (./usr/bin/ls), filtered by the exclude list, and
 * copied into the clone's data directories (DIR/disks/<first target>/lv/<name inside the
 * clone>/...), so /usr/bin/ls of a clone on hdisk1 is DIR/disks/hdisk1/lv/hd2/bin/ls.
 *
 * Pace: the copy never runs ahead of `aixsim tune --copy-rate-mb` (bytes, including the
 * OS content a file system counts in FileSystem.base, spread over its files) nor of
 * `--files-per-sec`. Every 250 ms the bytes and files restored so far are written to the
 * clone's file systems in the state, so `df` shows /alt_inst/... filling up; the bytes
 * shown grow with time, not in jumps of whole files.
 */
export interface CopySource {
  /** The clone's LV receiving this file system (alt_hd2). */
  lvName: string;
  mountPoint: string;
  srcDir: string;
  base: FsUsage | undefined;
}

interface Entry {
  target: number;
  rel: string;
  src: string;
  inner: string;
  size: number;
  dir: boolean;
  /** Permission bits, kept on the copy as backup/restore keeps them. */
  mode: number;
}

export interface CopyResult {
  /** A backup/restore error happened (a disk-error fault). */
  restoreError: boolean;
}

const FLUSH_MS = 250;

/**
 * The list backup would write: every entry under each source, ./-relative, minus the
 * excluded ones (matched by their emulated path, or by their real one: see loadExcludeList).
 */
function listEntries(sources: readonly CopySource[], exclude: ExcludeList | undefined): Entry[][] {
  return sources.map((src, target) => {
    const out: Entry[] = [];
    const prefix = src.mountPoint === '/' ? '.' : `.${src.mountPoint}`;
    let realRoot: string;
    try {
      realRoot = fs.realpathSync(src.srcDir);
    } catch {
      return out;
    }
    const walk = (dir: string, inner: string) => {
      let names: fs.Dirent[];
      try {
        names = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const d of names) {
        const p = path.join(dir, d.name);
        const innerRel = inner === '' ? d.name : `${inner}/${d.name}`;
        const rel = `${prefix}/${innerRel}`;
        const isDir = d.isDirectory();
        if (!exclude?.excludes(rel, `.${realRoot}/${innerRel}`)) {
          const stat = fs.statSync(p);
          out.push({
            target,
            rel,
            src: p,
            inner: innerRel,
            size: isDir ? 0 : stat.size,
            dir: isDir,
            mode: stat.mode & 0o7777,
          });
        }
        if (isDir) walk(p, innerRel);
      }
    };
    walk(src.srcDir, '');
    return out;
  });
}

/** Per target LV: the base content (FileSystem.base) it gets, and the share of it each entry carries. */
interface Share {
  bytes: number;
  files: number;
  base: FsUsage;
}

const VG_NAME = 'altinst_rootvg';

export async function copyFiles(
  rt: Runtime,
  state: HostState,
  sources: readonly CopySource[],
  exclude: ExcludeList | undefined,
  errorPolicy: 'continue' | 'fail',
): Promise<CopyResult> {
  const lists = listEntries(sources, exclude);
  await rt.step(progress.backingUp);
  return new FileCopy(rt, state, sources, lists, errorPolicy).run();
}

/** One copy under way: how far it is (bytes, files, per LV), and the steps that move it on. */
class FileCopy {
  private readonly targetDirs: string[];
  /** Where a disk-error fault fires, in percent of totalBytes (Infinity: no fault). */
  private readonly faultAt: number;
  private readonly shares: Share[];
  private readonly totalBytes: number;
  /** Per target LV: the bytes and files restored so far. */
  private readonly done: FsUsage[];
  private readonly bytesPerMs: number;
  private readonly filesPerMs: number;
  private readonly made = new Set<string>();
  private readonly started: number;
  private bytesDone = 0;
  private filesDone = 0;
  private restoreError = false;
  private faultFired = false;
  private lastFlush: number;
  private lastYield: number;

  constructor(
    private readonly rt: Runtime,
    state: HostState,
    private readonly sources: readonly CopySource[],
    private readonly lists: readonly Entry[][],
    private readonly errorPolicy: 'continue' | 'fail',
  ) {
    const vg = findVg(state, VG_NAME) as VolumeGroup;
    this.targetDirs = sources.map((s) =>
      lvDir(rt.ctx.paths, vg, vg.lvs.find((l) => l.name === s.lvName) as VolumeGroup['lvs'][number]),
    );
    const targetDisks = new Set(vg.disks);
    const rootvgDisks = new Set(findVg(state, 'rootvg')?.disks ?? []);
    const fault = faultsOf(state, 'disk-error').find(
      (f) => f.target !== undefined && (targetDisks.has(f.target) || rootvgDisks.has(f.target)),
    );
    this.faultAt = fault ? numberParam(fault, 'afterPercent', 50) : Infinity;

    this.shares = lists.map((list, i) => {
      const base = sources[i]?.base ?? { bytes: 0, files: 0 };
      const n = Math.max(1, list.length);
      return { bytes: base.bytes / n, files: base.files / n, base };
    });
    this.totalBytes = lists.reduce(
      (sum, list, i) => sum + list.reduce((s, e) => s + allocated(e.size), 0) + (this.shares[i]?.base.bytes ?? 0),
      0,
    );
    this.done = sources.map(() => ({ bytes: 0, files: 0 }));
    const { settings } = rt;
    this.bytesPerMs = (settings.copyRateMbPerSec * 1024 * 1024) / 1000;
    this.filesPerMs = settings.filesPerSec > 0 ? settings.filesPerSec / 1000 : Infinity;
    this.started = Date.now();
    this.lastFlush = this.started;
    this.lastYield = this.started;
  }

  async run(): Promise<CopyResult> {
    for (let i = 0; i < this.lists.length; i++) {
      if (!(await this.copyList(i))) return { restoreError: this.restoreError };
    }
    this.flush();
    // Exact final numbers: what was copied plus the base content.
    this.writeUsage(this.done);
    return { restoreError: this.restoreError };
  }

  /** One file system into its LV's directory: false when a restore error stops the copy (policy "fail"). */
  private async copyList(i: number): Promise<boolean> {
    const list = this.lists[i] as Entry[];
    const share = this.shares[i] as Share;
    const dst = this.targetDirs[i] as string;
    this.ensureDir(dst);
    const lvDone = this.done[i] as FsUsage;
    if (list.length === 0) {
      this.bytesDone += share.base.bytes;
      this.filesDone += share.base.files;
      lvDone.bytes += share.base.bytes;
      lvDone.files += share.base.files;
      await this.pace();
    }
    for (const e of list) {
      this.rt.check();
      const failed = !this.restore(e, dst);
      if (failed) {
        this.restoreError = true;
        this.rt.error(errors.restoreError(e.rel));
        if (this.errorPolicy === 'fail') return false;
      } else if (this.rt.verboseList) {
        this.rt.say(progress.verboseEntry(e.size, e.rel));
      }
      const bytes = (failed ? 0 : allocated(e.size)) + share.bytes;
      this.bytesDone += bytes;
      this.filesDone += 1;
      lvDone.bytes += bytes;
      lvDone.files += (failed ? 0 : 1) + share.files;
      await this.pace();
    }
    return true;
  }

  /** Restores one entry under dst: false when it fails (the disk-error fault firing, or an I/O error). */
  private restore(e: Entry, dst: string): boolean {
    const target = path.join(dst, e.inner);
    if (!this.faultFired && this.totalBytes > 0 && (this.bytesDone * 100) / this.totalBytes >= this.faultAt && !e.dir) {
      this.faultFired = true;
      return false;
    }
    try {
      if (e.dir) {
        this.ensureDir(target);
        fs.chmodSync(target, e.mode);
      } else {
        this.ensureDir(path.dirname(target));
        fs.copyFileSync(e.src, target);
      }
    } catch {
      return false;
    }
    return true;
  }

  /** Waits until the copy is no faster than the byte and file rates, flushing the usage every FLUSH_MS. */
  private async pace(): Promise<void> {
    const needMs = Math.max(this.bytesDone / this.bytesPerMs, this.filesDone / this.filesPerMs);
    for (;;) {
      const now = Date.now();
      if (now - this.lastFlush >= FLUSH_MS) this.flush();
      const wait = this.started + needMs - now;
      if (wait <= 0) break;
      await this.rt.sleep(Math.min(wait, 50));
      this.lastYield = Date.now();
    }
    if (Date.now() - this.lastYield >= 20) {
      await this.rt.sleep(0);
      this.lastYield = Date.now();
    }
  }

  private flush(): void {
    // Shown bytes grow with time: the copy's byte clock, not whole files.
    const elapsed = Date.now() - this.started;
    const clock = this.bytesPerMs === Infinity ? this.bytesDone : elapsed * this.bytesPerMs;
    const shownTotal = Math.min(this.bytesDone, clock);
    let lag = this.bytesDone - shownTotal;
    const shown = this.done.map((d) => ({ ...d }));
    for (let i = shown.length - 1; i >= 0 && lag > 0; i--) {
      const s = shown[i] as FsUsage;
      const cut = Math.min(s.bytes, lag);
      s.bytes -= cut;
      lag -= cut;
    }
    this.writeUsage(shown);
    this.lastFlush = Date.now();
  }

  /** Sets the usage of the clone's file systems in the state, one FsUsage per source. */
  private writeUsage(usage: readonly FsUsage[]): void {
    this.rt.ctx.mutate((s) => {
      const alt = findVg(s, VG_NAME);
      if (!alt) return;
      this.sources.forEach((src, i) => {
        const lv = alt.lvs.find((l) => l.name === src.lvName);
        const u = usage[i] as FsUsage;
        if (lv?.fs) lv.fs.usage = { bytes: Math.round(u.bytes), files: Math.round(u.files) };
      });
    });
  }

  private ensureDir(d: string): void {
    if (this.made.has(d)) return;
    fs.mkdirSync(d, { recursive: true });
    this.made.add(d);
  }
}

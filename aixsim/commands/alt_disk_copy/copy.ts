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
          out.push({ target, rel, src: p, inner: innerRel, size: isDir ? 0 : stat.size, dir: isDir, mode: stat.mode & 0o7777 });
        }
        if (isDir) walk(p, innerRel);
      }
    };
    walk(src.srcDir, '');
    return out;
  });
}

export async function copyFiles(
  rt: Runtime,
  state: HostState,
  sources: readonly CopySource[],
  exclude: ExcludeList | undefined,
  errorPolicy: 'continue' | 'fail',
): Promise<CopyResult> {
  const { ctx, settings } = rt;
  const lists = listEntries(sources, exclude);
  await rt.step(progress.backingUp);

  const vgName = 'altinst_rootvg';
  const vg = findVg(state, vgName) as VolumeGroup;
  const targetDirs = sources.map((s) => lvDir(ctx.paths, vg, vg.lvs.find((l) => l.name === s.lvName) as VolumeGroup['lvs'][number]));
  const targetDisks = new Set(vg.disks);
  const rootvgDisks = new Set(findVg(state, 'rootvg')?.disks ?? []);
  const fault = faultsOf(state, 'disk-error').find((f) => f.target !== undefined && (targetDisks.has(f.target) || rootvgDisks.has(f.target)));
  const faultAt = fault ? numberParam(fault, 'afterPercent', 50) : Infinity;

  // Per target LV: the bytes/files it will hold at the end, and the share of base content per entry.
  const shares = lists.map((list, i) => {
    const base = sources[i]?.base ?? { bytes: 0, files: 0 };
    const n = Math.max(1, list.length);
    return { bytes: base.bytes / n, files: base.files / n, base };
  });
  const totalBytes = lists.reduce(
    (sum, list, i) => sum + list.reduce((s, e) => s + allocated(e.size), 0) + (shares[i]?.base.bytes ?? 0),
    0,
  );
  const done: FsUsage[] = sources.map(() => ({ bytes: 0, files: 0 }));
  let bytesDone = 0;
  let filesDone = 0;
  let restoreError = false;
  let faultFired = false;
  const bytesPerMs = (settings.copyRateMbPerSec * 1024 * 1024) / 1000;
  const filesPerMs = settings.filesPerSec > 0 ? settings.filesPerSec / 1000 : Infinity;
  const started = Date.now();
  let lastFlush = started;
  let lastYield = started;
  let current = 0;

  const flush = () => {
    // Shown bytes grow with time: the copy's byte clock, not whole files.
    const elapsed = Date.now() - started;
    const shownTotal = Math.min(bytesDone, bytesPerMs === Infinity ? bytesDone : elapsed * bytesPerMs);
    let lag = bytesDone - shownTotal;
    const shown = done.map((d) => ({ ...d }));
    for (let i = shown.length - 1; i >= 0 && lag > 0; i--) {
      const s = shown[i] as FsUsage;
      const cut = Math.min(s.bytes, lag);
      s.bytes -= cut;
      lag -= cut;
    }
    ctx.mutate((s) => {
      const alt = findVg(s, vgName);
      if (!alt) return;
      sources.forEach((src, i) => {
        const lv = alt.lvs.find((l) => l.name === src.lvName);
        const u = shown[i] as FsUsage;
        if (lv?.fs) lv.fs.usage = { bytes: Math.round(u.bytes), files: Math.round(u.files) };
      });
    });
    lastFlush = Date.now();
  };

  const pace = async () => {
    const needMs = Math.max(bytesDone / bytesPerMs, filesDone / filesPerMs);
    for (;;) {
      const now = Date.now();
      if (now - lastFlush >= FLUSH_MS) flush();
      const wait = started + needMs - now;
      if (wait <= 0) break;
      await rt.sleep(Math.min(wait, 50));
      lastYield = Date.now();
    }
    if (Date.now() - lastYield >= 20) {
      await rt.sleep(0);
      lastYield = Date.now();
    }
  };

  const made = new Set<string>();
  const ensureDir = (d: string) => {
    if (made.has(d)) return;
    fs.mkdirSync(d, { recursive: true });
    made.add(d);
  };

  for (const list of lists) {
    const share = shares[current] as (typeof shares)[number];
    const dst = targetDirs[current] as string;
    ensureDir(dst);
    const lvDone = done[current] as FsUsage;
    if (list.length === 0) {
      bytesDone += share.base.bytes;
      filesDone += share.base.files;
      lvDone.bytes += share.base.bytes;
      lvDone.files += share.base.files;
      await pace();
    }
    for (const e of list) {
      rt.check();
      const target = path.join(dst, e.inner);
      let failed = false;
      if (!faultFired && totalBytes > 0 && (bytesDone * 100) / totalBytes >= faultAt && !e.dir) {
        faultFired = true;
        failed = true;
      } else {
        try {
          if (e.dir) {
            ensureDir(target);
            fs.chmodSync(target, e.mode);
          } else {
            ensureDir(path.dirname(target));
            fs.copyFileSync(e.src, target);
          }
        } catch {
          failed = true;
        }
      }
      if (failed) {
        restoreError = true;
        rt.error(errors.restoreError(e.rel));
        if (errorPolicy === 'fail') return { restoreError };
      } else if (rt.verboseList) {
        rt.say(progress.verboseEntry(e.size, e.rel));
      }
      const bytes = (failed ? 0 : allocated(e.size)) + share.bytes;
      bytesDone += bytes;
      filesDone += 1;
      lvDone.bytes += bytes;
      lvDone.files += (failed ? 0 : 1) + share.files;
      await pace();
    }
    current++;
  }
  flush();
  // Exact final numbers: what was copied plus the base content.
  ctx.mutate((s) => {
    const alt = findVg(s, vgName);
    if (!alt) return;
    sources.forEach((src, i) => {
      const lv = alt.lvs.find((l) => l.name === src.lvName);
      const u = done[i] as FsUsage;
      if (lv?.fs) lv.fs.usage = { bytes: Math.round(u.bytes), files: Math.round(u.files) };
    });
  });
  return { restoreError };
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Fileset, SystemImage } from '../../state/model';

/**
 * What an images directory (-l) holds on an emulated host, and how phase 2's installp
 * applies it to the CLONE's installed software (never the running system's):
 *
 * - `<fileset>.<V.R.M.F>.bff`, e.g. `bos.rte.7.2.5.300.bff`: that fileset at that level
 *   (content ignored). Several levels may sit side by side; the highest is used.
 * - `<APAR>.apar`, e.g. `IJ12345.apar`: a fix. Each line `<fileset> <level>` names a
 *   fileset level it brings (which must also be there as a .bff); a line
 *   `oslevel <VR00-TL-SP-YYWW>` raises the clone's `oslevel -s`. -F/-f apply fixes and
 *   record their names (state: the clone's system.fixes).
 * - `<VR00-TL-SP-YYWW>.level`, e.g. `7200-05-05-2246.level`: a service pack; `-b update_all`
 *   applies every .bff newer than an installed fileset and raises `oslevel -s` to the
 *   highest .level file above the current one.
 *
 * -b names update_all or a bundle file (lines `I:<fileset>` or `<fileset>`, # comments);
 * -w names filesets. Each is installed or updated to its highest .bff level. -I gives
 * installp's flags (default acgX): with `c` the filesets are COMMITTED, without it APPLIED;
 * with `p` it is a preview and nothing changes.
 */
export interface Images {
  /** fileset -> levels available, highest first */
  bffs: Map<string, string[]>;
  apars: Map<string, string>;
  levels: string[];
}

export function readImages(dir: string): Images {
  const bffs = new Map<string, string[]>();
  const apars = new Map<string, string>();
  const levels: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const bff = /^(.+)\.(\d+\.\d+\.\d+\.\d+)\.bff$/.exec(name);
    if (bff) {
      const list = bffs.get(bff[1] as string) ?? [];
      list.push(bff[2] as string);
      bffs.set(bff[1] as string, list);
      continue;
    }
    const apar = /^(.+)\.apar$/.exec(name);
    if (apar) {
      apars.set(apar[1] as string, path.join(dir, name));
      continue;
    }
    const level = /^(\d{4}-\d\d-\d\d-\d{4})\.level$/.exec(name);
    if (level) levels.push(level[1] as string);
  }
  for (const list of bffs.values()) list.sort((a, b) => compareLevels(b, a));
  levels.sort().reverse();
  return { bffs, apars, levels };
}

export function compareLevels(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface InstallRequest {
  bundle?: string;
  filesets: string[];
  fixes: string[];
  fixBundle?: string;
  flags: string;
}

export interface InstallPlan {
  rows: Array<{ name: string; level: string; part: string; event: string }>;
  missing: string[];
  apply(system: SystemImage): void;
}

export function planInstall(current: SystemImage, images: Images, req: InstallRequest): InstallPlan {
  const wanted = new Map<string, string>();
  const missing: string[] = [];
  const fixes: string[] = [...req.fixes];
  if (req.fixBundle !== undefined) fixes.push(...readList(req.fixBundle));
  let serviceLevel: string | undefined;

  const want = (name: string, level?: string) => {
    const avail = images.bffs.get(name);
    const chosen = level ?? avail?.[0];
    if (!chosen || (level !== undefined && !avail?.includes(level))) {
      missing.push(level ? `${name} ${level}` : name);
      return;
    }
    const prev = wanted.get(name);
    if (!prev || compareLevels(chosen, prev) > 0) wanted.set(name, chosen);
  };

  if (req.bundle === 'update_all') {
    for (const f of current.filesets) {
      const best = images.bffs.get(f.name)?.[0];
      if (best && compareLevels(best, f.level) > 0) wanted.set(f.name, best);
    }
    const top = images.levels[0];
    if (top && top > current.serviceLevel) serviceLevel = top;
  } else if (req.bundle !== undefined) {
    for (const name of readList(req.bundle)) want(name.replace(/^[IR]:/, ''));
  }
  for (const name of req.filesets) want(name);
  for (const fix of fixes) {
    const file = images.apars.get(fix);
    if (!file) {
      missing.push(fix);
      continue;
    }
    for (const line of readList(file)) {
      const [a, b] = line.split(/\s+/);
      if (a === 'oslevel' && b) {
        if (!serviceLevel || b > serviceLevel) serviceLevel = b;
      } else if (a && b) want(a, b);
    }
  }

  const preview = req.flags.includes('p');
  const commit = req.flags.includes('c');
  const rows: InstallPlan['rows'] = [];
  for (const [name, level] of wanted) {
    const existing = current.filesets.find((f) => f.name === name);
    const parts = existing?.parts ?? ['usr', 'root'];
    for (const part of parts)
      rows.push({ name, level, part: part.toUpperCase(), event: preview ? 'PREVIEW' : 'APPLY' });
  }
  return {
    rows,
    missing,
    apply(system: SystemImage) {
      if (preview) return;
      for (const [name, level] of wanted) {
        const state: Fileset['state'] = commit ? 'COMMITTED' : 'APPLIED';
        const existing = system.filesets.find((f) => f.name === name);
        if (existing) {
          existing.level = level;
          existing.state = state;
        } else {
          const dot = name.lastIndexOf('.');
          system.filesets.push({
            package: dot > 0 ? name.slice(0, dot) : name,
            name,
            level,
            state,
            description: name,
            type: 'F',
            parts: ['usr', 'root'],
            buildDate: (serviceLevel ?? system.serviceLevel).slice(-4),
          });
        }
        (system.installLog ??= []).push(`installp -${req.flags} ${name} ${level}`);
      }
      system.filesets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const fix of fixes) if (!system.fixes.includes(fix)) system.fixes.push(fix);
      if (serviceLevel && serviceLevel > system.serviceLevel) {
        system.serviceLevel = serviceLevel;
        system.vrmf = `${serviceLevel[0]}.${serviceLevel[1]}.0.0`;
        (system.installLog ??= []).push(`oslevel ${serviceLevel}`);
      }
    },
  };
}

function readList(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l !== '');
}

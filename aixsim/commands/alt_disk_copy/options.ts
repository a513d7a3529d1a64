import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FlagSet } from '../../cli/getopt';
import { errors, USAGE } from './messages';

/**
 * alt_disk_copy's flags, every one of the manual's, and the checks that need no host
 * state (those are in plan.ts, run under the state lock).
 *
 * -d takes ONE argument holding the disks separated by blanks (-d "hdisk1 hdisk2"), as
 * the manual and IBM's ansible module (['-d', ' '.join(hdisks)]) pass it; words left
 * after the flags are a usage error, as getopt stops at the first operand.
 * The getopt opening itself (an unknown flag: libc's message and USAGE) is defineCommand's.
 */
export interface CloneOptions {
  targets: string[];
  imageData?: string;
  script?: string;
  bundle?: string;
  installpFlags?: string;
  images?: string;
  fixBundle?: string;
  fixes: string[];
  exclude?: string;
  filesets: string[];
  nim: boolean;
  phases: number[];
  console?: string;
  firstBootScript?: string;
  resolvConf?: string;
  debug: boolean;
  noBootlist: boolean;
  deviceReset: boolean;
  verbose: boolean;
  skipBootCheck: boolean;
  reboot: boolean;
  wpar: boolean;
  toJfs2: boolean;
  skipSpaceCheck: boolean;
}

export type Parsed = { ok: true; options: CloneOptions } | { ok: false; message: string };

const PHASES: Record<string, number[]> = { '1': [1], '2': [2], '3': [3], '12': [1, 2], '23': [2, 3], all: [1, 2, 3] };

export const OPTSTRING = 'd:i:s:b:I:l:f:F:e:w:nP:c:x:R:DBOVgruTS';

/** The options of the flags getopt accepted (a flag given twice: its last value). */
export function cloneOptions(flags: FlagSet, operands: readonly string[]): Parsed {
  const targets = (flags.value('d') ?? '').split(/\s+/).filter((w) => w !== '');
  if (targets.length === 0 || operands.length > 0) return { ok: false, message: USAGE };
  const phaseArg = flags.value('P') ?? 'all';
  const phases = PHASES[phaseArg];
  if (!phases) return { ok: false, message: errors.badPhase(phaseArg) };

  const o: CloneOptions = {
    targets,
    fixes: (flags.value('F') ?? '').split(/[\s,]+/).filter((w) => w !== ''),
    filesets: (flags.value('w') ?? '').split(/\s+/).filter((w) => w !== ''),
    nim: flags.has('n'),
    phases,
    debug: flags.has('D'),
    noBootlist: flags.has('B'),
    deviceReset: flags.has('O'),
    verbose: flags.has('V'),
    skipBootCheck: flags.has('g'),
    reboot: flags.has('r'),
    wpar: flags.has('u'),
    toJfs2: flags.has('T'),
    skipSpaceCheck: flags.has('S'),
  };
  const set = (key: keyof CloneOptions, flag: string) => {
    const val = flags.value(flag);
    if (val !== undefined) (o as unknown as Record<string, unknown>)[key] = val;
  };
  set('imageData', 'i');
  set('script', 's');
  set('bundle', 'b');
  set('installpFlags', 'I');
  set('images', 'l');
  set('fixBundle', 'f');
  set('exclude', 'e');
  set('console', 'c');
  set('firstBootScript', 'x');
  set('resolvConf', 'R');

  const message = staticChecks(o, flags);
  return message === null ? { ok: true, options: o } : { ok: false, message };
}

function staticChecks(o: CloneOptions, flags: FlagSet): string | null {
  if (['b', 'f', 'F', 'w', 'I'].some((f) => flags.has(f)) && o.images === undefined) return errors.needsImages();
  if (o.console !== undefined && !o.deviceReset) return errors.consoleNeedsO();
  if (o.reboot && o.noBootlist) return errors.rebootVsB();
  for (const [file, what] of [
    [o.exclude, 'exclude_list'],
    [o.imageData, 'image.data'],
    [o.resolvConf, 'resolv_conf'],
  ] as const) {
    if (file === undefined) continue;
    if (!path.isAbsolute(file)) return errors.notFullPath(what);
    if (!readableFile(file)) return errors.cannotAccess(file);
  }
  if (o.images !== undefined && !isDirectory(o.images)) return errors.cannotAccess(o.images);
  if (o.bundle !== undefined && o.bundle !== 'update_all' && !readableFile(o.bundle))
    return errors.cannotAccess(o.bundle);
  if (o.fixBundle !== undefined && !readableFile(o.fixBundle)) return errors.cannotAccess(o.fixBundle);
  for (const script of [o.script, o.firstBootScript]) {
    if (script === undefined) continue;
    if (!readableFile(script)) return errors.cannotAccess(script);
    try {
      fs.accessSync(script, fs.constants.X_OK);
    } catch {
      return errors.notExecutable(script);
    }
  }
  return null;
}

function readableFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

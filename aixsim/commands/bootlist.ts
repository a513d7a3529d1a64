import * as fs from 'node:fs';
import type { FlagSet } from '../cli/getopt';
import type { BootlistEntry, HostState } from '../state/model';
import { bootLvOnDisk, findDisk } from '../state/queries';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * bootlist: show (-o) and set the normal and service boot lists.
 *
 * Backed by samples: the -o layout, one line per path of a disk with its boot LV
 * (test/fixtures/aix/bootlist.normal-o.*.txt); setting prints nothing (bootlist.set.01.txt).
 * The 0514-2xx messages are the wording of AIX's bootlist message catalog
 * (0514-200 missing flag, 0514-202 invalid device, 0514-203 invalid mode, 0514-215/216
 * attributes). Inferred: the usage text (IBM's syntax line), a disk with no boot LV being
 * accepted and shown without blv=, -m both -o printing the normal list then the service
 * list, 0514-214 for a blv= that is not a boot LV on that disk, exit status 1 on errors.
 * Inferred too (no capture with one found): a non-disk device (cd0, fd0, rmt0, ent0, made by
 * aixsim init --device) shown on one line with the attributes it was given, in that order
 * ("ent0 bserver=... client=... gateway=..."), as the man page says -o output can be read
 * back with -f; a network adapter takes bserver, gateway, client, speed, duplex, vlan_tag,
 * vlan_pri, filename, the other devices no attribute (0514-215).
 */
const USAGE = 'usage: bootlist [{-m mode} [-r] [-o] [[-i] [-V] [-F]| [[-f File] [Device [Attr=Value...]...]]] [-v]\n';

const MSG = {
  missing: (what: string) => `0514-200 bootlist: Usage error. Flag or parameter is missing (${what})\n`,
  conflict: (what: string) => `0514-201 bootlist: Usage error. Conflicting flags (${what})\n`,
  badName: (name: string) => `0514-202 bootlist: Invalid device name (${name})\n`,
  badMode: (mode: string) => `0514-203 bootlist: Invalid mode (${mode})\n`,
  openErr: (file: string) => `0514-206 bootlist: Unable to open file '${file}'\n`,
  attrCombo: (dev: string) => `0514-214 bootlist: Illegal combination of attributes for ${dev}\n`,
  badAttr: (attr: string) => `0514-215 bootlist: invalid attribute (${attr})\n`,
  dupAttr: (attr: string) => `0514-216 bootlist: attribute specified more than once (${attr})\n`,
};

type Mode = 'normal' | 'service';

class BootlistError extends Error {}

export const main = defineCommand({ optstring: 'm:oirvVFf:', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  const modes = new Set<Mode>();
  for (const f of flags.list) {
    if (f.flag !== 'm') continue;
    const m = f.value ?? '';
    if (m === 'normal' || m === 'service') modes.add(m);
    else if (m === 'both') modes.add('normal').add('service');
    else if (m === 'prevboot') {
      ctx.err.write(`${ctx.name}: aixsim: -m prevboot is not emulated\n`);
      return 1;
    } else {
      ctx.err.write(MSG.badMode(m));
      return 1;
    }
  }
  if (modes.size === 0) {
    ctx.err.write(MSG.missing('-m') + USAGE);
    return 1;
  }
  let words = [...operands];
  const file = flags.value('f');
  if (file !== undefined) {
    try {
      words = words.concat(
        fs
          .readFileSync(file, 'utf8')
          .split(/\s+/)
          .filter((w) => w !== ''),
      );
    } catch {
      ctx.err.write(MSG.openErr(file));
      return 1;
    }
  }
  const setting = words.length > 0;
  if (flags.has('i') && setting) {
    ctx.err.write(MSG.conflict('-i dev_name') + USAGE);
    return 1;
  }
  const ordered: Mode[] = (['normal', 'service'] as const).filter((m) => modes.has(m));
  if (setting || flags.has('i')) {
    let entries: BootlistEntry[] = [];
    if (setting) {
      try {
        entries = parseDevices(ctx.state(), words);
      } catch (e) {
        if (!(e instanceof BootlistError)) throw e;
        ctx.err.write(e.message);
        return 1;
      }
    }
    ctx.mutate((s) => {
      for (const m of ordered) s.bootlist[m] = entries.map((e) => ({ ...e }));
    });
  }
  if (flags.has('o') || flags.has('r')) {
    const state = ctx.state();
    for (const m of ordered) ctx.out.write(display(state, state.bootlist[m]));
  }
  return 0;
}

/** Attributes a network adapter takes (bootlist man page; IBM's ansible bootlist module lists the same). */
const NETWORK_ATTRIBUTES = new Set([
  'bserver',
  'gateway',
  'client',
  'speed',
  'duplex',
  'vlan_tag',
  'vlan_pri',
  'filename',
]);

/** Devices and their attr=value words, in order; validates each device against the host. */
function parseDevices(state: HostState, words: readonly string[]): BootlistEntry[] {
  const entries: BootlistEntry[] = [];
  const seen = new Map<BootlistEntry, Set<string>>();
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) {
      const name = word.replace(/^\/dev\//, '');
      const disk = findDisk(state, name);
      let entry: BootlistEntry;
      if (disk) {
        entry = { device: disk.name };
        const blv = bootLvOnDisk(state, disk.name);
        if (blv !== undefined) entry.blv = blv;
      } else if ((state.devices ?? []).includes(name)) {
        entry = { device: name };
      } else {
        throw new BootlistError(MSG.badName(word));
      }
      entries.push(entry);
      seen.set(entry, new Set());
      continue;
    }
    const attr = word.slice(0, eq);
    const value = word.slice(eq + 1);
    const current = entries[entries.length - 1];
    if (!current) throw new BootlistError(MSG.badAttr(attr));
    const isDisk = findDisk(state, current.device) !== undefined;
    const allowed = isDisk
      ? attr === 'blv' || attr === 'pathid'
      : current.device.startsWith('ent') && NETWORK_ATTRIBUTES.has(attr);
    if (!allowed) throw new BootlistError(MSG.badAttr(attr));
    const given = seen.get(current) as Set<string>;
    if (given.has(attr)) throw new BootlistError(MSG.dupAttr(attr));
    given.add(attr);
    if (!isDisk) {
      if (value === '') throw new BootlistError(MSG.attrCombo(current.device));
      current.attributes = [...(current.attributes ?? []), [attr, value]];
    } else if (attr === 'blv') {
      if (bootLvOnDisk(state, current.device) !== value) throw new BootlistError(MSG.attrCombo(current.device));
      current.blv = value;
    } else {
      const disk = findDisk(state, current.device);
      const n = Number(value);
      if (!/^\d+$/.test(value) || !disk || n >= disk.paths) throw new BootlistError(MSG.attrCombo(current.device));
      current.pathid = n;
    }
  }
  return entries;
}

/**
 * One line per path of a disk ("hdisk0 blv=hd5 pathid=0"); one line for another device,
 * with its attributes as they were given ("cd0", "ent0 bserver=10.0.0.1 client=10.0.0.7").
 */
export function display(state: HostState, list: readonly BootlistEntry[]): string {
  let text = '';
  for (const e of list) {
    const disk = findDisk(state, e.device);
    if (!disk) {
      // AIX shows "-" for a device in the list that no longer exists.
      text += (state.devices ?? []).includes(e.device)
        ? `${[e.device, ...(e.attributes ?? []).map(([k, v]) => `${k}=${v}`)].join(' ')}\n`
        : '-\n';
      continue;
    }
    const blv = e.blv !== undefined ? ` blv=${e.blv}` : '';
    const paths = e.pathid !== undefined ? [e.pathid] : Array.from({ length: disk.paths }, (_, i) => i);
    for (const p of paths) text += `${e.device}${blv} pathid=${p}\n`;
  }
  return text;
}

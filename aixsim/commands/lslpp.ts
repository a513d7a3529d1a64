import type { FlagSet } from '../cli/getopt';
import type { Fileset } from '../state/model';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * lslpp: installed software. -l, -L, -Lc (with -q to drop headers), optionally for
 * given filesets (shell-style * wildcards allowed).
 *
 * Backed by samples (test/fixtures/aix/): the -l header, the level right-aligned at
 * column 36 and the description wrapped under column 49 (lslpp-l.xlC.01.txt); the -Lc
 * header and fields, the state letter in the Fix State field and a blank Type for base
 * installp filesets (lslpp-Lc.01.txt, lslpp-Lc.no-header.01.txt);
 * "lslpp: 0504-132  Fileset X not installed." and
 * the -L header printed before it (lslpp.error-not-installed.01.txt,
 * lslpp-L.not-installed.01.txt).
 * Inferred: the -L entry columns and its closing legend (the legend's text is the one
 * AIX tools quote), a fileset name too long for its column going on a line of its own,
 * the description wrap width (30), the blank line before "Path: /etc/objrepos", exit 1
 * when any fileset asked for is missing.
 */
const USAGE = 'Usage: lslpp {-d|-f|-h|-i|-l|-L|-p} [-c|-J] [-q] [-a] [-I] [-O{r|s|u}] [FilesetName...]\n';
const DASHES = `  ${'-'.repeat(76)}\n`;
const L_HEADER = `  ${'Fileset'.padEnd(29)}Level  State      Description\n${DASHES}`;
const BIG_L_HEADER = `  ${'Fileset'.padEnd(29)}Level  State  Type  Description (Uninstaller)\n${DASHES}`;
const LC_HEADER =
  '#Package Name:Fileset:Level:State:PTF Id:Fix State:Type:Description:Destination Dir.:Uninstaller:' +
  'Message Catalog:Message Set:Message Number:Parent:Automatic:EFIX Locked:Install Path:Build Date\n';
const LEGEND =
  '\nState codes: \n A -- Applied. \n B -- Broken. \n C -- Committed. \n E -- EFIX Locked. \n' +
  ' O -- Obsolete.  (partially migrated to newer version) \n ? -- Inconsistent State...Run lppchk -v. \n' +
  '\nType codes: \n F -- Installp Fileset \n P -- Product \n C -- Component \n T -- Feature \n' +
  ' R -- RPM Package \n E -- Interim Fix \n';
const PART_PATH = { usr: '/usr/lib/objrepos', root: '/etc/objrepos', share: '/usr/share/lib/objrepos' } as const;
const STATE_CODE: Record<Fileset['state'], string> = { COMMITTED: 'C', APPLIED: 'A', BROKEN: 'B' };

export const main = defineCommand({ optstring: 'lLcqdfhipaIJO:', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  const mode = flags.has('L') ? 'L' : flags.has('l') ? 'l' : null;
  if (mode === null || (flags.has('l') && flags.has('L'))) {
    if (['d', 'f', 'h', 'i', 'p'].some((f) => flags.has(f))) {
      ctx.err.write(`${ctx.name}: aixsim: only -l and -L are emulated\n`);
      return 1;
    }
    ctx.err.write(USAGE);
    return 1;
  }
  const colon = flags.has('c');
  const quiet = flags.has('q');
  if (colon && mode === 'l') {
    ctx.err.write(`${ctx.name}: aixsim: -lc is not emulated; use -Lc\n`);
    return 1;
  }

  const all = ctx.state().filesets;
  const patterns = operands;
  const missing: string[] = [];
  let selected: Fileset[];
  if (patterns.length === 0) {
    selected = all;
  } else {
    const picked = new Set<Fileset>();
    for (const p of patterns) {
      const re = globToRegExp(p);
      const hits = all.filter((f) => re.test(f.name));
      if (hits.length === 0) missing.push(p);
      for (const h of hits) picked.add(h);
    }
    selected = all.filter((f) => picked.has(f));
  }

  if (colon) {
    if (!quiet) ctx.out.write(LC_HEADER);
    for (const f of selected) {
      ctx.out.write(
        `${f.package}:${f.name}:${f.level}: : :${STATE_CODE[f.state]}:${f.type === 'F' ? ' ' : f.type}:${f.description}: : : : : : :0:0:/:${f.buildDate}\n`,
      );
    }
  } else if (mode === 'L') {
    if (!quiet) ctx.out.write(BIG_L_HEADER);
    for (const f of selected) {
      ctx.out.write(`${nameAndLevel(f)}    ${STATE_CODE[f.state]}     ${f.type}    ${f.description}\n`);
    }
    if (!quiet && selected.length > 0) ctx.out.write(LEGEND);
  } else if (selected.length > 0) {
    if (!quiet) ctx.out.write(L_HEADER);
    let first = true;
    for (const part of ['usr', 'root', 'share'] as const) {
      const inPart = selected.filter((f) => f.parts.includes(part));
      if (inPart.length === 0) continue;
      ctx.out.write(`${first ? '' : '\n'}Path: ${PART_PATH[part]}\n`);
      first = false;
      for (const f of inPart) ctx.out.write(longEntry(f));
    }
  }
  for (const name of missing) ctx.err.write(`lslpp: 0504-132  Fileset ${name} not installed.\n`);
  return missing.length > 0 ? 1 : 0;
}

/** "  name" and the level right-aligned at column 36; a long name gets a line of its own. */
function nameAndLevel(f: Fileset): string {
  const lead = `  ${f.name}`;
  if (lead.length + 1 + f.level.length <= 36) return lead + f.level.padStart(36 - lead.length);
  return `${lead}\n${f.level.padStart(36)}`;
}

function longEntry(f: Fileset): string {
  const lines = wrap(f.description, 30);
  let text = `${nameAndLevel(f)}  ${f.state.padEnd(9)}  ${lines[0] ?? ''}\n`;
  for (const more of lines.slice(1)) text += `${' '.repeat(49)}${more}\n`;
  return text;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

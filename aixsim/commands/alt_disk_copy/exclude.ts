import * as fs from 'node:fs';

/**
 * alt_disk_copy -e: an exclude list whose lines are grep patterns, matched against the
 * backup list, where every path is written relative to . ("./tmp/install.tmp"): `^./tmp/`
 * drops /tmp's contents but neither /tmp itself nor /var/tmp, `/scratch/` drops every
 * path with that component, `^./x$` exactly ./x (manual, -e flag).
 *
 * grep's basic regular expressions are translated to JavaScript ones: `\( \) \{ \}` group
 * and count, `+ ? | ( ) { }` are ordinary characters, `*` is ordinary at the start, `^`
 * anchors only at the start and `$` only at the end, `.` is any character, bracket
 * expressions keep POSIX classes ([[:digit:]]). Empty lines are skipped: grep -f would let
 * an empty pattern match (and so exclude) everything, which no one means.
 */
const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
};

export function breToRegExp(pattern: string): RegExp {
  let out = '';
  let i = 0;
  const n = pattern.length;
  let atStart = true; // where a '*' is literal
  while (i < n) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < n) {
      const d = pattern[i + 1] as string;
      i += 2;
      if (d === '(') {
        out += '(';
        atStart = true;
        continue;
      }
      if (d === ')' || d === '{' || d === '}') out += d;
      else if (/[1-9]/.test(d)) out += `\\${d}`;
      else out += escapeLiteral(d);
      atStart = false;
      continue;
    }
    if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (end < 0) {
        out += '\\[';
        i++;
      } else {
        out += translateBracket(pattern.slice(i + 1, end));
        i = end + 1;
      }
      atStart = false;
      continue;
    }
    if (c === '^' && i === 0) {
      out += '^';
      i++;
      atStart = true;
      continue;
    }
    if (c === '$' && i === n - 1) {
      out += '$';
      i++;
      continue;
    }
    if (c === '*') {
      out += atStart ? '\\*' : '*';
      i++;
      atStart = false;
      continue;
    }
    out += c === '.' ? '.' : escapeLiteral(c);
    i++;
    atStart = false;
  }
  return new RegExp(out);
}

function escapeLiteral(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** Index of the ']' closing the bracket expression opened at `start`, or -1. */
function bracketEnd(p: string, start: number): number {
  let j = start + 1;
  if (p[j] === '^') j++;
  if (p[j] === ']') j++;
  while (j < p.length) {
    if (p[j] === '[' && (p[j + 1] === ':' || p[j + 1] === '.' || p[j + 1] === '=')) {
      const close = p.indexOf(`${p[j + 1]}]`, j + 2);
      if (close < 0) return -1;
      j = close + 2;
      continue;
    }
    if (p[j] === ']') return j;
    j++;
  }
  return -1;
}

function translateBracket(body: string): string {
  let out = '[';
  let j = 0;
  if (body[0] === '^') {
    out += '^';
    j = 1;
  }
  while (j < body.length) {
    const c = body[j] as string;
    if (c === '[' && body[j + 1] === ':') {
      const close = body.indexOf(':]', j + 2);
      const name = body.slice(j + 2, close);
      out += CLASSES[name] ?? '';
      j = close + 2;
      continue;
    }
    // Inside brackets a backslash is an ordinary character in POSIX; ] and [ need escaping in JS.
    out += c === '\\' || c === ']' || c === '[' ? `\\${c}` : c;
    j++;
  }
  return `${out}]`;
}

export interface ExcludeList {
  /**
   * True when the file is to be left out of the clone: `relPath` is its ./-relative path
   * on the emulated host (./var/x), `realRelPath` the same for where aixsim stores it
   * (./tmp/aixsim-X/disks/hdisk0/lv/hd9var/x).
   */
  excludes(relPath: string, realRelPath: string): boolean;
}

/**
 * Reads an exclude list. Emulation rule (on AIX a file has one path, so this never
 * arises): an anchored pattern whose literal start names aixsim's own host directory
 * (^./tmp/aixsim-X/...) is matched against the real path where a file is stored, so a
 * program beside the emulator (the agent, with its state directory inside the emulated
 * /var in a test) can exclude its own files the way it would on AIX; every other
 * pattern is matched against the emulated path only (^./tmp/ stays /tmp's contents).
 */
export function loadExcludeList(file: string, hostDir: string): ExcludeList {
  const patterns = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l !== '');
  const realPrefix = `^.${fs.realpathSync(hostDir)}/`;
  const compile = (p: string): RegExp => {
    try {
      return breToRegExp(p);
    } catch {
      return new RegExp(p.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'));
    }
  };
  const namesHostDir = (p: string): boolean => p.replace(/\\(.)/g, '$1').startsWith(realPrefix);
  const emulated = patterns.filter((p) => !namesHostDir(p)).map(compile);
  const real = patterns.filter(namesHostDir).map(compile);
  return { excludes: (rel, realRel) => emulated.some((re) => re.test(rel)) || real.some((re) => re.test(realRel)) };
}

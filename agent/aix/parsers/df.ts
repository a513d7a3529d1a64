import { ParseError } from './errors';
import { contentLines, headerKey, tokens } from './text';

export interface DfEntry {
  /** /dev/hd4, /proc, /ahafs, server:/export ... as printed. */
  filesystem: string;
  /** Size in the unit of the header (1024-blocks for -k, 512-blocks plain, MB/GB blocks for -m/-g); null for `-`. */
  blocks: number | null;
  /** Free space in the same unit; null for `-`. */
  free: number | null;
  /** %Used without the sign; null for `-`. */
  usedPercent: number | null;
  mountedOn: string;
}

// AIX's own layout: `Filesystem <unit> blocks Free %Used Iused %Iused Mounted on`. The POSIX layout (df -P) has
// `Used Available Capacity` instead; both are read so a caller can pass either.
const AIX_COLUMNS = 6;
const POSIX_COLUMNS = 5;

/**
 * `df -k` (also plain `df`, `-m`, `-g`, `-P`): a `Filesystem` header, then one row per mounted file system. Pseudo
 * file systems print `-` for what they do not have (/proc, /ahafs). A file system name too long for its column may
 * be printed on a line of its own with the numbers on the next (GNU df does this; AIX pushes the row right instead,
 * see df-g.02.txt), so a lone name is joined to the line after it.
 */
export function parseDf(text: string): DfEntry[] {
  const lines = contentLines(text);
  const headerAt = lines.findIndex((line) => headerKey(line).startsWith('FILESYSTEM'));
  const header = lines[headerAt];
  if (header === undefined) throw new ParseError('df', 'missing "Filesystem" header', lines[0] ?? '');
  const posix = /\bAVAILABLE\b/.test(headerKey(header));
  const columns = posix ? POSIX_COLUMNS : AIX_COLUMNS;
  const entries: DfEntry[] = [];
  let pendingName: string | null = null;
  for (const line of lines.slice(headerAt + 1)) {
    let words = tokens(line);
    if (pendingName !== null) {
      words = [pendingName, ...words];
      pendingName = null;
    } else if (words.length === 1) {
      pendingName = words[0] ?? null;
      continue;
    }
    if (words.length < columns + 1) throw new ParseError('df', `expected ${columns + 1} columns`, line);
    const [filesystem, blocks, second, third, fourth] = words as [string, string, string, string, string];
    const mountedOn = words.slice(columns).join(' ');
    entries.push({
      filesystem,
      blocks: amount(blocks, line),
      // POSIX: Used Available Capacity; AIX: Free %Used.
      free: amount(posix ? third : second, line),
      usedPercent: percent(posix ? fourth : third, line),
      mountedOn,
    });
  }
  if (pendingName !== null) throw new ParseError('df', 'file system name without a row of numbers', pendingName);
  return entries;
}

function amount(value: string, line: string): number | null {
  if (value === '-') return null;
  if (!/^\d+(?:\.\d+)?$/.test(value)) throw new ParseError('df', `not a number: ${value}`, line);
  return Number(value);
}

function percent(value: string, line: string): number | null {
  if (value === '-') return null;
  const match = /^(\d+)%$/.exec(value);
  if (!match) throw new ParseError('df', `not a percentage: ${value}`, line);
  return Number(match[1]);
}

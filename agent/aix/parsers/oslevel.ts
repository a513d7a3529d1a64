import { ParseError } from './errors';
import { contentLines } from './text';

export interface OsLevel {
  raw: string;
  /** e.g. 7200 */
  version: string;
  technologyLevel: number | null;
  servicePack: number | null;
  /** yyww of the service pack build, e.g. 2148 */
  buildWeek: string | null;
}

/** `oslevel -s` (7200-05-03-2148), `oslevel -r` (7200-05) or plain `oslevel` (7.2.0.0). */
export function parseOslevel(text: string): OsLevel {
  const lines = contentLines(text).map((l) => l.trim());
  const raw = lines[0];
  if (raw === undefined || lines.length !== 1) {
    throw new ParseError('oslevel', 'expected one line', lines.join('\n'));
  }
  const dashed = /^(\d{4})-(\d{2})(?:-(\d{2})-(\d{4}))?$/.exec(raw);
  if (dashed) {
    return {
      raw,
      version: dashed[1] ?? '',
      technologyLevel: Number(dashed[2]),
      servicePack: dashed[3] === undefined ? null : Number(dashed[3]),
      buildWeek: dashed[4] ?? null,
    };
  }
  const dotted = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(raw);
  if (dotted) {
    return { raw, version: `${dotted[1]}${dotted[2]}00`, technologyLevel: null, servicePack: null, buildWeek: null };
  }
  throw new ParseError('oslevel', 'not an AIX level', raw);
}

import { ParseError } from './errors';
import { contentLines } from './text';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * `who -b`: `   .        system boot Sep 24 17:52` on AIX (local time, no year); other systems print
 * `system boot  2014-01-23 21:18`. Without a year, the latest date not after `now` is chosen (Feb 29 goes back to
 * the last leap year). Returns null when there is no "system boot" line.
 */
export function parseWhoBoot(text: string, now: Date): Date | null {
  const line = contentLines(text).find((l) => l.includes('system boot'));
  if (line === undefined) return null;
  const rest = line.slice(line.indexOf('system boot') + 'system boot'.length).trim();

  const iso = /^(\d{4})-(\d{2})-(\d{2})\s+(\d{1,2}):(\d{2})$/.exec(rest);
  if (iso) {
    return new Date(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), Number(iso[4]), Number(iso[5]));
  }
  const short = /^([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})$/.exec(rest);
  const month = MONTHS.indexOf((short?.[1] ?? '').toLowerCase());
  if (!short || month < 0) throw new ParseError('who -b', 'unrecognised boot time', line);
  const day = Number(short[2]);
  const hour = Number(short[3]);
  const minute = Number(short[4]);
  for (let year = now.getFullYear(); year > now.getFullYear() - 8; year--) {
    const candidate = new Date(year, month, day, hour, minute);
    // Reject dates that rolled over (Feb 29 in a common year) and dates in the future.
    if (candidate.getMonth() === month && candidate.getDate() === day && candidate.getTime() <= now.getTime()) {
      return candidate;
    }
  }
  throw new ParseError('who -b', 'no year makes this date valid', line);
}

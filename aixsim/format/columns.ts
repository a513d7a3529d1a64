/**
 * Column helpers matching how AIX commands printf their tables: a value left-justified
 * in a field, and a value at least as wide as the field still followed by one blank
 * (AIX formats use "%-15s " style, so long names push the rest right instead of touching).
 */
export function col(value: string, width: number): string {
  return value.length >= width ? `${value} ` : value.padEnd(width);
}

/** Five-region distribution, lspv/lsvg style: 00..04..00..00..00 (at least two digits each). */
export function dotted(regions: readonly number[]): string {
  return regions.map((n) => String(n).padStart(2, '0')).join('..');
}

/** lslv -l style: 000:003:000:000:000 (three digits each). */
export function colonRegions(regions: readonly number[]): string {
  return regions.map((n) => String(n).padStart(3, '0')).join(':');
}

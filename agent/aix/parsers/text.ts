// Line handling shared by the parsers. AIX pads columns with blanks (and sometimes leaves trailing blanks),
// captures copied through other systems may carry tabs or CRLF; none of that is meaningful.

/** Splits on LF, CRLF or CR and trims trailing whitespace from every line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.replace(/\s+$/, ''));
}

/** Lines that carry something: trailing whitespace trimmed, blank lines dropped. */
export function contentLines(text: string): string[] {
  return splitLines(text).filter((line) => line.trim() !== '');
}

/** Whitespace-separated tokens (blanks and tabs of any width). */
export function tokens(line: string): string[] {
  const trimmed = line.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

/** An AIX device or LVM object name: hdisk0, rootvg, hd9var, altinst_rootvg, bos_hd5. */
export const DEVICE_NAME = /^[A-Za-z][\w.-]*$/;

/** A whole non-negative integer, or null. */
export function toInt(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value)) return null;
  return Number(value);
}

/** Normalises a header line for comparison: single blanks, no case. */
export function headerKey(line: string): string {
  return tokens(line).join(' ').toUpperCase();
}

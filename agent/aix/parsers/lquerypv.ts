import { ParseError } from './errors';
import { contentLines } from './text';

/**
 * `lquerypv -h /dev/hdiskN [OFFSET [LENGTH]]`: a hex dump, 16 bytes a line: the offset (8 hex digits), four words of
 * 8 hex digits, and the bytes as text between bars. Returns the bytes and where they start.
 */
export function parseLquerypvDump(text: string): { offset: number; bytes: Buffer } {
  let start: number | null = null;
  const chunks: Buffer[] = [];
  for (const line of contentLines(text)) {
    const m = /^\s*([0-9A-Fa-f]{8})\s+((?:[0-9A-Fa-f]{8}\s*){1,4})(?:\|.*)?$/.exec(line);
    if (!m) throw new ParseError('lquerypv', 'expected "OFFSET WORD WORD WORD WORD |text|"', line);
    const offset = parseInt(m[1] ?? '0', 16);
    const expected: number = start === null ? offset : start + chunks.reduce((n, c) => n + c.length, 0);
    if (offset !== expected)
      throw new ParseError(
        'lquerypv',
        `offset ${offset.toString(16)} where ${expected.toString(16)} was expected`,
        line,
      );
    start ??= offset;
    chunks.push(Buffer.from((m[2] ?? '').replace(/\s+/g, ''), 'hex'));
  }
  return { offset: start ?? 0, bytes: Buffer.concat(chunks) };
}

/** Where AIX keeps what the header check reads (IBM support: "check PVID in disk by checking x80"). */
export const PVID_OFFSET = 0x80;
export const PVID_BYTES = 0x10;
/** The LVM record is physical block 7 of each disk (lvmrec.h): "_LVM", then the VG id. */
export const LVM_RECORD_OFFSET = 0xe00;
export const LVM_RECORD_BYTES = 0x20;
const LVM_ID = Buffer.from('_LVM', 'ascii');

/** The PVID in a dump of the IPL record taken at 0x80 (or from 0): null when the 8 bytes are zero. */
export function pvidOf(dump: { offset: number; bytes: Buffer }): string | null {
  const at = PVID_OFFSET - dump.offset;
  if (at < 0 || dump.bytes.length < at + 8)
    throw new ParseError('lquerypv', `the dump does not cover the PVID at 0x${PVID_OFFSET.toString(16)}`);
  const id = dump.bytes.subarray(at, at + 8);
  return id.every((b) => b === 0) ? null : id.toString('hex');
}

/** The VG id of the LVM record (block 7): null when the block does not start with "_LVM" (no VGDA on the disk). */
export function lvmRecordVgid(dump: { offset: number; bytes: Buffer }): string | null {
  const at = LVM_RECORD_OFFSET - dump.offset;
  if (at < 0 || dump.bytes.length < at + 20)
    throw new ParseError('lquerypv', `the dump does not cover the LVM record at 0x${LVM_RECORD_OFFSET.toString(16)}`);
  if (!dump.bytes.subarray(at, at + 4).equals(LVM_ID)) return null;
  const vgid = dump.bytes.subarray(at + 4, at + 20);
  return vgid.every((b) => b === 0) ? null : vgid.toString('hex');
}

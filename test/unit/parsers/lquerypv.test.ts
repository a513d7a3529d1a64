import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../../agent/aix/parsers/errors';
import { lvmRecordVgid, parseLquerypvDump, pvidOf } from '../../../agent/aix/parsers/lquerypv';
import { listFixtures, readFixture } from '../../support/fixtures';

test('lquerypv -h: every fixture, the PVID at 0x80', () => {
  const expected: Record<string, { offset: number; length: number; pvid: string | null }> = {
    // A disk never given a PVID: all zeros.
    'lquerypv-h.empty.01.txt': { offset: 0, length: 256, pvid: null },
    // The whole first 256 bytes: "IBMA" in EBCDIC at 0, the PVID chdev wrote at 0x80.
    'lquerypv-h.pvid.01.txt': { offset: 0, length: 256, pvid: '00066345e9028f43' },
    // `lquerypv -h /dev/hdiskN 80 10`: the one line IBM reads the on-disk PVID from.
    'lquerypv-h.80-10.01.txt': { offset: 0x80, length: 16, pvid: '00c64c57fb8f263b' },
    'lquerypv-h.80-10.02.txt': { offset: 0x80, length: 16, pvid: '0009c6126c133561' },
  };
  const fixtures = listFixtures('lquerypv-h.');
  assert.deepEqual(fixtures, Object.keys(expected).sort());
  for (const name of fixtures) {
    const dump = parseLquerypvDump(readFixture(name));
    assert.deepEqual({ offset: dump.offset, length: dump.bytes.length, pvid: pvidOf(dump) }, expected[name], name);
  }
});

// No capture of block 7 was found; its layout is lvmrec.h's: "_LVM" (0x5F4C564D), then the 16-byte VG id.
test('lquerypv -h ... E00 20: the VG id of the LVM record, or none', () => {
  const withVgda =
    '00000E00   5F4C564D 00C868BF 00004C00 00000000  |_LVM..h...L.....|\n' +
    '00000E10   00848812 00001FC0 00000882 00000011  |................|\n';
  assert.equal(lvmRecordVgid(parseLquerypvDump(withVgda)), '00c868bf00004c000000000000848812');
  const blank =
    '00000E00   00000000 00000000 00000000 00000000  |................|\n00000E10   00000000 00000000 00000000 00000000  |................|\n';
  assert.equal(lvmRecordVgid(parseLquerypvDump(blank)), null);
});

test('lquerypv: a dump with a gap, garbage, or not covering the PVID is a ParseError', () => {
  assert.throws(
    () =>
      parseLquerypvDump(
        '00000080   00000000 00000000 00000000 00000000  |................|\n000000A0   00000000 00000000 00000000 00000000  |................|\n',
      ),
    ParseError,
  );
  assert.throws(() => parseLquerypvDump('lquerypv: Cannot open /dev/hdisk9\n'), ParseError);
  assert.throws(
    () => pvidOf(parseLquerypvDump('00000000   00000000 00000000 00000000 00000000  |................|\n')),
    ParseError,
  );
});

import { ParseError } from './errors';
import { contentLines, headerKey, tokens } from './text';

export interface NsdEntry {
  /** The NSD's name (gpfs1nsd). */
  nsd: string;
  volumeId: string;
  /** The local device (/dev/hdisk4); '-' or empty when the node has no local path to it. */
  device: string;
  /** hdisk, powerdisk, vpath, dlmfdrv, generic ... ('' when the listing has no Devtype column). */
  devtype: string;
  node: string;
  remarks: string;
}

/**
 * `mmlsnsd -X` (and `-m`): a blank line, the header `Disk name  NSD volume ID  Device  [Devtype]  Node name  Remarks`,
 * a rule of dashes, one row per NSD and node. Rows are not aligned under the header when a name is long, so the
 * columns are read as blank-separated words; Remarks is the rest of the line.
 */
export function parseMmlsnsd(text: string): NsdEntry[] {
  const lines = contentLines(text);
  const headerAt = lines.findIndex((l) => headerKey(l).startsWith('DISK NAME NSD VOLUME ID DEVICE'));
  if (headerAt < 0) throw new ParseError('mmlsnsd', 'no "Disk name  NSD volume ID  Device" header', lines[0] ?? '');
  const withDevtype = headerKey(lines[headerAt] ?? '').includes(' DEVTYPE ');
  return lines
    .slice(headerAt + 1)
    .filter((l) => !/^\s*-+\s*$/.test(l))
    .map((line) => {
      const words = tokens(line);
      const [nsd, volumeId, device] = words;
      const devtype = withDevtype ? (words[3] ?? '') : '';
      const node = words[withDevtype ? 4 : 3];
      if (nsd === undefined || volumeId === undefined || device === undefined || node === undefined) {
        throw new ParseError('mmlsnsd', 'expected "disk-name volume-id device [devtype] node [remarks]"', line);
      }
      return { nsd, volumeId, device, devtype, node, remarks: words.slice(withDevtype ? 5 : 4).join(' ') };
    });
}

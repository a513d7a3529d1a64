import { ParseError } from './errors';
import { contentLines, DEVICE_NAME, headerKey, tokens } from './text';

export interface IplVaryonEntry {
  disk: string;
  bootDevice: boolean;
  pvid: string;
  vgid: string;
}

/**
 * `ipl_varyon -i`: a `PVNAME BOOT DEVICE PVID VOLUME GROUP ID` header, then one row per disk with YES/NO. No
 * published capture was found (see test/fixtures/aix/SOURCES.md); the layout is inferred from scripts that run
 * `ipl_varyon -i | grep YES | awk '{print $1}'`, so only the header word PVNAME and the YES/NO column are relied on.
 */
export function parseIplVaryon(text: string): IplVaryonEntry[] {
  const lines = contentLines(text);
  const headerAt = lines.findIndex((line) => headerKey(line).startsWith('PVNAME'));
  if (headerAt < 0) throw new ParseError('ipl_varyon -i', 'missing "PVNAME" header', lines[0] ?? '');
  return lines.slice(headerAt + 1).map((line) => {
    const [disk, boot, pvid, vgid] = tokens(line);
    const flag = (boot ?? '').toUpperCase();
    if (disk === undefined || !DEVICE_NAME.test(disk) || (flag !== 'YES' && flag !== 'NO')) {
      throw new ParseError('ipl_varyon -i', 'expected "disk YES|NO pvid vgid"', line);
    }
    return { disk, bootDevice: flag === 'YES', pvid: (pvid ?? '').toLowerCase(), vgid: (vgid ?? '').toLowerCase() };
  });
}

import { ParseError } from './errors';
import { contentLines, DEVICE_NAME, tokens } from './text';

export interface LspathEntry {
  /** Enabled, Disabled, Failed, Defined, Missing, Detected. */
  status: string;
  device: string;
  parent: string;
  /** The connection column, when printed (lspath -F or a newer default). */
  connection: string;
}

/** `lspath`: one line per path of an MPIO-capable device, `status device parent [connection]`. */
export function parseLspath(text: string): LspathEntry[] {
  return contentLines(text).map((line) => {
    const [status, device, parent, ...rest] = tokens(line);
    if (
      status === undefined ||
      device === undefined ||
      parent === undefined ||
      !DEVICE_NAME.test(device) ||
      !DEVICE_NAME.test(parent)
    ) {
      throw new ParseError('lspath', 'expected "status device parent [connection]"', line);
    }
    return { status, device, parent, connection: rest.join(' ') };
  });
}

/** How many paths lspath lists for each device. */
export function pathCounts(entries: readonly LspathEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.device, (counts.get(e.device) ?? 0) + 1);
  return counts;
}

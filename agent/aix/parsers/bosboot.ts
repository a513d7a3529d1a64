import { contentLines } from './text';

/** `bosboot -ad /dev/hdiskN`: "bosboot: Boot image is 53276 512 byte blocks." on success. */
export function parseBosboot(text: string): { blocks: number | null; lines: string[] } {
  const lines = contentLines(text).map((line) => line.trim());
  let blocks: number | null = null;
  for (const line of lines) {
    const match = /Boot image is (\d+) 512 byte blocks/.exec(line);
    if (match) blocks = Number(match[1]);
  }
  return { blocks, lines };
}

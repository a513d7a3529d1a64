/**
 * How wide a stream's lines may be: a terminal's own width, else $COLUMNS when set
 * (as shells export it), else unlimited: a pipe or a file keeps one line per item.
 */
export function lineWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv = process.env): number {
  if (stream.isTTY && stream.columns) return stream.columns;
  const columns = Number(env['COLUMNS']);
  return Number.isInteger(columns) && columns > 0 ? columns : Infinity;
}

/**
 * Text broken into lines of at most `width` characters at spaces, never inside a word;
 * only a word longer than a whole line is cut.
 */
export function wrapWords(text: string, width: number): string[] {
  if (!Number.isFinite(width) || text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/ +/)) {
    while (word.length > width) {
      if (line !== '') lines.push(line);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      line = '';
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Wrapped as wrapWords does, every line after the first indented by `indent` spaces. */
export function wrapHanging(text: string, width: number, indent: number): string {
  const [first = '', ...rest] = wrapWords(text, width);
  if (rest.length === 0) return first;
  const more = wrapWords(rest.join(' '), Math.max(20, width - indent)).map((l) => `${' '.repeat(indent)}${l}`);
  return [first, ...more].join('\n');
}

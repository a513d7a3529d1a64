import Table from 'cli-table3';

/**
 * Plain aligned columns, like lspv or beadm list: no borders, no colour, two spaces
 * between columns, so the output reads well and still splits on whitespace.
 */
export function renderTable(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const table = new Table({
    head: [...head],
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
  });
  for (const row of rows) table.push(row.map(String));
  return `${table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')}\n`;
}

/** Two columns of label and value, for one object such as `altctl host`. */
export function renderFields(fields: readonly (readonly [string, string | number])[]): string {
  const width = Math.max(...fields.map(([label]) => label.length));
  // an empty label continues the field above (one value per line)
  return (
    fields.map(([label, value]) => `${(label === '' ? '' : `${label}:`).padEnd(width + 2)}${value}`).join('\n') + '\n'
  );
}

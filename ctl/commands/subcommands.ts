import type { CommandModule } from 'yargs';

/**
 * What `altctl PARENT` alone says: its subcommands, one line each, and how to read more;
 * pointing at `altctl --help`, which does not list them, left the user to guess.
 */
export function subcommandList(parent: string, commands: readonly CommandModule[]): string {
  const rows = commands.map((c) => {
    const name = String(c.command).split(' ')[0] ?? '';
    // the describe text ends with the command's form after a colon (": altctl firstboot add HOST NAME FILE"): drop it here
    const what = String(c.describe).replace(/: altctl .*$/, '');
    return [name, what] as const;
  });
  const width = Math.max(...rows.map(([name]) => name.length));
  return [
    `name a ${parent} command:`,
    ...rows.map(([name, what]) => `  altctl ${parent} ${name.padEnd(width)}  ${what}`),
    `altctl ${parent} COMMAND --help shows one in full.`,
  ].join('\n');
}

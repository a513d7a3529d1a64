import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixturePath } from './fixtures';

/** What one command prints for one exact argument line: a fixture's contents or literal text. */
export type Recording = { fixture: string } | { text: string };

/**
 * A directory of AIX-compatible commands that replay captured AIX output, with no
 * aixsim involved. Used to prove the agent runs unchanged against any directory of
 * commands. Each command is a tiny sh script with a fixed `case` over its arguments;
 * the scripts are written here from constants, never from input.
 */
export function createRecordedHost(commands: Record<string, Record<string, Recording>>): {
  bin: string;
  cleanup(): void;
} {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'altdisk-recorded-'));
  for (const [command, byArgs] of Object.entries(commands)) {
    const cases = Object.entries(byArgs).map(([args, recording]) => {
      const body =
        'fixture' in recording ? `cat '${fixturePath(recording.fixture)}'` : `printf '%s\\n' '${recording.text}'`;
      return `  '${args}') ${body} ;;`;
    });
    const script = [
      '#!/bin/sh',
      'case "$*" in',
      ...cases,
      `  *) echo "${command}: no recording for: $*" >&2; exit 2 ;;`,
      'esac',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(bin, command), script, { mode: 0o755 });
  }
  return { bin, cleanup: () => fs.rmSync(bin, { recursive: true, force: true }) };
}

import { SPEC_FLAGS, type SpecFlag } from '../clone-spec';

/**
 * The agent words its findings and refusals in the contract's field names
 * (`backup_error_policy FAIL`, `spec.images_location`); a person at altctl types flags
 * (`--on-backup-error fail`, `--images`). This rewrites the one into the other, from the
 * clone flag definitions (clone-spec.ts), so there is no second list to keep.
 */

interface Naming {
  /** What altctl calls it: `--images`, `DISK`. */
  readonly flag: string;
  /** alt_disk_copy's letter (`-r`), for names that are plain words (`reboot (-r)`). */
  readonly letter?: string;
  /** Enum value suffixes (FAIL, REPORT, UNSPECIFIED) to altctl's choices (fail, report, continue). */
  readonly choices?: ReadonlyMap<string, string>;
  readonly file: boolean;
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function namingOf(row: SpecFlag): Naming {
  const letter = /^(-[A-Za-z]):/.exec(row.describe)?.[1];
  const choices =
    row.kind === 'choice'
      ? new Map(
          Object.entries(row.choices).map(([choice, value]) => [
            value.replace(/^[A-Z]+(?:_[A-Z]+)*?_(?=[A-Z0-9]+$)/, ''),
            choice,
          ]),
        )
      : undefined;
  return {
    flag: `--${row.flag}`,
    ...(letter ? { letter } : {}),
    ...(choices ? { choices } : {}),
    file: row.kind === 'file',
  };
}

interface Namings {
  readonly byName: ReadonlyMap<string, Naming>;
  readonly pattern: RegExp;
}

let namings: Namings | undefined;

/** Built on first use: clone-spec.ts reaches this module through errors.ts, so SPEC_FLAGS is not there at load time. */
function getNamings(): Namings {
  if (namings) return namings;
  const byName = new Map<string, Naming>([
    ...SPEC_FLAGS.map((row): [string, Naming] => [snake(row.field), namingOf(row)]),
    // the two StartClone fields that are not flags of the spec
    ['target_disks', { flag: 'DISK', file: false }],
    ['request_id', { flag: '--request-id', file: false }],
  ]);
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).join('|');
  // `spec.NAME[.host_path|.content][[i]]` always; a bare NAME only when it cannot be an
  // English word (it has an underscore) or when alt_disk_copy's letter follows it
  const pattern = new RegExp(
    `(?<![\\w.-])(spec\\.)?(${names})(\\.host_path|\\.content)?(\\[\\d+\\])?(?![\\w-])( \\(-[A-Za-z]\\))?((?: (?:or |and )?[A-Z][A-Z0-9]*\\b)*)`,
    'g',
  );
  namings = { byName, pattern };
  return namings;
}

/** Text for people: contract field names replaced by altctl's flags. */
export function withFlagNames(text: string): string {
  const { byName, pattern } = getNamings();
  return text.replace(
    pattern,
    (
      whole,
      spec: string | undefined,
      name: string,
      part: string | undefined,
      _index: string | undefined,
      letter: string | undefined,
      values: string,
    ) => {
      const naming = byName.get(name);
      if (!naming) return whole;
      const plainWord = !name.includes('_') && spec === undefined;
      if (plainWord && (letter === undefined || letter.trim() !== `(${naming.letter})`)) return whole;
      const flag = naming.file && part === '.host_path' ? `${naming.flag}-on-host` : naming.flag;
      const choices = naming.choices;
      const shown = choices ? values.replace(/[A-Z][A-Z0-9]*/g, (v) => choices.get(v) ?? v) : values;
      return `${flag}${letter ?? ''}${shown}`;
    },
  );
}

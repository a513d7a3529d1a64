import * as fs from 'node:fs';
import type { Argv } from 'yargs';
import type { CloneSpec, CloneSpec__Output } from '../shared/generated/altdisk/v1/CloneSpec';
import type { FileSource, FileSource__Output } from '../shared/generated/altdisk/v1/FileSource';
import { UsageError } from './errors';
import { MAX_CONTENT_BYTES } from '../shared/limits';
import { single } from './number-options';

/** What the agent accepts as FileSource.content (clone.proto). */

type KeysWhere<T, V> = { [K in keyof T]-?: T[K] extends V ? K : never }[keyof T];
type ChoiceField = 'phases' | 'backupErrorPolicy';
type BoolField = KeysWhere<CloneSpec__Output, boolean>;
type TextField = Exclude<KeysWhere<CloneSpec__Output, string>, ChoiceField>;
type ListField = Exclude<KeysWhere<CloneSpec__Output, string[]>, 'targetDisks'>;
type FileField = KeysWhere<CloneSpec__Output, FileSource__Output | null>;

interface FlagBase {
  /** The long flag, without dashes. */
  readonly flag: string;
  /** alt_disk_copy's own letter, where it does not clash with altctl's options. */
  readonly alias?: string;
  readonly describe: string;
}

/**
 * One row per CloneSpec field (target_disks comes from the DISK positionals). A `file`
 * row makes two flags: --NAME FILE sends a local file's content, --NAME-on-host PATH names
 * a file already on the host; they are the two arms of FileSource's oneof.
 */
export type SpecFlag =
  | (FlagBase & { readonly kind: 'boolean'; readonly field: BoolField })
  | (FlagBase & { readonly kind: 'text'; readonly field: TextField; readonly value: string })
  | (FlagBase & { readonly kind: 'list'; readonly field: ListField; readonly value: string })
  | (FlagBase & { readonly kind: 'file'; readonly field: FileField })
  | (FlagBase & {
      readonly kind: 'choice';
      readonly field: ChoiceField;
      readonly choices: Readonly<Record<string, string>>;
    });

export const SPEC_FLAGS: readonly SpecFlag[] = [
  {
    kind: 'choice',
    flag: 'phases',
    field: 'phases',
    describe: '-P: phases to run (default all)',
    choices: {
      '1': 'PHASES_1',
      '2': 'PHASES_2',
      '3': 'PHASES_3',
      '12': 'PHASES_12',
      '23': 'PHASES_23',
      all: 'PHASES_ALL',
    },
  },
  {
    kind: 'list',
    flag: 'exclude',
    field: 'excludePatterns',
    value: 'PATTERN',
    describe: '-e: leave out files matching this grep pattern (against ./path, e.g. "^./tmp/"); repeatable',
  },
  { kind: 'file', flag: 'exclude-list', field: 'excludeList', describe: '-e: exclude list, one grep pattern per line' },
  {
    kind: 'file',
    flag: 'image-data',
    field: 'imageData',
    describe: '-i: image.data to use instead of one made from rootvg',
  },
  {
    kind: 'file',
    flag: 'script',
    alias: 's',
    field: 'customizationScript',
    describe: '-s: customization script run at the end of the clone, before /alt_inst is unmounted',
  },
  {
    kind: 'file',
    flag: 'bundle',
    field: 'bundle',
    describe: '-b: bundle of filesets to install into the clone (needs --images)',
  },
  {
    kind: 'file',
    flag: 'fix-bundle',
    field: 'fixBundle',
    describe: '-f: file listing APARs to install into the clone (needs --images)',
  },
  {
    kind: 'file',
    flag: 'first-boot-script',
    alias: 'x',
    field: 'firstBootScript',
    describe: "-x: script run once at the clone's first boot",
  },
  { kind: 'file', flag: 'resolv-conf', field: 'resolvConf', describe: '-R: resolv.conf to put into the clone' },
  {
    kind: 'text',
    flag: 'images',
    alias: 'l',
    field: 'imagesLocation',
    value: 'DIR',
    describe: '-l: directory or device on the host holding installp images (full path)',
  },
  {
    kind: 'text',
    flag: 'installp-flags',
    field: 'installpFlags',
    value: 'FLAGS',
    describe: '-I: installp flags (default -acgX); give them with =, e.g. --installp-flags=-acgNX',
  },
  {
    kind: 'list',
    flag: 'fix',
    field: 'fixes',
    value: 'APAR',
    describe: '-F: APAR to install into the clone, e.g. IJ12345 (needs --images); repeatable',
  },
  {
    kind: 'list',
    flag: 'fileset',
    field: 'filesets',
    value: 'NAME',
    describe: '-w: fileset to install into the clone (needs --images); repeatable',
  },
  {
    kind: 'boolean',
    flag: 'nim-client',
    alias: 'n',
    field: 'remainNimClient',
    describe: '-n: the clone remains a NIM client',
  },
  {
    kind: 'text',
    flag: 'console',
    alias: 'c',
    field: 'console',
    value: 'DEV',
    describe: "-c: the clone's console device, e.g. /dev/vty0 (only with --device-reset)",
  },
  { kind: 'boolean', flag: 'debug', alias: 'D', field: 'debug', describe: '-D: debug output (set -x)' },
  { kind: 'boolean', flag: 'no-bootlist', alias: 'B', field: 'noBootlist', describe: '-B: leave the boot list alone' },
  {
    kind: 'boolean',
    flag: 'device-reset',
    alias: 'O',
    field: 'deviceReset',
    describe: '-O: reset devices (the clone will boot another system)',
  },
  { kind: 'boolean', flag: 'verbose', alias: 'V', field: 'verbose', describe: '-V: list every file copied' },
  {
    kind: 'boolean',
    flag: 'skip-bootability-check',
    alias: 'g',
    field: 'skipBootabilityCheck',
    describe: '-g: skip the disk bootability checks',
  },
  {
    kind: 'boolean',
    flag: 'reboot',
    alias: 'r',
    field: 'reboot',
    describe: '-r: reboot from the clone when done (not with --no-bootlist)',
  },
  {
    kind: 'boolean',
    flag: 'wpar',
    alias: 'u',
    field: 'copyWparFilesystems',
    describe: '-u: copy the file systems of defined WPARs',
  },
  {
    kind: 'boolean',
    flag: 'jfs2',
    alias: 'T',
    field: 'convertJfsToJfs2',
    describe: '-T: convert JFS file systems to JFS2',
  },
  {
    kind: 'boolean',
    flag: 'skip-space-check',
    alias: 'S',
    field: 'skipSpaceCheck',
    describe: '-S: skip the space check on the target disks',
  },
  {
    kind: 'choice',
    flag: 'on-backup-error',
    field: 'backupErrorPolicy',
    describe:
      'on a backup or restore error: continue (AIX default), fail (stop and clean up), report (carry on, exit 1, no boot list)',
    choices: {
      continue: 'BACKUP_ERROR_POLICY_UNSPECIFIED',
      fail: 'BACKUP_ERROR_POLICY_FAIL',
      report: 'BACKUP_ERROR_POLICY_REPORT',
    },
  },
];

const ON_HOST = '-on-host';

/** Adds a flag for every CloneSpec field (shared by clone and plan). */
export function withCloneSpecFlags<T>(y: Argv<T>): Argv<T> {
  // --no-bootlist is alt_disk_copy's -B, not the negation of a --bootlist flag
  let parser = y.parserConfiguration({ 'boolean-negation': false });
  const group = 'Clone options (alt_disk_copy flag first):';
  for (const row of SPEC_FLAGS) {
    const alias = row.alias !== undefined ? { alias: row.alias } : {};
    switch (row.kind) {
      case 'boolean':
        parser = parser.option(row.flag, { type: 'boolean', describe: row.describe, group, ...alias });
        break;
      case 'text':
      case 'list':
        // 'string', not 'array': an array option would swallow the DISK positionals after it;
        // yargs collects a repeated string option into an array by itself
        parser = parser.option(row.flag, {
          type: 'string',
          describe: row.describe,
          group,
          requiresArg: true,
          ...alias,
        });
        break;
      case 'choice':
        parser = parser.option(row.flag, {
          type: 'string',
          choices: Object.keys(row.choices),
          describe: row.describe,
          group,
          ...alias,
        });
        break;
      case 'file':
        parser = parser
          .option(row.flag, {
            type: 'string',
            describe: `${row.describe} (a local FILE: its content is sent, at most 1 MiB)`,
            group,
            requiresArg: true,
            ...alias,
          })
          .option(`${row.flag}${ON_HOST}`, {
            type: 'string',
            describe: `the same, as a PATH already on the host`,
            group,
            requiresArg: true,
          }) as Argv<T>;
        break;
    }
  }
  return parser;
}

export interface SpecIo {
  /** Size of a local file in bytes (throws like fs.statSync). */
  size(file: string): number;
  read(file: string): Buffer;
}

const localFiles: SpecIo = { size: (file) => fs.statSync(file).size, read: (file) => fs.readFileSync(file) };

/**
 * Builds the CloneSpec from parsed flags. Local files are read here, so a missing or too
 * large file is a usage error naming its flag before anything is sent.
 */
export function specFromArgs(
  args: Readonly<Record<string, unknown>>,
  disks: readonly string[],
  io: SpecIo = localFiles,
): CloneSpec {
  const spec: Record<string, unknown> = { targetDisks: [...disks] };
  for (const row of SPEC_FLAGS) {
    switch (row.kind) {
      case 'boolean':
        if (args[row.flag] === true) spec[row.field] = true;
        break;
      case 'text': {
        const value = single(row.flag, args[row.flag]);
        if (value !== undefined) spec[row.field] = value;
        break;
      }
      case 'list': {
        const values = list(args[row.flag]);
        if (values.length > 0) spec[row.field] = values;
        break;
      }
      case 'choice': {
        const value = single(row.flag, args[row.flag]);
        if (value === undefined) break;
        const enumValue = row.choices[value];
        if (enumValue === undefined)
          throw new UsageError(
            `--${row.flag}: ${JSON.stringify(value)} is not one of ${Object.keys(row.choices).join(', ')}`,
            { field: `--${row.flag}` },
          );
        spec[row.field] = enumValue;
        break;
      }
      case 'file': {
        const source = fileSource(
          row.flag,
          single(row.flag, args[row.flag]),
          single(`${row.flag}${ON_HOST}`, args[`${row.flag}${ON_HOST}`]),
          io,
        );
        if (source) spec[row.field] = source;
        break;
      }
    }
  }
  return spec as CloneSpec;
}

function fileSource(
  flag: string,
  local: string | undefined,
  onHost: string | undefined,
  io: SpecIo,
): FileSource | undefined {
  if (local !== undefined && onHost !== undefined) {
    throw new UsageError(`--${flag} and --${flag}${ON_HOST} name the same file two ways: give one`, {
      field: `--${flag}`,
    });
  }
  if (onHost !== undefined) {
    // alt_disk_copy wants full paths; saying so here names the flag, not a proto field
    if (!onHost.startsWith('/'))
      throw new UsageError(
        `--${flag}${ON_HOST}: ${JSON.stringify(onHost)} is not a full path; give the file's absolute path on the host`,
        { field: `--${flag}${ON_HOST}` },
      );
    return { hostPath: onHost };
  }
  if (local === undefined) return undefined;
  let size: number;
  try {
    size = io.size(local);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    throw new UsageError(
      `--${flag}: cannot read ${local} (${reason}); it names a file on this machine (for a file already on the host, use --${flag}${ON_HOST} PATH)`,
      { field: `--${flag}` },
    );
  }
  if (size > MAX_CONTENT_BYTES) {
    throw new UsageError(
      `--${flag}: ${local} is ${size} bytes, more than the 1 MiB (${MAX_CONTENT_BYTES} bytes) the agent accepts; copy it to the host and use --${flag}${ON_HOST} PATH`,
      { field: `--${flag}` },
    );
  }
  return { content: io.read(local) };
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { FailedPreconditionError } from '../../shared/errors';
import { FILE_FIELDS, FILE_FIELD_NAMES, type FileField } from './file-fields';
import { MAX_CONTENT_BYTES } from '../../shared/limits';
import type { NormalizedSpec } from './spec';
import { syncDirectory, writeFileAtomic } from '../fs/atomic-write';

export type { FileField } from './file-fields';

/** A file the agent writes for alt_disk_copy before starting it. */
export interface InputFile {
  field: FileField;
  /** The flag that takes its path: -i, -s, -b, -f, -e, -x, -R. */
  flag: string;
  /** Name inside the inputs directory, e.g. exclude.list. */
  fileName: string;
  content: Buffer;
  /** Scripts (-s, -x) are written 0700, everything else 0600. */
  executable: boolean;
}

/** Absolute path alt_disk_copy gets for each file flag. */
export type InputPaths = Partial<Record<FileField, string>>;

/** Reads a host file whole; injectable so tests need no real files. */
export type ReadHostFile = (hostPath: string) => Buffer;

/**
 * The exclude list is written by the agent whenever exclude_patterns are given, so
 * sent content, a host file and patterns all end up in the one list -e takes: the
 * contract says they are joined, and alt_disk_copy reads only one file.
 */
function writesExcludeList(spec: NormalizedSpec): boolean {
  return spec.excludeList?.kind === 'content' || spec.excludePatterns.length > 0;
}

/** The fields whose file the agent writes (as opposed to host paths passed as they are). */
export function writtenFields(spec: NormalizedSpec): FileField[] {
  return FILE_FIELD_NAMES.filter((field) =>
    field === 'excludeList' ? writesExcludeList(spec) : spec[field]?.kind === 'content',
  );
}

/**
 * The files to write for a clone: every content source, and the exclude list built
 * from sent content or a host file followed by exclude_patterns, one per line. A host
 * exclude list joined with patterns is read now, so the job uses the list as it was
 * when the job started even if the host file changes later.
 */
export function inputsToWrite(spec: NormalizedSpec, readHostFile: ReadHostFile = readLimited): InputFile[] {
  return writtenFields(spec).map((field) => {
    const info = FILE_FIELDS[field];
    const content = field === 'excludeList' ? excludeListContent(spec, readHostFile) : contentOf(spec, field);
    return { field, flag: info.flag, fileName: info.fileName, content, executable: info.executable };
  });
}

function contentOf(spec: NormalizedSpec, field: FileField): Buffer {
  const input = spec[field];
  if (input?.kind !== 'content') throw new Error(`${field} has no content to write`);
  return input.content;
}

function excludeListContent(spec: NormalizedSpec, readHostFile: ReadHostFile): Buffer {
  const list = spec.excludeList;
  const base = list === undefined ? Buffer.alloc(0) : list.kind === 'content' ? list.content : readHostFile(list.path);
  if (spec.excludePatterns.length === 0) return base;
  // A list without a final newline would glue its last pattern to the first added one.
  const separator = base.length > 0 && base[base.length - 1] !== 0x0a ? '\n' : '';
  return Buffer.concat([base, Buffer.from(`${separator}${spec.excludePatterns.join('\n')}\n`)]);
}

function readLimited(hostPath: string): Buffer {
  let content: Buffer;
  try {
    content = fs.readFileSync(hostPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new FailedPreconditionError(
      'input-file-unreadable',
      `the exclude list ${hostPath} cannot be read (${code})`,
      'check the file on the host, or send the list as content',
    );
  }
  if (content.length > MAX_CONTENT_BYTES) {
    throw new FailedPreconditionError(
      'input-file-too-large',
      `the exclude list ${hostPath} is ${content.length} bytes, more than the ${MAX_CONTENT_BYTES} the agent joins with exclude_patterns`,
      'add the patterns to the file itself and leave exclude_patterns empty',
    );
  }
  return content;
}

/**
 * Writes the files into `dir` (created 0700 if missing, and made 0700 if not): each
 * goes to a temporary name, is fsynced with its final mode (0600, or 0700 for scripts)
 * and renamed into place, so alt_disk_copy never sees half a file or one readable by
 * others (an exclude list or resolv.conf can say more about the host than it should).
 */
export function writeInputs(dir: string, files: readonly InputFile[]): InputPaths {
  const absolute = path.resolve(dir);
  if (!fs.existsSync(absolute)) fs.mkdirSync(absolute, { recursive: true, mode: 0o700 });
  // lstat: a symbolic link planted at the directory's name must not redirect the files.
  if (!fs.lstatSync(absolute).isDirectory())
    throw new Error(`${absolute} is not a directory; refusing to write clone inputs there`);
  fs.chmodSync(absolute, 0o700);
  const paths: InputPaths = {};
  for (const file of files) {
    const target = path.join(absolute, file.fileName);
    writeFileAtomic(target, file.content, file.executable ? 0o700 : 0o600);
    paths[file.field] = target;
  }
  syncDirectory(absolute);
  return paths;
}

/** The host_path sources, passed to alt_disk_copy as they are (an exclude list joined with patterns is written instead). */
export function hostInputPaths(spec: NormalizedSpec): InputPaths {
  const written = new Set(writtenFields(spec));
  const paths: InputPaths = {};
  for (const field of FILE_FIELD_NAMES) {
    const input = spec[field];
    if (input?.kind === 'host' && !written.has(field)) paths[field] = input.path;
  }
  return paths;
}

/** Where writeInputs(dir, ...) would put each written file, without writing anything (for plans). */
export function inputPathsIn(dir: string, spec: NormalizedSpec): InputPaths {
  const paths: InputPaths = {};
  for (const field of writtenFields(spec)) paths[field] = `${dir}/${FILE_FIELDS[field].fileName}`;
  return paths;
}

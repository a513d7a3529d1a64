import type { Finding__Output } from '../../shared/generated/altdisk/v1/Finding';
import { FILE_FIELDS, FILE_FIELD_NAMES, type FileField } from './file-fields';
import { ERROR, finding, flag, INFO, listOf, WARNING } from './findings';
import type { HostFacts, HostFileFacts } from './host-facts';
import { MAX_CONTENT_BYTES } from '../../shared/limits';
import type { NormalizedSpec } from './spec';

/** The files alt_disk_copy will read: host paths that must be there, and exclude lists that must say what they mean. */
export function fileFindings(spec: NormalizedSpec, facts: HostFacts): Finding__Output[] {
  if (facts.hostFiles === null) return notExamined(spec);
  return [...hostFiles(facts.hostFiles), ...excludeList(spec, facts.hostFiles)];
}

/** For a caller who may not have host files looked at: which were left alone, and why. */
function notExamined(spec: NormalizedSpec): Finding__Output[] {
  const named = FILE_FIELD_NAMES.filter((field) => spec[field]?.kind === 'host');
  if (named.length === 0) return [];
  return [
    finding({
      code: 'host-files-not-examined',
      severity: INFO,
      message: `${listOf(named.map((field) => FILE_FIELDS[field].flag))} ${named.length === 1 ? 'names a file' : 'name files'} on the host, which the agent did not look at: your role may not have host files examined`,
      remedy:
        "send the files' contents instead, or ask for a role with execute, which StartClone needs for host files anyway",
      source: flag(...named.map((field) => FILE_FIELDS[field].flag)),
    }),
  ];
}

function hostFiles(examined: Partial<Record<FileField, HostFileFacts>>): Finding__Output[] {
  const found: Finding__Output[] = [];
  for (const field of FILE_FIELD_NAMES) {
    const file = examined[field];
    if (!file) continue;
    const info = FILE_FIELDS[field];
    const base = { source: flag(info.flag), field: `spec.${info.proto}.host_path` };
    if (!file.exists) {
      found.push(
        finding({
          ...base,
          code: 'input-file-missing',
          severity: ERROR,
          message: `the ${info.what} ${file.path} does not exist on the host${file.error && file.error !== 'ENOENT' ? ` (${file.error})` : ''}`,
          remedy: `create it there, correct the path, or send the file's content instead`,
        }),
      );
    } else if (!file.regularFile) {
      found.push(
        finding({
          ...base,
          code: 'input-not-regular-file',
          severity: ERROR,
          message: `the ${info.what} ${file.path} is not a regular file (a directory or device)`,
          remedy: 'give the path of the file itself',
        }),
      );
    } else if (info.executable && !file.executable) {
      found.push(
        finding({
          ...base,
          code: 'script-not-executable',
          severity: ERROR,
          message: `the ${info.what} ${file.path} is not executable; the manual says of ${info.flag} "This file must be executable"`,
          remedy: `chmod u+x ${file.path}, or send the script's content (the agent writes it with mode 0700)`,
        }),
      );
    }
  }
  return found;
}

/**
 * The exclude list is a list of grep patterns: an empty line is a pattern that matches
 * every path, which would leave the clone without files; a CR left by a Windows editor
 * becomes part of the pattern, which then never matches.
 */
function excludeList(spec: NormalizedSpec, examined: Partial<Record<FileField, HostFileFacts>>): Finding__Output[] {
  const list = spec.excludeList;
  if (list === undefined) return [];
  const hostFile = examined.excludeList;
  if (
    list.kind === 'host' &&
    spec.excludePatterns.length > 0 &&
    hostFile?.regularFile &&
    hostFile.sizeBytes > MAX_CONTENT_BYTES
  ) {
    return [
      finding({
        code: 'exclude-list-too-large',
        severity: ERROR,
        message: `the exclude list ${list.path} is ${hostFile.sizeBytes} bytes; the agent joins a host list with exclude_patterns only up to ${MAX_CONTENT_BYTES} bytes`,
        remedy: 'add the patterns to the file itself and leave exclude_patterns empty',
        source: flag('-e'),
        field: 'spec.exclude_patterns',
      }),
    ];
  }
  const content = list.kind === 'content' ? list.content : (hostFile?.content ?? null);
  if (content === null) return [];
  const field = list.kind === 'content' ? 'spec.exclude_list.content' : 'spec.exclude_list.host_path';
  const where = list.kind === 'content' ? 'the exclude list sent' : `the exclude list ${list.path}`;
  const lines = content.toString('latin1').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const found: Finding__Output[] = [];
  const blank = lines.findIndex((line) => line.replace(/\r$/, '').trim() === '');
  if (blank >= 0) {
    found.push(
      finding({
        code: 'exclude-list-blank-line',
        severity: ERROR,
        message: `line ${blank + 1} of ${where} is empty; exclusion follows grep's pattern rules, and an empty pattern matches every file, so nothing of rootvg would be copied`,
        remedy: 'remove the empty lines',
        source: flag('-e'),
        field,
      }),
    );
  }
  const crlf = lines.findIndex((line) => line.endsWith('\r'));
  if (crlf >= 0) {
    found.push(
      finding({
        code: 'exclude-list-crlf',
        severity: WARNING,
        message: `line ${crlf + 1} of ${where} ends with a carriage return (CRLF line ends); the CR becomes part of the pattern, which then matches nothing`,
        remedy: "save the list with LF line ends (e.g. tr -d '\\r')",
        source: flag('-e'),
        field,
      }),
    );
  }
  return found;
}

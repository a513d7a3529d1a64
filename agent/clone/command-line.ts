import { FILE_FIELDS, type FileField } from './file-fields';
import type { InputPaths } from './inputs';
import type { NormalizedSpec } from './spec';

export interface CloneCommand {
  /** argv: alt_disk_copy and one entry per argument; run without a shell. */
  command: string[];
  /** Variables to add to alt_disk_copy's environment. */
  environment: Record<string, string>;
}

/**
 * The alt_disk_copy command line for a spec, flags in the order of the manual's syntax
 * line. -d, -F and -w take space-separated lists as ONE argument, as the manual's
 * `-d "hdisk3 hdisk4"` (quoted for the shell) does. `paths` gives the path of every file
 * flag the spec uses; a missing one is a programming error, not a request error.
 */
export function buildCloneCommand(spec: NormalizedSpec, paths: InputPaths): CloneCommand {
  const command = ['alt_disk_copy', '-d', spec.targetDisks.join(' ')];
  const file = (field: FileField): void => {
    const at = paths[field];
    // A path without a spec field is one the agent supplies itself (the first-boot runner as -x).
    if (at === undefined) {
      if (spec[field] === undefined && !(field === 'excludeList' && spec.excludePatterns.length > 0)) return;
      throw new Error(
        `no path for ${FILE_FIELDS[field].flag} (${field}); pass hostInputPaths() and the written inputs`,
      );
    }
    command.push(FILE_FIELDS[field].flag, at);
  };
  const value = (flag: string, text: string): void => {
    if (text !== '') command.push(flag, text);
  };
  const list = (flag: string, items: readonly string[]): void => {
    if (items.length > 0) command.push(flag, items.join(' '));
  };
  const bool = (flag: string, on: boolean): void => {
    if (on) command.push(flag);
  };

  file('imageData');
  file('customizationScript');
  file('bundle');
  value('-I', spec.installpFlags);
  value('-l', spec.imagesLocation);
  file('fixBundle');
  list('-F', spec.fixes);
  file('excludeList');
  list('-w', spec.filesets);
  bool('-n', spec.remainNimClient);
  // "all" is the default; leaving -P out says the same thing on every level.
  if (spec.phases !== 'all') command.push('-P', spec.phases);
  value('-c', spec.console);
  file('firstBootScript');
  file('resolvConf');
  bool('-D', spec.debug);
  bool('-B', spec.noBootlist);
  bool('-O', spec.deviceReset);
  bool('-V', spec.verbose);
  bool('-g', spec.skipBootabilityCheck);
  bool('-r', spec.reboot);
  bool('-u', spec.copyWparFilesystems);
  bool('-T', spec.convertJfsToJfs2);
  bool('-S', spec.skipSpaceCheck);

  return { command, environment: backupErrorEnvironment(spec) };
}

/** Manual note 8: ALT_BAK_ERR_FAIL=1 stops and cleans up; ALT_BAK_ERR_REPORT=1 carries on but exits 1 without a bootlist. */
export function backupErrorEnvironment(spec: NormalizedSpec): Record<string, string> {
  switch (spec.backupErrorPolicy) {
    case 'fail':
      return { ALT_BAK_ERR_FAIL: '1' };
    case 'report':
      return { ALT_BAK_ERR_REPORT: '1' };
    case 'continue':
      return {};
  }
}

/** "NAME=value" strings, as the contract's environment fields carry them. */
export function environmentList(environment: Record<string, string>): string[] {
  return Object.entries(environment).map(([name, value]) => `${name}=${value}`);
}

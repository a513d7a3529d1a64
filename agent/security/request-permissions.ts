import type { CloneSpec__Output } from '../../shared/generated/altdisk/v1/CloneSpec';
import type { FileSource__Output } from '../../shared/generated/altdisk/v1/FileSource';
import type { Permission } from './access-policy';

/** A field of a request that needs more than its RPC's permission, and why. */
export interface FieldNeed {
  permission: Permission;
  /** The field in contract form, spec.reboot. */
  field: string;
  /** The alt_disk_copy flag, for the message. */
  flag: string;
  /** What the field does that needs the permission. */
  effect: string;
}

type SpecFiles = Pick<
  CloneSpec__Output,
  'imageData' | 'customizationScript' | 'bundle' | 'fixBundle' | 'excludeList' | 'firstBootScript' | 'resolvConf'
>;

/** Every file field with its flag and contract name, in the manual's order. */
const FILES: readonly [keyof SpecFiles, string, string][] = [
  ['imageData', '-i', 'image_data'],
  ['customizationScript', '-s', 'customization_script'],
  ['bundle', '-b', 'bundle'],
  ['fixBundle', '-f', 'fix_bundle'],
  ['excludeList', '-e', 'exclude_list'],
  ['firstBootScript', '-x', 'first_boot_script'],
  ['resolvConf', '-R', 'resolv_conf'],
];

const sent = (source: FileSource__Output | null | undefined): boolean => source !== null && source !== undefined;
const onHost = (source: FileSource__Output | null | undefined): boolean =>
  (source?.source ?? (source?.hostPath !== undefined ? 'hostPath' : undefined)) === 'hostPath';

/**
 * What a clone request needs beyond `operate`, flag by flag: a flag with the effect of
 * another permission needs that permission, so that an operator cannot reboot through
 * -r and a cloner cannot run code as root through -s.
 */
export function cloneSpecNeeds(spec: CloneSpec__Output | null | undefined): FieldNeed[] {
  if (!spec) return [];
  const needs: FieldNeed[] = [];
  if (spec.reboot)
    needs.push({
      permission: 'reboot',
      field: 'spec.reboot',
      flag: '-r',
      effect: 'reboots the host when the clone ends',
    });
  if (sent(spec.customizationScript))
    needs.push({
      permission: 'execute',
      field: 'spec.customization_script',
      flag: '-s',
      effect: 'runs a script as root in the clone',
    });
  if (sent(spec.firstBootScript))
    needs.push({
      permission: 'execute',
      field: 'spec.first_boot_script',
      flag: '-x',
      effect: "runs a script as root at the clone's first boot",
    });
  const installs: [boolean, string, string][] = [
    [sent(spec.bundle), 'spec.bundle', '-b'],
    [sent(spec.fixBundle), 'spec.fix_bundle', '-f'],
    [(spec.fixes ?? []).length > 0, 'spec.fixes', '-F'],
    [(spec.filesets ?? []).length > 0, 'spec.filesets', '-w'],
    [(spec.installpFlags ?? '') !== '', 'spec.installp_flags', '-I'],
    [(spec.imagesLocation ?? '') !== '', 'spec.images_location', '-l'],
  ];
  for (const [given, field, flag] of installs) {
    if (given)
      needs.push({
        permission: 'execute',
        field,
        flag,
        effect: 'installs software into the clone, whose install scripts run as root',
      });
  }
  for (const [key, flag, proto] of FILES) {
    if (onHost(spec[key]) && !needs.some((n) => n.flag === flag)) {
      needs.push({
        permission: 'execute',
        field: `spec.${proto}.host_path`,
        flag,
        effect: 'makes the agent read a file of the host as root',
      });
    }
  }
  return needs;
}

/** What each RPC's request may need beyond the RPC's own permission. */
export const REQUEST_NEEDS: Readonly<Record<string, (request: unknown) => FieldNeed[]>> = {
  'CloneService.StartClone': (request) => cloneSpecNeeds((request as { spec?: CloneSpec__Output | null }).spec),
};

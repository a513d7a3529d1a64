/**
 * The CloneSpec fields that name a file alt_disk_copy reads by path. Each can be a
 * path already on the host or content the caller sends, which the agent writes into
 * the job's inputs directory under `fileName`.
 */
export type FileField =
  'imageData' | 'customizationScript' | 'bundle' | 'fixBundle' | 'excludeList' | 'firstBootScript' | 'resolvConf';

export interface FileFieldInfo {
  /** The field's name in the contract, for messages: spec.<proto>.host_path. */
  proto: string;
  /** The alt_disk_copy flag that takes the file's path. */
  flag: string;
  /** Name of the file written for sent content. */
  fileName: string;
  /** Scripts alt_disk_copy runs: the manual says -s "must be executable"; -x is run the same way at first boot. */
  executable: boolean;
  /** What the manual calls it, for messages. */
  what: string;
}

/** In the order the manual's syntax line lists the flags. */
export const FILE_FIELDS: Readonly<Record<FileField, FileFieldInfo>> = {
  imageData: { proto: 'image_data', flag: '-i', fileName: 'image.data', executable: false, what: 'image.data file' },
  customizationScript: {
    proto: 'customization_script',
    flag: '-s',
    fileName: 'customization_script',
    executable: true,
    what: 'customization script',
  },
  bundle: { proto: 'bundle', flag: '-b', fileName: 'bundle', executable: false, what: 'bundle file' },
  fixBundle: {
    proto: 'fix_bundle',
    flag: '-f',
    fileName: 'fix_bundle',
    executable: false,
    what: 'fix bundle (APAR list)',
  },
  excludeList: { proto: 'exclude_list', flag: '-e', fileName: 'exclude.list', executable: false, what: 'exclude list' },
  firstBootScript: {
    proto: 'first_boot_script',
    flag: '-x',
    fileName: 'first_boot_script',
    executable: true,
    what: 'first boot script',
  },
  resolvConf: { proto: 'resolv_conf', flag: '-R', fileName: 'resolv.conf', executable: false, what: 'resolv.conf' },
};

export const FILE_FIELD_NAMES = Object.keys(FILE_FIELDS) as FileField[];

/**
 * `-b update_all` is a bundle name, not a path: the manual's example 2 runs
 * `alt_disk_copy -d "hdisk3 hdisk4" -b update_all -l /updates`, so it is passed as is.
 */
export const UPDATE_ALL_BUNDLE = 'update_all';

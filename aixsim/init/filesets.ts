import type { Fileset } from '../state/model';
import type { ServiceLevel } from './options';

/**
 * The installed software of a fresh host: the base filesets whose level follows the
 * running service level, plus a few that do not (xlC runtime, OpenSSH).
 *
 * Level numbering is an approximation (inferred, no sample ties SP to the fourth field):
 * TL filesets are V.R.TL.0 at SP 0 and V.R.TL.((SP-1)*100+1) after, e.g. 7.2.5.201 at
 * 7200-05-03. The build date column is the SP's YYWW.
 */
interface Template {
  name: string;
  pkg: string;
  description: string;
  parts: Fileset['parts'];
  /** Fixed level; otherwise it follows the service level. */
  level?: string;
  buildDate?: string;
}

const TEMPLATES: readonly Template[] = [
  { name: 'bos.64bit', pkg: 'bos', description: 'Base Operating System 64 bit Runtime', parts: ['usr', 'root'] },
  {
    name: 'bos.alt_disk_install.boot_images',
    pkg: 'bos.alt_disk_install',
    description: 'Alternate Disk Installation Disk Boot Images',
    parts: ['usr'],
  },
  {
    name: 'bos.alt_disk_install.rte',
    pkg: 'bos.alt_disk_install',
    description: 'Alternate Disk Installation Runtime',
    parts: ['usr', 'root'],
  },
  {
    name: 'bos.mp64',
    pkg: 'bos',
    description: 'Base Operating System 64-bit Multiprocessor Runtime',
    parts: ['usr', 'root'],
  },
  { name: 'bos.rte', pkg: 'bos', description: 'Base Operating System Runtime', parts: ['usr', 'root'] },
  { name: 'bos.rte.boot', pkg: 'bos', description: 'Boot Commands', parts: ['usr', 'root'] },
  { name: 'bos.rte.bosinst', pkg: 'bos', description: 'Base OS Install Commands', parts: ['usr', 'root'] },
  { name: 'bos.rte.install', pkg: 'bos', description: 'LPP Install Commands', parts: ['usr', 'root'] },
  { name: 'bos.rte.lvm', pkg: 'bos', description: 'Logical Volume Manager', parts: ['usr', 'root'] },
  {
    name: 'bos.sysmgt.nim.client',
    pkg: 'bos.sysmgt',
    description: 'Network Install Manager - Client Tools',
    parts: ['usr', 'root'],
  },
  {
    name: 'bos.sysmgt.sysbr',
    pkg: 'bos.sysmgt',
    description: 'System Backup and BOS Install Utilities',
    parts: ['usr', 'root'],
  },
  {
    name: 'openssh.base.server',
    pkg: 'openssh.base',
    description: 'Open Secure Shell Server',
    parts: ['usr', 'root'],
    level: '8.1.102.2104',
    buildDate: '2104',
  },
  {
    name: 'xlC.rte',
    pkg: 'xlC.rte',
    description: 'IBM XL C++ Runtime for AIX',
    parts: ['usr'],
    level: '13.1.3.3',
    buildDate: '1545',
  },
];

export function tlFilesetLevel(sl: ServiceLevel): string {
  const fourth = sl.sp === 0 ? 0 : (sl.sp - 1) * 100 + 1;
  return `${sl.version}.${sl.release}.${sl.tl}.${fourth}`;
}

export function defaultFilesets(
  sl: ServiceLevel,
  without: readonly string[],
  overrides: Readonly<Record<string, string>>,
): Fileset[] {
  const skip = new Set(without);
  const out: Fileset[] = [];
  for (const t of TEMPLATES) {
    if (skip.has(t.name)) continue;
    out.push({
      package: t.pkg,
      name: t.name,
      level: overrides[t.name] ?? t.level ?? tlFilesetLevel(sl),
      state: 'COMMITTED',
      description: t.description,
      type: 'F',
      parts: t.parts,
      buildDate: t.buildDate ?? sl.build,
    });
  }
  for (const [name, level] of Object.entries(overrides)) {
    if (out.some((f) => f.name === name) || skip.has(name)) continue;
    // A fileset we have no template for: its package is the name less its last part.
    const dot = name.lastIndexOf('.');
    out.push({
      package: dot > 0 ? name.slice(0, dot) : name,
      name,
      level,
      state: 'COMMITTED',
      description: name,
      type: 'F',
      parts: ['usr'],
      buildDate: sl.build,
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

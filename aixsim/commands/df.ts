import type { FlagSet } from '../cli/getopt';
import { ALT_ROOT, fsLvsInMountOrder } from '../state/altvg';
import type { HostState, LogicalVolume, VolumeGroup } from '../state/model';
import { usageOf } from '../state/usage';
import type { CommandContext } from './context';
import { defineCommand } from './define';

/**
 * df: mounted file systems and their space, from the usage cached in the state (never a
 * walk of the trees, so it is fast with 200,000 files and can be polled during a clone).
 *
 * Backed by samples (test/fixtures/aix/): the layout of df -k (df-k.01.txt), df -g
 * (df-g.02.txt) and df (df.512-blocks.01.txt): the name left-aligned in 13 columns, then
 * right-aligned size (11 wide for 1024-blocks, 10 for 512-blocks, 9 for GB blocks), Free
 * (9), %Used (4 + "%"), Iused (8), %Iused (5 + "%"), the mount point; "-" fields of /proc;
 * two decimals for GB, rounded half-to-even as printf does (0.125 GB prints 0.12, as
 * /dev/hd11admin in df-g.01.txt); %Used rounded up (1% for a nearly empty /tmp).
 * Inferred: the mount order (/, /usr, /var, /tmp, /home, /admin, /proc, /opt, livedump
 * as in the samples, then other VGs, then /alt_inst), the MB column width (10), the
 * inode total behind %Iused (files + one inode per 4.3 KB free, fitted to df-g.01.txt),
 * the usage text and the message for an unknown operand.
 */
const USAGE = 'Usage: df [-P] | [-I|-M|-i|-t|-v] [-k|-m|-g] [-s] [FileSystem ...|File ...]\n';
const ROOTVG_MOUNT_ORDER = ['/', '/usr', '/var', '/tmp', '/home', '/admin', '/proc', '/opt', '/var/adm/ras/livedump'];

type Unit = 'blocks512' | 'k' | 'm' | 'g';

interface Row {
  device: string;
  mountPoint: string;
  sizeKb: number | null;
  usedKb: number;
  files: number;
}

export const main = defineCommand({ optstring: 'kmgPIMitvs', usage: USAGE, run });

function run(flags: FlagSet, operands: readonly string[], ctx: CommandContext): number {
  let unit: Unit = 'blocks512';
  for (const f of flags.list) {
    if (f.flag === 'k' || f.flag === 'm' || f.flag === 'g') unit = f.flag;
    else if (f.flag !== 's') {
      ctx.err.write(`${ctx.name}: aixsim: only -k, -m and -g are emulated\n`);
      return 1;
    }
  }
  const rows = mountedRows(ctx.state());
  let shown = rows;
  let status = 0;
  if (operands.length > 0) {
    shown = [];
    for (const op of operands) {
      const row = rowFor(rows, op);
      if (!row) {
        ctx.err.write(`${ctx.name}: ${op}: A file or directory in the path name does not exist.\n`);
        status = 1;
      } else shown.push(row);
    }
  }
  if (shown.length > 0 || status === 0) ctx.out.write(header(unit) + shown.map((r) => line(r, unit)).join(''));
  return status;
}

/** Every mounted file system in mount order, with /proc where AIX mounts it. */
export function mountedRows(state: HostState): Row[] {
  const rows: Row[] = [];
  const rootvg = state.vgs.find((v) => v.name === 'rootvg');
  const awake: VolumeGroup[] = [];
  if (rootvg) {
    const mounted = rootvg.lvs.filter((lv) => lv.fs?.mounted);
    const rank = (lv: LogicalVolume) => {
      const i = ROOTVG_MOUNT_ORDER.indexOf(lv.fs?.mountPoint ?? '');
      return i < 0 ? ROOTVG_MOUNT_ORDER.length : i;
    };
    const ordered = [...mounted].sort((a, b) => rank(a) - rank(b));
    let procDone = false;
    for (const lv of ordered) {
      if (!procDone && rank(lv) > ROOTVG_MOUNT_ORDER.indexOf('/proc')) {
        rows.push(procRow());
        procDone = true;
      }
      rows.push(rowOf(rootvg, lv));
    }
    if (!procDone) rows.push(procRow());
  }
  for (const vg of state.vgs) {
    if (vg === rootvg || vg.state !== 'active') continue;
    if (vg.lvs.some((lv) => lv.fs?.mounted && lv.fs.mountPoint.startsWith(ALT_ROOT))) {
      awake.push(vg);
      continue;
    }
    for (const lv of vg.lvs) if (lv.fs?.mounted) rows.push(rowOf(vg, lv));
  }
  for (const vg of awake) for (const lv of fsLvsInMountOrder(vg)) if (lv.fs?.mounted) rows.push(rowOf(vg, lv));
  return rows;
}

function rowOf(vg: VolumeGroup, lv: LogicalVolume): Row {
  const usage = usageOf(lv.fs as NonNullable<LogicalVolume['fs']>);
  return {
    device: `/dev/${lv.name}`,
    mountPoint: lv.fs?.mountPoint ?? '',
    sizeKb: lv.lps * vg.ppSizeMb * 1024,
    usedKb: Math.ceil(usage.bytes / 1024),
    files: usage.files,
  };
}

function procRow(): Row {
  return { device: '/proc', mountPoint: '/proc', sizeKb: null, usedKb: 0, files: 0 };
}

/** The file system holding a path (longest mount point prefix), or named by its device. */
function rowFor(rows: readonly Row[], operand: string): Row | undefined {
  const byDevice = rows.find((r) => r.device === operand);
  if (byDevice) return byDevice;
  if (!operand.startsWith('/')) return undefined;
  let best: Row | undefined;
  for (const r of rows) {
    const mp = r.mountPoint;
    const inside = operand === mp || mp === '/' || operand.startsWith(`${mp}/`);
    if (inside && (!best || mp.length > best.mountPoint.length)) best = r;
  }
  return best;
}

const SIZE_HEADER: Record<Unit, [string, number]> = {
  blocks512: ['512-blocks', 10],
  k: ['1024-blocks', 11],
  m: ['MB blocks', 10],
  g: ['GB blocks', 9],
};

function header(unit: Unit): string {
  const [label, width] = SIZE_HEADER[unit];
  return `${'Filesystem'.padEnd(13)} ${label.padStart(width)} ${'Free'.padStart(9)} %Used ${'Iused'.padStart(8)} %Iused Mounted on\n`;
}

function line(r: Row, unit: Unit): string {
  const width = SIZE_HEADER[unit][1];
  const name = r.device.padEnd(13);
  if (r.sizeKb === null) {
    return `${name} ${'-'.padStart(width)} ${'-'.padStart(9)} ${'-'.padStart(4)} ${'-'.padStart(8)} ${'-'.padStart(6)} ${r.mountPoint}\n`;
  }
  const freeKb = Math.max(0, r.sizeKb - r.usedKb);
  const usedPct = r.usedKb === 0 ? 0 : Math.min(100, Math.ceil((r.usedKb * 100) / r.sizeKb));
  const inodes = r.files + Math.floor(freeKb / 4.3);
  const iPct = r.files === 0 || inodes === 0 ? 0 : Math.ceil((r.files * 100) / inodes);
  return (
    `${name} ${amount(r.sizeKb, unit).padStart(width)} ${amount(freeKb, unit).padStart(9)} ${`${usedPct}`.padStart(4)}% ` +
    `${String(r.files).padStart(8)} ${`${iPct}`.padStart(5)}% ${r.mountPoint}\n`
  );
}

function amount(kb: number, unit: Unit): string {
  switch (unit) {
    case 'blocks512':
      return String(kb * 2);
    case 'k':
      return String(kb);
    case 'm':
      return fixed2(kb / 1024);
    case 'g':
      return fixed2(kb / 1024 / 1024);
  }
}

/** printf("%.2f"): ties (exact halves such as 0.125) go to the even digit. */
export function fixed2(x: number): string {
  const scaled = x * 100;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  let n: number;
  if (Math.abs(diff - 0.5) < 1e-9) n = floor % 2 === 0 ? floor : floor + 1;
  else n = Math.round(scaled);
  return (n / 100).toFixed(2);
}

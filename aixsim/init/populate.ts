import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostState, VolumeGroup } from '../state/model';
import { lvDataDir, lvDir, type HostPaths } from '../state/paths';
import { addUsage, scanTree } from '../state/usage';
import { Prng } from './ids';

/**
 * Real directories with real files for every file system, so that alt_disk_copy has
 * something to copy and exclude lists something to match. Paths inside an LV's
 * directory are relative to its mount point: /usr/bin/ls is disks/hdisk0/lv/hd2/bin/ls.
 */

type Tree = Record<string, string>;

export function populateFileSystems(paths: HostPaths, state: HostState, extraFiles: number): void {
  for (const vg of state.vgs) {
    const first = vg.disks[0];
    if (first === undefined) continue;
    for (const lv of vg.lvs) {
      if (!lv.fs) continue;
      const dir = lvDataDir(paths, first, lv.name);
      fs.mkdirSync(dir, { recursive: true });
      if (vg.name === 'altinst_rootvg') continue; // filled by copyAltinst
      writeTree(dir, contentsFor(state, vg, lv.fs.mountPoint));
    }
  }
  if (extraFiles > 0) generateFiles(paths, state, extraFiles);
  const altinst = state.vgs.find((v) => v.name === 'altinst_rootvg');
  if (altinst) copyAltinst(paths, state, altinst);
  cacheUsage(paths, state);
}

/** df reads FileSystem.usage: OS content counted in base plus the files really written. */
function cacheUsage(paths: HostPaths, state: HostState): void {
  for (const vg of state.vgs) {
    for (const lv of vg.lvs) {
      if (!lv.fs) continue;
      lv.fs.usage = addUsage(lv.fs.base ?? { bytes: 0, files: 0 }, scanTree(lvDir(paths, vg, lv)));
    }
  }
}

function contentsFor(state: HostState, vg: VolumeGroup, mountPoint: string): Tree {
  switch (mountPoint) {
    case '/':
      return rootTree(state);
    case '/usr':
      return {
        'bin/ls': binary('ls'),
        'bin/cat': binary('cat'),
        'bin/ksh': binary('ksh'),
        'bin/oslevel': binary('oslevel'),
        'sbin/lspv': binary('lspv'),
        'sbin/lsvg': binary('lsvg'),
        'sbin/bootlist': binary('bootlist'),
        'sbin/bosboot': binary('bosboot'),
        'sbin/alt_disk_copy': binary('alt_disk_copy'),
        'lib/libc.a': binary('libc.a'),
        'lib/libodm.a': binary('libodm.a'),
        'lib/objrepos/lpp': 'installp database (emulated)\n',
        'lib/boot/unix_64': binary('unix_64'),
        'share/man/README': 'manual pages are not installed on this emulated host\n',
      };
    case '/var':
      return {
        'adm/wtmp': '',
        'adm/messages': `${state.bootTime} ${state.hostname} syslogd: restart\n`,
        'adm/ras/errlog': 'error log (emulated)\n',
        'adm/ras/livedump/': '',
        'log/syslog.log': `${state.bootTime} ${state.hostname} kernel: AIX ${state.os.serviceLevel}\n`,
        'spool/cron/crontabs/root': '0 3 * * * /usr/lib/ras/dumpcheck >/dev/null 2>&1\n',
        'tmp/.keep': '',
      };
    case '/tmp':
      return {
        'install.tmp': 'scratch\n',
        'bos_inst.tmp': 'scratch\n',
        'nested/level1/level2/deep.tmp': 'deep scratch file\n',
        'nested/level1/notes.txt': 'nested directory under /tmp\n',
      };
    case '/home':
      return {
        'guest/.profile': 'PATH=/usr/bin:/etc:/usr/sbin:$HOME/bin:.\nexport PATH\n',
        'guest/notes.txt': 'guest notes\n',
        'user1/.profile': 'PATH=/usr/bin:/etc:/usr/sbin:$HOME/bin:.\nexport PATH\n',
        'user1/report.txt': 'quarterly report draft\n',
        'user1/projects/todo.txt': '- clone rootvg before patching\n',
      };
    case '/opt':
      return {
        'freeware/bin/.keep': '',
        'IBM/README': 'IBM products\n',
        'rsct/bin/ctsnap': binary('ctsnap'),
      };
    case '/admin':
      return { 'tmp/.keep': '', README: 'administration scratch space\n' };
    case '/var/adm/ras/livedump':
      return { 'livedump.info': 'no live dumps taken\n', '.keep': '' };
    case '/data':
      return {
        'app/config.ini': '[app]\nname=datavg-app\n',
        'app/data/records.db': 'record 1\nrecord 2\n',
        README: `data file system of ${vg.name}\n`,
      };
    default:
      return { '.keep': '', README: `${mountPoint} file system\n` };
  }
}

function rootTree(state: HostState): Tree {
  const tree: Tree = {
    '.profile': 'PATH=/usr/bin:/etc:/usr/sbin:/usr/ucb:/usr/bin/X11:/sbin\nexport PATH\n',
    'etc/hosts': `127.0.0.1\t\tloopback localhost\n::1\t\t\tloopback localhost\n10.0.0.10\t\t${state.hostname}\n`,
    'etc/passwd':
      'root:!:0:0::/:/usr/bin/ksh\ndaemon:!:1:1::/etc:\nbin:!:2:2::/bin:\nsys:!:3:3::/usr/sys:\nadm:!:4:4::/var/adm:\n' +
      'guest:!:100:100::/home/guest:\nuser1:!:201:1::/home/user1:/usr/bin/ksh\n',
    'etc/group': 'system:!:0:root\nstaff:!:1:user1\nbin:!:2:root,bin\nsys:!:3:root,bin,sys\nusr:!:100:guest\n',
    'etc/filesystems': etcFilesystems(state),
    'etc/motd': `AIX ${state.os.vrmf} (emulated by aixsim)\n`,
    'etc/exclude.rootvg': '',
    'etc/inittab': 'init:2:initdefault:\nbrc::sysinit:/sbin/rc.boot 3 >/dev/console 2>&1\n',
    'sbin/rc.boot': binary('rc.boot'),
  };
  // Mount-point directories exist in / as on a real system.
  for (const vg of state.vgs) {
    for (const lv of vg.lvs) {
      if (!lv.fs || !lv.odm || lv.fs.mountPoint === '/') continue;
      // A trailing slash makes writeTree create an (empty) directory.
      if (!lv.fs.mountPoint.slice(1).includes('/')) tree[`${lv.fs.mountPoint.slice(1)}/`] = '';
    }
  }
  return tree;
}

/** /etc/filesystems stanzas for every file system the ODM knows. */
export function etcFilesystems(state: HostState): string {
  const stanzas: string[] = [
    '* @(#)filesystems emulated by aixsim\n*\n* This file lists the file systems of the emulated host.\n*\n',
  ];
  for (const vg of state.vgs) {
    for (const lv of vg.lvs) {
      if (!lv.fs || !lv.odm) continue;
      const lines = [
        `${lv.fs.mountPoint}:`,
        `\tdev\t\t= /dev/${lv.name}`,
        `\tvfs\t\t= ${lv.fs.vfs}`,
        `\tlog\t\t= ${lv.fs.log}`,
        `\tmount\t\t= ${lv.fs.mountPoint === '/' ? 'automatic' : lv.fs.auto ? 'true' : 'false'}`,
        `\tcheck\t\t= ${lv.fs.mountPoint === '/' ? 'false' : 'true'}`,
        `\tvol\t\t= ${lv.fs.mountPoint === '/' ? 'root' : lv.fs.mountPoint}`,
        `\tfree\t\t= false`,
        `\taccount\t\t= false`,
      ];
      stanzas.push(`${lines.join('\n')}\n`);
    }
  }
  return stanzas.join('\n');
}

function binary(name: string): string {
  return `#!/usr/bin/ksh\n# ${name}: placeholder binary of an aixsim host\n`;
}

function writeTree(root: string, tree: Tree): void {
  const made = new Set<string>();
  for (const [rel, content] of Object.entries(tree)) {
    const file = path.join(root, rel);
    if (rel.endsWith('/')) {
      fs.mkdirSync(file, { recursive: true });
      continue;
    }
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(file, content);
  }
}

/**
 * --files N: N small files over /usr, /var, /opt and /home, 100 to a directory, in a
 * two-level tree (gen/dNNN/fNNNNNN.dat) so listings of 200,000 files stay realistic.
 */
function generateFiles(paths: HostPaths, state: HostState, count: number): void {
  const rootvg = state.vgs.find((v) => v.name === 'rootvg');
  const first = rootvg?.disks[0];
  if (!rootvg || first === undefined) return;
  const targets = ['hd2', 'hd9var', 'hd10opt', 'hd1']
    .filter((n) => rootvg.lvs.some((l) => l.name === n))
    .map((n) => path.join(lvDataDir(paths, first, n), 'gen'));
  if (targets.length === 0) return;
  const prng = new Prng(`files:${state.hostname}`);
  let lastDir = '';
  for (let i = 0; i < count; i++) {
    const target = targets[i % targets.length] as string;
    const perTarget = Math.floor(i / targets.length);
    const dir = path.join(target, `d${String(Math.floor(perTarget / 100)).padStart(4, '0')}`);
    if (dir !== lastDir) {
      fs.mkdirSync(dir, { recursive: true });
      lastDir = dir;
    }
    fs.writeFileSync(path.join(dir, `f${String(i).padStart(7, '0')}.dat`), `${prng.hex(16)}\n`);
  }
}

/** The clone's trees: a copy of each mounted rootvg file system, like alt_disk_copy's backup/restore. */
function copyAltinst(paths: HostPaths, state: HostState, altinst: VolumeGroup): void {
  const rootvg = state.vgs.find((v) => v.name === 'rootvg');
  const from = rootvg?.disks[0];
  const to = altinst.disks[0];
  if (!rootvg || from === undefined || to === undefined) return;
  for (const lv of rootvg.lvs) {
    if (!lv.fs?.mounted) continue;
    const src = lvDataDir(paths, from, lv.name);
    const dst = lvDataDir(paths, to, lv.name);
    fs.cpSync(src, dst, { recursive: true });
  }
}

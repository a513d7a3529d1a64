import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { VolumeGroup } from '../../state/model';
import { findVg } from '../../state/queries';
import { hostPathOf } from '../../ops/host-files';
import { altMountPoint, innerMountPoint } from '../../state/altvg';
import { lvDir } from '../../state/paths';
import { planInstall, readImages } from './images';
import { errors, installpSummary } from './messages';
import type { CloneOptions } from './options';
import { VG_NAME } from './phase1';
import { Fatal, type Runtime } from './runtime';

/**
 * Phase 2: customise the clone while it is mounted under /alt_inst.
 * - -l with -b/-w/-f/-F/-I: installp into the clone (images.ts says what the directory
 *   holds); the running system's software does not change.
 * - -R: the file becomes the clone's /etc/resolv.conf. -n: the running system's /.rhosts
 *   and /etc/niminfo are copied into the clone (when they exist).
 * - -x: the script is copied to the clone's /etc/alt_disk_first_boot and runs once, at the
 *   clone's first boot (aixsim/ops/reboot.ts).
 * - -s: the script runs now, on the running system, as a real process: cwd and
 *   $ALT_INST_ROOT are the Linux directory holding the clone's /, $ALT_INST_MOUNTS lists
 *   "/alt_inst/... <TAB> directory" for every clone file system, $AIXSIM_HOST is the host
 *   directory and DIR/bin leads $PATH. Its output passes through; a non-zero status stops
 *   alt_disk_copy (exit 1), leaving the clone mounted.
 */
export const FIRST_BOOT_SCRIPT = '/etc/alt_disk_first_boot';

export async function phase2(rt: Runtime, o: CloneOptions): Promise<void> {
  const { ctx } = rt;
  const vg = findVg(ctx.state(), VG_NAME) as VolumeGroup;
  const system = vg.system;
  if (!system) throw new Error('altinst_rootvg has no system image');

  if (
    o.images !== undefined &&
    (o.bundle !== undefined || o.filesets.length > 0 || o.fixes.length > 0 || o.fixBundle !== undefined)
  ) {
    const req = {
      filesets: o.filesets,
      fixes: o.fixes,
      flags: o.installpFlags ?? 'acgX',
      ...(o.bundle !== undefined ? { bundle: o.bundle } : {}),
      ...(o.fixBundle !== undefined ? { fixBundle: o.fixBundle } : {}),
    };
    const plan = planInstall(system, readImages(o.images), req);
    if (plan.missing.length > 0) {
      for (const m of plan.missing) rt.error(errors.missingImage(m));
      rt.error(errors.installpFailed());
      throw new Fatal(1);
    }
    ctx.out.write(installpSummary(plan.rows));
    ctx.mutate((s) => {
      const alt = findVg(s, VG_NAME);
      if (alt?.system) plan.apply(alt.system);
    });
    await rt.sleep(rt.settings.stepDelayMs);
  }

  if (o.resolvConf !== undefined) copyInto(o.resolvConf, hostPathOf(ctx.paths, vg, '/etc/resolv.conf'));
  if (o.nim) {
    const rootvg = findVg(ctx.state(), 'rootvg') as VolumeGroup;
    for (const f of ['/.rhosts', '/etc/niminfo']) {
      const src = hostPathOf(ctx.paths, rootvg, f);
      if (fs.existsSync(src)) copyInto(src, hostPathOf(ctx.paths, vg, f));
    }
  }
  if (o.firstBootScript !== undefined) {
    const dst = hostPathOf(ctx.paths, vg, FIRST_BOOT_SCRIPT);
    copyInto(o.firstBootScript, dst);
    fs.chmodSync(dst, 0o755);
    const source = path.resolve(o.firstBootScript);
    ctx.mutate((s) => {
      const alt = findVg(s, VG_NAME);
      if (alt?.system) alt.system.firstBoot = { script: FIRST_BOOT_SCRIPT, source };
    });
  }
  if (o.script !== undefined) await runScript(rt, o.script, vg);

  ctx.mutate((s) => {
    const alt = findVg(s, VG_NAME);
    if (alt?.alt && !alt.alt.phasesDone.includes(2)) alt.alt.phasesDone.push(2);
  });
}

function copyInto(src: string, dst: string): void {
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  fs.copyFileSync(src, dst);
}

async function runScript(rt: Runtime, script: string, vg: VolumeGroup): Promise<void> {
  const { ctx } = rt;
  const root = hostPathOf(ctx.paths, vg, '/');
  const mounts = vg.lvs
    .filter((lv) => lv.fs !== null)
    .map((lv) => `${altMountPoint(innerMountPoint(lv.fs?.mountPoint ?? '/'))}\t${lvDir(ctx.paths, vg, lv)}`)
    .join('\n');
  const child = spawn(path.resolve(script), [], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: `${ctx.paths.bin}${path.delimiter}${process.env['PATH'] ?? ''}`,
      ALT_INST_ROOT: root,
      ALT_INST_MOUNTS: mounts,
      AIXSIM_HOST: ctx.paths.root,
    },
  });
  child.stdout.on('data', (d: Buffer) => ctx.out.write(d.toString()));
  child.stderr.on('data', (d: Buffer) => ctx.err.write(d.toString()));
  const status = await new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(127));
    child.on('close', (code) => resolve(code));
    const poll = setInterval(() => {
      try {
        rt.check();
      } catch {
        child.kill('SIGTERM');
      }
    }, 20);
    child.on('close', () => clearInterval(poll));
    child.on('error', () => clearInterval(poll));
  });
  rt.check();
  if (status !== 0) {
    rt.error(errors.scriptFailed(script, status));
    throw new Fatal(1);
  }
}

import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Hook__Output } from '../../shared/generated/altdisk/v1/Hook';
import { NotFoundError } from '../../shared/errors';
import { syncDirectory, writeFileAtomic } from '../fs/atomic-write';
import { readOwnFile, readOwnJson } from '../fs/own-files';

/** What is kept of a hook besides its script. */
export interface HookMeta {
  name: string;
  order: number;
  timeoutSeconds: number;
  description: string;
  required: boolean;
  sha256: string;
  sizeBytes: number;
  registeredAt: string;
}

/** A hook as it is on the host now: what hook.json says, its script, and whether they agree. */
export interface StoredHook extends HookMeta {
  content: Buffer;
  /**
   * Why the hook must not run as it is ('' when it may): its script no longer has the
   * sha256 recorded when it was registered, so someone changed it outside the agent.
   */
  problem: string;
}

/**
 * The hooks, in STATE_DIR/hooks/NAME/{hook.json,script}, directories 0700 and the
 * script 0700. A hook is written into a fresh directory and renamed into place, so
 * a crash leaves either the old hook or the new one, never half of one.
 */
export class HookRegistry {
  private readonly dir: string;

  constructor(stateDir: string) {
    this.dir = path.join(stateDir, 'hooks');
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /**
   * Finishes what a crash left half done, said in one line each: a replacement killed
   * between its two renames gets the old hook back (never neither), and the staging or
   * doomed directories of an interrupted add or remove are removed.
   */
  recover(): string[] {
    const done: string[] = [];
    for (const entry of fs.readdirSync(this.dir).filter((n) => n.startsWith('.'))) {
      const at = path.join(this.dir, entry);
      const replaced = /^\.(.+)\.[A-Za-z0-9]{6}\.old$/.exec(entry)?.[1];
      if (replaced !== undefined && !fs.existsSync(path.join(this.dir, replaced))) {
        fs.renameSync(at, path.join(this.dir, replaced));
        done.push(`hook ${replaced}: a replacement was cut short; the hook as it was before is back`);
        continue;
      }
      fs.rmSync(at, { recursive: true, force: true });
      done.push(`removed ${entry}, left by an add, replacement or removal that was cut short`);
    }
    if (done.length > 0) syncDirectory(this.dir);
    return done;
  }

  /** What hook.json says of every hook, without reading the scripts (for counting them). */
  metas(): HookMeta[] {
    return fs
      .readdirSync(this.dir)
      .filter((name) => !name.startsWith('.'))
      .map((name) => readOwnJson<HookMeta>(path.join(this.dir, name, 'hook.json')))
      .filter((m): m is HookMeta => m !== undefined);
  }

  /** Every hook, in run order, each script read and hashed again (hook.json is not taken on trust). */
  all(): StoredHook[] {
    return fs
      .readdirSync(this.dir)
      .filter((name) => !name.startsWith('.'))
      .map((name) => this.find(name))
      .filter((h): h is StoredHook => h !== undefined)
      .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  }

  find(name: string): StoredHook | undefined {
    const meta = readOwnJson<HookMeta>(path.join(this.dir, name, 'hook.json'));
    if (!meta) return undefined;
    const content = readOwnFile(path.join(this.dir, name, 'script'));
    const actual = sha256(content);
    const problem =
      actual === meta.sha256
        ? ''
        : `its script on the host has changed since it was registered (sha256 now ${actual.slice(0, 12)}, registered ${meta.sha256.slice(0, 12)})`;
    return { ...meta, content, problem };
  }

  get(name: string): StoredHook {
    const hook = this.find(name);
    if (!hook) throw noSuchHook(name);
    return hook;
  }

  put(meta: Omit<HookMeta, 'sha256' | 'sizeBytes' | 'registeredAt'>, content: Buffer): HookMeta {
    const full: HookMeta = {
      ...meta,
      sha256: sha256(content),
      sizeBytes: content.length,
      registeredAt: new Date().toISOString(),
    };
    const staging = fs.mkdtempSync(path.join(this.dir, `.${meta.name}.`));
    fs.chmodSync(staging, 0o700);
    writeFileAtomic(path.join(staging, 'script'), content, 0o700);
    writeFileAtomic(path.join(staging, 'hook.json'), JSON.stringify(full, null, 1), 0o600);
    const target = path.join(this.dir, meta.name);
    const old = fs.existsSync(target) ? `${staging}.old` : undefined;
    if (old) fs.renameSync(target, old);
    fs.renameSync(staging, target);
    if (old) fs.rmSync(old, { recursive: true, force: true });
    syncDirectory(this.dir);
    return full;
  }

  remove(name: string): HookMeta {
    const hook = readOwnJson<HookMeta>(path.join(this.dir, name, 'hook.json')); // its script is not needed
    if (!hook) throw noSuchHook(name);
    const doomed = path.join(this.dir, `.${name}.${randomBytes(4).toString('hex')}.removed`);
    fs.renameSync(path.join(this.dir, name), doomed);
    syncDirectory(this.dir);
    fs.rmSync(doomed, { recursive: true, force: true });
    return hook;
  }
}

function noSuchHook(name: string): NotFoundError {
  return new NotFoundError(`there is no hook ${name} on this host; list them with \`altctl firstboot list HOST\``);
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export function toHookMessage(hook: HookMeta & { problem?: string }, inCurrentClone: boolean): Hook__Output {
  const { name, order, timeoutSeconds, description, required, sha256: sum, sizeBytes, registeredAt } = hook;
  return {
    name,
    order,
    timeoutSeconds,
    description,
    required,
    sha256: sum,
    sizeBytes,
    registeredAt,
    inCurrentClone,
    problem: hook.problem ?? '',
  };
}

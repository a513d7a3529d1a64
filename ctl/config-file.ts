import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from './errors';

/** altctl's config file, `$XDG_CONFIG_HOME/altdisk/altctl.json`: read and checked here only. */

/** What the config file may hold. */
export interface FileSettings {
  host?: string;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
}

const FILE_KEYS: readonly (keyof FileSettings)[] = ['host', 'tlsCa', 'tlsCert', 'tlsKey'];

/** `$XDG_CONFIG_HOME/altdisk/altctl.json`, by default `~/.config/altdisk/altctl.json`. */
export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CONFIG_HOME'] || path.join(env['HOME'] || os.homedir(), '.config');
  return path.join(base, 'altdisk', 'altctl.json');
}

/** The config file's settings (none when it does not exist), and its path for messages. */
export function readConfigFile(env: NodeJS.ProcessEnv = process.env): { file: string; settings: FileSettings } {
  const file = configFilePath(env);
  return { file, settings: readFile(file) };
}

function readFile(file: string): FileSettings {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UsageError(`cannot read the config file ${file}: ${(err as Error).message}`, { field: 'config' });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`the config file ${file} is not valid JSON: ${(err as Error).message}`, { field: 'config' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(
      `the config file ${file} must hold a JSON object such as {"host": "host1", "tlsCa": "ca.pem"}`,
      { field: 'config' },
    );
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (!(FILE_KEYS as readonly string[]).includes(key)) {
      throw new UsageError(
        `the config file ${file} has an unknown setting "${key}"; known settings are ${FILE_KEYS.join(', ')}`,
        { field: 'config' },
      );
    }
    if (typeof value !== 'string')
      throw new UsageError(`"${key}" in the config file ${file} must be a string`, { field: 'config' });
  }
  return parsed as FileSettings;
}

import { AixsimError } from '../errors';
import type { Settings } from '../state/model';
import { hostPaths } from '../state/paths';
import { settingsOf, DEFAULT_SETTINGS } from '../state/settings';
import { mutateState } from '../state/store';

/** aixsim tune DIR: change how fast the host works; returns the settings now in force. */
export function tuneHost(dir: string, changes: Partial<Settings>, reset = false): Settings {
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const min = key === 'copyRateMbPerSec' ? 0.001 : 0;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
      throw new AixsimError(`${key} ${String(value)}: give a number of at least ${min}`);
    }
  }
  return mutateState(hostPaths(dir), (s) => {
    const next: Partial<Settings> = reset ? {} : { ...(s.settings ?? {}) };
    for (const [key, value] of Object.entries(changes))
      if (value !== undefined) (next as Record<string, number>)[key] = value;
    s.settings = next;
    return settingsOf(s);
  });
}

export { DEFAULT_SETTINGS };

import type { HostState, Settings } from './model';

/**
 * Defaults of `aixsim tune`. A default clone of the default host (about 2.4 GB with the
 * OS content counted in FileSystem.base) takes about 3 s: 2.4 s of copy at 1000 MB/s
 * plus ~25 step lines at 30 ms. Tests slow the copy down to cancel or kill it mid-way.
 */
export const DEFAULT_SETTINGS: Readonly<Settings> = { copyRateMbPerSec: 1000, stepDelayMs: 30, filesPerSec: 0 };

export function settingsOf(state: HostState): Settings {
  return { ...DEFAULT_SETTINGS, ...(state.settings ?? {}) };
}

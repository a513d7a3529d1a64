import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '../agent/logger';

/**
 * Off AIX, with no commands directory configured, the agent runs against the
 * bundled emulator: a host made once in STATE_DIR/aixsim and reused afterwards.
 * The agent calls this (its commandsFallback) only off AIX, and the emulator is
 * loaded only here, so on AIX its code is never touched.
 */
export async function ensureEmulatedHost(stateDir: string, logger: Logger): Promise<string> {
  const hostDir = path.join(stateDir, 'aixsim');
  const binDir = path.join(hostDir, 'bin');
  if (fs.existsSync(path.join(hostDir, 'state.json'))) {
    logger.info('not running on AIX: using the emulated host made earlier', {
      platform: process.platform,
      hostDir,
      commandsDir: binDir,
    });
    return binDir;
  }

  const { initHost } = require('../aixsim/init') as typeof import('../aixsim/init');
  await initHost(hostDir, {});
  logger.info('not running on AIX: created an emulated host (aixsim) and using its commands', {
    platform: process.platform,
    hostDir,
    commandsDir: binDir,
  });
  return binDir;
}

#!/usr/bin/env node
// The altdiskd executable: the agent, with the bundled emulator as its commands off AIX.
// Only this composition root knows both agent/ and aixsim/; the emulator's code is loaded
// (lazily, by ensureEmulatedHost) only when the agent asks for it, which it never does on AIX.
import { runAltdiskd } from '../agent/cli';
import { ensureEmulatedHost } from './emulated-host';

runAltdiskd(process.argv.slice(2), { commandsFallback: ensureEmulatedHost });

import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';
import { repoRoot } from '../support/repo';

/**
 * The layers of ARCHITECTURE.md are enforced by the lint rules in eslint.config.mjs; these
 * lint small files placed in each folder to show a crossing fails and an allowed import passes.
 */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repoRoot() });
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot()}/${file}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('layers', () => {
  const crossings: Array<[string, string]> = [
    ['agent/services/probe.ts', "import { initHost } from '../../aixsim/init';\nvoid initHost;\n"],
    ['agent/probe.ts', "import type { Output } from '../ctl/output/writer';\nexport type T = Output;\n"],
    ['agent/probe.ts', "export const m = require('../aixsim/init') as typeof import('../aixsim/init');\n"],
    ['agent/probe.ts', "export const m = import('../aixsim/init');\n"],
    ['ctl/commands/probe.ts', "import { startAgent } from '../../agent/agent';\nvoid startAgent;\n"],
    ['shared/probe.ts', "import { EXIT } from '../ctl/exit-codes';\nvoid EXIT;\n"],
    ['aixsim/commands/probe.ts', "import { LIMITS } from '../../shared/limits';\nvoid LIMITS;\n"],
  ];
  for (const [file, code] of crossings) {
    const first = code.split('\n')[0];
    test(`refuses ${first} in ${file}`, async () => {
      const errors = await layerErrors(file, code);
      assert.ok(errors.length > 0, `no layer error for ${file}`);
      assert.match(errors[0] ?? '', /must not depend on/);
    });
  }

  const allowed: Array<[string, string]> = [
    ['agent/probe.ts', "import { InvalidArgumentError } from '../shared/errors';\nvoid InvalidArgumentError;\n"],
    ['ctl/probe.ts', "import type { Endpoint } from '../shared/endpoint';\nexport type T = Endpoint;\n"],
    ['aixsim/commands/probe.ts', "import { UsageError } from '../errors';\nvoid UsageError;\n"],
    ['test/unit/probe.ts', "import { initHost } from '../../aixsim/init';\nvoid initHost;\n"],
  ];
  for (const [file, code] of allowed) {
    const first = code.split('\n')[0];
    test(`allows ${first} in ${file}`, async () => {
      assert.deepEqual(await layerErrors(file, code), []);
    });
  }
});

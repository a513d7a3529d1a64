import * as fs from 'node:fs';
import { defineCommand } from '../../command';
import { UsageError } from '../../errors';
import { MAX_HOOK_BYTES } from '../../../shared/limits';
import { numberOption } from '../../number-options';

export const addCommand = defineCommand({
  command: 'add',
  describe:
    'Register a hook from a local script (at most 64 KiB, starting with #!): altctl firstboot add HOST NAME FILE',
  positionals: {
    names: ['NAME', 'FILE'],
    describe: 'HOST NAME FILE',
    example: 'altctl firstboot add host1 ntp ./ntp.sh',
  },
  builder: (y) =>
    y
      .option('order', {
        type: 'string',
        requiresArg: true,
        coerce: numberOption('order', { min: 1, max: 9999, whole: true, what: 'run order' }),
        describe: 'Run order, ascending (default 100)',
      })
      .option('hook-timeout', {
        type: 'string',
        requiresArg: true,
        coerce: numberOption('hook-timeout', { min: 1, max: 3600, whole: true, what: 'seconds' }),
        describe: 'Seconds the hook may run, 1-3600 (default 300); --timeout is the wait for the agent',
      })
      .option('description', { type: 'string', describe: 'What the hook is for, one line' })
      .option('required', { type: 'boolean', default: false, describe: 'If it fails, skip the hooks after it' })
      .option('replace', {
        type: 'boolean',
        default: false,
        describe: 'Replace a registered hook of that name that differs',
      })
      .example('$0 firstboot add host1 ntp ./ntp.sh --order 10 --required', ''),
  run: async ({ args, words: { NAME: name, FILE: file }, out, query }) => {
    const content = readHook(file);
    const { response, type } = await query('firstboot', 'addHook', {
      name,
      content,
      order: args.order ?? 0,
      timeoutSeconds: args.hookTimeout ?? 0,
      description: args.description ?? '',
      required: args.required,
      replace: args.replace,
    });
    out.message(type, response);
    const hook = response.hook;
    out.text(
      response.changed
        ? `hook ${name} registered (sha256 ${hook?.sha256 ?? '-'}, ${hook?.sizeBytes ?? content.length} bytes)\n`
        : `hook ${name} already registered as given; nothing changed\n`,
    );
  },
});

/** The local script, refused here when the agent would refuse it for its size. */
export function readHook(file: string): Buffer {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (err) {
    throw new UsageError(`FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, {
      field: 'FILE',
    });
  }
  if (size > MAX_HOOK_BYTES) {
    throw new UsageError(
      `FILE: ${file} is ${size} bytes, more than the 64 KiB (${MAX_HOOK_BYTES} bytes) a hook may be`,
      { field: 'FILE' },
    );
  }
  return fs.readFileSync(file);
}

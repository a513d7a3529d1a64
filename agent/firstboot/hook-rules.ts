import { InvalidArgumentError } from '../../shared/errors';
import { truncate } from '../../shared/names';
import { MAX_HOOK_BYTES } from '../../shared/limits';

/** Hook names become directory names: no slashes, no dots first, nothing a shell or path would read twice. */
const HOOK_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const DEFAULT_ORDER = 100;
export const DEFAULT_TIMEOUT_SECONDS = 300;
const MAX_TIMEOUT_SECONDS = 3600;
const MAX_ORDER = 9999;
const MAX_DESCRIPTION = 200;

/** The name the runner gives a clone's own -x script, run before the registered hooks. */
export const USER_X_SCRIPT_HOOK = 'alt-disk-copy-x';

export function checkHookName(value: string): string {
  if (!HOOK_NAME.test(value)) {
    throw new InvalidArgumentError(
      'name',
      `${JSON.stringify(truncate(value))} is not a hook name`,
      'use 1-64 of lower-case letters, digits, ".", "_" or "-", starting with a letter or digit, e.g. reregister-monitoring',
    );
  }
  if (value === USER_X_SCRIPT_HOOK) {
    throw new InvalidArgumentError(
      'name',
      `${value} is the name results give a clone's own -x script`,
      'choose another name',
    );
  }
  return value;
}

export function checkHookContent(content: Buffer): Buffer {
  if (content.length === 0) throw new InvalidArgumentError('content', 'is empty', 'send the script to run');
  if (content.length > MAX_HOOK_BYTES) {
    throw new InvalidArgumentError(
      'content',
      `is ${content.length} bytes`,
      `a hook may hold at most ${MAX_HOOK_BYTES} bytes; have it call a larger script that is on the host`,
    );
  }
  if (content[0] !== 0x23 || content[1] !== 0x21) {
    throw new InvalidArgumentError(
      'content',
      'does not start with "#!"',
      'a hook is run as an executable: begin it with an interpreter line such as #!/usr/bin/ksh',
    );
  }
  return content;
}

export function checkOrder(value: number): number {
  if (value === 0) return DEFAULT_ORDER;
  if (!Number.isInteger(value) || value > MAX_ORDER)
    throw new InvalidArgumentError(
      'order',
      `${value} is out of range`,
      `use 1-${MAX_ORDER} (0 means ${DEFAULT_ORDER})`,
    );
  return value;
}

export function checkTimeout(value: number): number {
  if (value === 0) return DEFAULT_TIMEOUT_SECONDS;
  if (!Number.isInteger(value) || value > MAX_TIMEOUT_SECONDS) {
    throw new InvalidArgumentError(
      'timeout_seconds',
      `${value} is out of range`,
      `use 1-${MAX_TIMEOUT_SECONDS} seconds (0 means ${DEFAULT_TIMEOUT_SECONDS})`,
    );
  }
  return value;
}

export function checkDescription(value: string): string {
  if (value.length > MAX_DESCRIPTION)
    throw new InvalidArgumentError('description', `is ${value.length} characters`, `keep it to ${MAX_DESCRIPTION}`);
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw new InvalidArgumentError(
      'description',
      'holds control characters or a newline',
      'use one line of plain text',
    );
  return value;
}

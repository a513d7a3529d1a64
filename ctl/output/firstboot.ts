import type { GetHookResponse__Output } from '../../shared/generated/altdisk/v1/GetHookResponse';
import type { GetResultsResponse__Output } from '../../shared/generated/altdisk/v1/GetResultsResponse';
import type { Hook__Output } from '../../shared/generated/altdisk/v1/Hook';
import type { ListHooksResponse__Output } from '../../shared/generated/altdisk/v1/ListHooksResponse';
import { EXIT, type ExitCode } from '../exit-codes';
import { shortEnum } from './enums';
import { formatDuration, oneLine } from './job';
import { renderFields, renderTable } from './table';

/** What the agent accepts as AddHookRequest.content (firstboot.proto). */

export const NO_FIRST_BOOT = 'no first boot with hooks has happened on this host';

/** `altctl firstboot list`: the hooks in the order they run, then what only the clone carries. */
export function renderHookList(response: ListHooksResponse__Output): string {
  let text =
    response.hooks.length === 0
      ? 'no first-boot hooks are registered on this host\n'
      : renderTable(
          ['NAME', 'ORDER', 'TIMEOUT', 'REQUIRED', 'SIZE', 'SHA256', 'IN_CLONE', 'DESCRIPTION'],
          response.hooks.map((h) => [
            h.name,
            h.order,
            `${h.timeoutSeconds}s`,
            h.required ? 'yes' : 'no',
            h.sizeBytes,
            h.sha256.slice(0, 12) || '-',
            h.inCurrentClone ? 'yes' : 'no',
            oneLine(h.description) || '-',
          ]),
        );
  if (response.cloneOnly.length > 0) text += `the current clone also carries: ${response.cloneOnly.join(', ')}\n`;
  for (const h of response.hooks.filter((hook) => hook.problem !== '')) {
    text += `hook ${h.name} cannot run: ${h.problem}; clones are refused until it is added again with --replace or removed\n`;
  }
  return text;
}

/** `altctl firstboot show`: the hook's fields, then its content. */
export function renderHook(response: GetHookResponse__Output): string {
  const h: Hook__Output | null = response.hook;
  let text = '';
  if (h) {
    text += renderFields([
      ['Name', h.name],
      ['Order', h.order],
      ['Timeout', `${h.timeoutSeconds}s`],
      ['Required', h.required ? 'yes' : 'no'],
      ['Description', oneLine(h.description) || '-'],
      ['SHA-256', h.sha256 || '-'],
      ['Size', `${h.sizeBytes} bytes`],
      ['Registered', h.registeredAt || '-'],
      ['In current clone', h.inCurrentClone ? 'yes' : 'no'],
      ...(h.problem !== '' ? [['Problem', h.problem] as const] : []),
    ]);
  }
  const content = Buffer.from(response.content ?? Buffer.alloc(0)).toString('utf8');
  if (response.contentWithheld)
    text += '\n(the script is not shown: your role may not read hook scripts, which needs execute)\n';
  else if (content) text += `\n${content.endsWith('\n') ? content : `${content}\n`}`;
  return text;
}

/**
 * `altctl firstboot results`: a summary line, then one block per hook: name, status,
 * exit status and duration, and the end of its output indented under it.
 */
export function renderResults(response: GetResultsResponse__Output): string {
  if (!response.found) return `${NO_FIRST_BOOT}\n`;
  const lines = [
    `First boot of job ${response.jobId || '-'} at ${response.ranAt || '-'}: ${response.passed} passed, ${response.failed} failed, ${response.timedOut} timed out, ${response.notRun} not run`,
  ];
  for (const h of response.hooks) {
    const exit = h.exitCode >= 0 ? `exit ${h.exitCode}` : 'exit -';
    lines.push(
      '',
      `${h.name}  ${shortEnum('HookStatus', h.status)}  ${exit}  ${formatDuration(Number(h.durationMs) / 1000)}`,
    );
    for (const line of tailLines(h.outputTail)) lines.push(`    ${line}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Exit status of `firstboot results`: 0 when every hook passed (or none ran yet), else 1. */
export function resultsExitCode(response: GetResultsResponse__Output): ExitCode {
  if (!response.found) return EXIT.OK;
  const allPassed = response.hooks.every((h) => h.status === 'HOOK_STATUS_PASSED');
  return allPassed && response.failed === 0 && response.timedOut === 0 && response.notRun === 0 ? EXIT.OK : EXIT.FAILED;
}

/** The output tail as lines, without control characters that could move the cursor. */
function tailLines(tail: string): string[] {
  const text = tail.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  if (!text) return [];
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return text.split('\n').map((l) => l.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]+/g, ' ').trimEnd());
}

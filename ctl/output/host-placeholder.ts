/**
 * The agent cannot know how a caller reaches it, so its advice says HOST
 * ("reboot with: altctl reboot HOST --yes"). altctl knows: its output, human and
 * JSON alike, names the host it was given, so the advice can be run as it is.
 */
let displayHost: string | undefined;

export function setDisplayHost(host: string | undefined): void {
  displayHost = host;
}

export function fillHost(text: string): string {
  return displayHost ? text.replace(/\bHOST\b/g, displayHost) : text;
}

/**
 * The fields of the contract that carry the agent's words (advice, outcomes, refusals).
 * Others are left as they are: a hook's script, a description or a line of command
 * output may say HOST for reasons of their own.
 */
const ADVICE_FIELDS: ReadonlySet<string> = new Set([
  'message',
  'remedy',
  'summary',
  'nextStep',
  'leftover',
  'warnings',
  'agentProblems',
  'problem',
]);

/** A JSON document (as rendered for --json) with HOST filled in wherever the agent advises. */
export function fillHostInDocument<T>(doc: T): T {
  if (!displayHost) return doc;
  return fill(doc, false) as T;
}

function fill(value: unknown, advice: boolean): unknown {
  if (typeof value === 'string') return advice ? fillHost(value) : value;
  if (Array.isArray(value)) return value.map((v) => fill(v, advice));
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  const record = value as Record<string, unknown>;
  // an event's text is the agent's for every type but a line the command printed
  const eventText = typeof record['type'] === 'string' && record['type'] !== 'output';
  return Object.fromEntries(
    Object.entries(record).map(([key, v]) => [key, fill(v, ADVICE_FIELDS.has(key) || (key === 'text' && eventText))]),
  );
}

import type { StoredHook } from './hook-registry';

/** The settings an add asks for, checked (defaults filled in). */
export interface WantedHook {
  order: number;
  timeoutSeconds: number;
  description: string;
  required: boolean;
  sha256: string;
}

/**
 * What differs between a registered hook and an add of the same name, one phrase per
 * setting, the registered value first: `order 10 -> 100 (--order)`. The flag is altctl's,
 * since that is where people add hooks; the contract field has the same meaning.
 */
export function hookDifferences(existing: StoredHook, wanted: WantedHook): string[] {
  const found: string[] = [];
  if (existing.problem !== '') found.push(`its script on the host was changed outside the agent (${existing.problem})`);
  else if (existing.sha256 !== wanted.sha256)
    found.push(`script sha256 ${existing.sha256.slice(0, 12)} -> ${wanted.sha256.slice(0, 12)} (FILE)`);
  if (existing.order !== wanted.order) found.push(`order ${existing.order} -> ${wanted.order} (--order)`);
  if (existing.timeoutSeconds !== wanted.timeoutSeconds)
    found.push(`timeout ${existing.timeoutSeconds}s -> ${wanted.timeoutSeconds}s (--hook-timeout)`);
  if (existing.description !== wanted.description)
    found.push(
      `description ${JSON.stringify(existing.description)} -> ${JSON.stringify(wanted.description)} (--description)`,
    );
  if (existing.required !== wanted.required)
    found.push(`required ${yesNo(existing.required)} -> ${yesNo(wanted.required)} (--required)`);
  return found;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

import type { Finding__Output } from '../../shared/generated/altdisk/v1/Finding';
import { fileFindings } from './checks-files';
import { hostFindings } from './checks-host';
import { requestFindings } from './checks-request';
import { targetFindings } from './checks-targets';
import { bySeverity } from './findings';
import type { HostFacts } from './host-facts';
import type { NormalizedSpec } from './spec';

/**
 * Every finding for a clone request on a host: errors first, then warnings, then notes.
 * Pure: the facts were gathered before, so the same facts always give the same answer
 * and each rule can be tested with facts written by hand. Any error means the clone
 * must not start; nothing on the host has been touched by then.
 */
export function preflight(spec: NormalizedSpec, facts: HostFacts): Finding__Output[] {
  return bySeverity([
    ...requestFindings(spec),
    ...targetFindings(spec, facts),
    ...hostFindings(spec, facts),
    ...fileFindings(spec, facts),
  ]);
}

/** Whether StartClone would start: no finding is an error. */
export function isReady(findings: readonly Finding__Output[]): boolean {
  return findings.every((f) => f.severity !== 'SEVERITY_ERROR');
}

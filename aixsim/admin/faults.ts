import { AixsimError } from '../errors';
import { COMMAND_NAMES } from '../commands/registry';
import { isFaultKind, FAULT_KINDS } from '../state/faults';
import type { Fault } from '../state/model';
import { hostPaths } from '../state/paths';
import { findDisk, findVg } from '../state/queries';
import { mutateState, readState } from '../state/store';

/** aixsim fault DIR add|list|clear (see state/faults.ts for what each kind does). */
export interface FaultSpec {
  kind: string;
  disk?: string;
  afterPercent?: number;
  sizeMb?: number;
  command?: string;
  ms?: number;
  vg?: string;
}

export function addFault(dir: string, spec: FaultSpec, now: Date = new Date()): Fault {
  const kind = spec.kind;
  if (!isFaultKind(kind)) throw new AixsimError(`unknown fault ${kind}; the kinds are ${FAULT_KINDS.join(', ')}`);
  return mutateState(hostPaths(dir), (s) => {
    const fault: Fault = {
      id: `f${s.faults.reduce((n, f) => Math.max(n, Number(f.id.slice(1)) || 0), 0) + 1}`,
      kind,
      createdAt: now.toISOString(),
    };
    const params: Record<string, number> = {};
    if (kind === 'disk-error' || kind === 'target-too-small' || kind === 'disk-unreadable') {
      if (spec.disk === undefined) throw new AixsimError(`${kind} needs --disk hdiskN`);
      if (!findDisk(s, spec.disk)) throw new AixsimError(`--disk ${spec.disk}: no such disk on this host`);
      fault.target = spec.disk;
    }
    if (kind === 'disk-error') {
      const p = spec.afterPercent ?? 50;
      if (!(p >= 0 && p <= 100)) throw new AixsimError(`--after-percent ${p}: give 0 to 100`);
      params['afterPercent'] = p;
    }
    if (kind === 'target-too-small' && spec.sizeMb !== undefined) {
      if (!(spec.sizeMb > 0)) throw new AixsimError(`--size-mb ${spec.sizeMb}: give a positive size`);
      params['sizeMb'] = spec.sizeMb;
    }
    if (kind === 'hang' || kind === 'slow') {
      if (spec.command === undefined || !(COMMAND_NAMES as readonly string[]).includes(spec.command)) {
        throw new AixsimError(`${kind} needs --command NAME, one of ${COMMAND_NAMES.join(', ')}`);
      }
      fault.target = spec.command;
    }
    if (kind === 'vg-locked') {
      if (spec.vg === undefined) throw new AixsimError('vg-locked needs --vg VG');
      if (!findVg(s, spec.vg)) throw new AixsimError(`--vg ${spec.vg}: no such volume group on this host`);
      fault.target = spec.vg;
    }
    if (kind === 'slow') {
      const ms = spec.ms ?? 1000;
      if (!(Number.isInteger(ms) && ms >= 0 && ms <= 600_000)) throw new AixsimError(`--ms ${ms}: give 0 to 600000`);
      params['ms'] = ms;
    }
    if (Object.keys(params).length > 0) fault.params = params;
    s.faults.push(fault);
    return fault;
  });
}

export function listFaults(dir: string): Fault[] {
  return readState(hostPaths(dir)).faults;
}

/** Removes one fault by id, or all of them; returns how many went. */
export function clearFaults(dir: string, id?: string): number {
  return mutateState(hostPaths(dir), (s) => {
    const before = s.faults.length;
    s.faults = id === undefined ? [] : s.faults.filter((f) => f.id !== id);
    if (id !== undefined && s.faults.length === before)
      throw new AixsimError(`no fault ${id}; see aixsim fault DIR list`);
    return before - s.faults.length;
  });
}

export function describeFault(f: Fault): string {
  const params = Object.entries(f.params ?? {})
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return [f.id, f.kind, f.target ?? '-', params].filter((x) => x !== '').join('\t');
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { openOwnFileForAppend } from '../fs/own-files';

/** attempt: allowed, written before the handler acts; outcome: how it ended; refused: not allowed. */
export type AuditStage = 'attempt' | 'outcome' | 'refused';

export interface AuditEntry {
  time: string;
  stage: AuditStage;
  /** Pairs an attempt with its outcome. */
  callId?: string;
  peer: string;
  identity: string;
  role: string;
  rpc: string;
  /** The request, summarised: no script contents, no file contents, long strings cut. */
  args: unknown;
  /** The gRPC status name; absent on an attempt. */
  outcome?: string;
  message?: string;
}

/**
 * The audit trail, in its own file apart from the operational log: for each mutating
 * call an attempt line before it acts and an outcome line before the answer goes out,
 * or one refused line; each appended and fsynced.
 */
export class AuditLog {
  private readonly fd: number;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    this.fd = openOwnFileForAppend(file);
  }

  record(entry: AuditEntry): void {
    fs.writeFileSync(this.fd, `${JSON.stringify(entry)}\n`); // all of it, unlike one writeSync
    fs.fsyncSync(this.fd);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

const MAX_STRING = 200;

/** Bytes become their length; strings are cut; hook and file contents never appear. */
export function summarizeArgs(value: unknown, depth = 0): unknown {
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (typeof value === 'string')
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}...(${value.length} chars)` : value;
  if (depth > 6) return '<nested>';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => summarizeArgs(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      out[key] = key === 'content' ? `<${(v as { length?: number }).length ?? 0} bytes>` : summarizeArgs(v, depth + 1);
    }
    return out;
  }
  return value;
}

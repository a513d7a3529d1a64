import { loadContract } from '../../shared/proto/contract';
import { renderMessage } from '../../shared/proto/render-json';

/**
 * Bytes fields (FileSource.content inside a job's spec) arrive as Buffers, which
 * JSON.stringify would spell {"type":"Buffer","data":[...]}. proto3's JSON mapping says
 * base64, and that is what scripts get.
 */
export function jsonSafe(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}

/** One JSON document on one line, for streams of documents (JSON Lines). */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(jsonSafe(value))}\n`;
}

/** A message of the contract as altctl's JSON (camelCase, short enums, bytes in base64). */
export function renderType(typeName: string, value: unknown): Record<string, unknown> {
  return jsonSafe(renderMessage(loadContract().root.lookupType(`altdisk.v1.${typeName}`), value)) as Record<string, unknown>;
}

import { loadContract } from '../../shared/proto/contract';
import { renderMessage } from '../../shared/proto/render-json';
import { fillHostInDocument } from './host-placeholder';

/** One JSON document on one line, for streams of documents (JSON Lines). */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/**
 * A message of the contract as altctl's JSON (camelCase, short enums, bytes in base64 as
 * proto3 JSON says), the agent's HOST placeholder filled in with the host altctl was given.
 */
export function renderType(typeName: string, value: unknown): Record<string, unknown> {
  return fillHostInDocument(renderMessage(loadContract().root.lookupType(`altdisk.v1.${typeName}`), value));
}

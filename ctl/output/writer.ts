import { withHost } from './host-placeholder';
import { loadContract } from '../../shared/proto/contract';
import { renderMessage } from '../../shared/proto/render-json';
import { jsonSafe } from './json';

/** Where a command's result goes: a human rendering, or one JSON document. */
export interface Output {
  readonly json: boolean;
  /** Writes a human rendering, unless --json. */
  text(rendered: string): void;
  /** Writes a response as JSON (with --json): the contract's fields, enums shortened. */
  message(typeName: string, value: unknown, pick?: (doc: Record<string, unknown>) => Record<string, unknown>): void;
}

export function createOutput(json: boolean, stdout: NodeJS.WritableStream = process.stdout): Output {
  return {
    json,
    text(rendered) {
      if (!json) stdout.write(withHost(rendered));
    },
    message(typeName, value, pick) {
      if (!json) return;
      const type = loadContract().root.lookupType(`altdisk.v1.${typeName}`);
      const doc = renderMessage(type, value);
      stdout.write(`${JSON.stringify(jsonSafe(pick ? pick(doc) : doc), null, 2)}\n`);
    },
  };
}

import { renderType } from './json';

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
      // as given: hook scripts and command output may say HOST themselves; agent advice is
      // filled in where it is rendered (output/host-placeholder.ts)
      if (!json) stdout.write(rendered);
    },
    message(typeName, value, pick) {
      if (!json) return;
      const doc = renderType(typeName, value);
      stdout.write(`${JSON.stringify(pick ? pick(doc) : doc, null, 2)}\n`);
    },
  };
}

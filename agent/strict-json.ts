import * as jsonc from 'jsonc-parser';

/** What is wrong with a JSON text, and where: "line 3, column 14: a value was expected". */
export class JsonProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonProblem';
  }
}

/**
 * JSON.parse, and more strictly: an error says the line and column (V8's messages often
 * give no position), and a key given twice in one object is refused rather than the last
 * one silently winning ("CN=alice": "viewer" ... "CN=alice": "admin").
 */
export function parseStrictJson(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new JsonProblem(firstErrorAt(text) ?? (err as Error).message);
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate)
    throw new JsonProblem(
      `${at(text, duplicate.offset)}: the key ${JSON.stringify(duplicate.name)} is given twice in one object`,
    );
  return parsed;
}

function firstErrorAt(text: string): string | undefined {
  const errors: jsonc.ParseError[] = [];
  jsonc.parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return undefined;
  return `${at(text, first.offset)}: ${PARSE_ERRORS[first.error] ?? jsonc.printParseErrorCode(first.error)}`;
}

function firstDuplicateKey(text: string): { name: string; offset: number } | undefined {
  const objects: Set<string>[] = [];
  let found: { name: string; offset: number } | undefined;
  jsonc.visit(text, {
    onObjectBegin: () => void objects.push(new Set()),
    onObjectEnd: () => void objects.pop(),
    onObjectProperty: (name, offset) => {
      const keys = objects.at(-1);
      if (keys?.has(name)) found ??= { name, offset };
      keys?.add(name);
    },
  });
  return found;
}

function at(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

const PARSE_ERRORS: Partial<Record<jsonc.ParseErrorCode, string>> = {
  [jsonc.ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [jsonc.ParseErrorCode.InvalidNumberFormat]: 'not a number',
  [jsonc.ParseErrorCode.PropertyNameExpected]: 'a property name in double quotes was expected (a trailing comma?)',
  [jsonc.ParseErrorCode.ValueExpected]: 'a value was expected (a trailing or doubled comma?)',
  [jsonc.ParseErrorCode.ColonExpected]: 'a colon was expected',
  [jsonc.ParseErrorCode.CommaExpected]: 'a comma was expected',
  [jsonc.ParseErrorCode.CloseBraceExpected]: 'a closing } was expected',
  [jsonc.ParseErrorCode.CloseBracketExpected]: 'a closing ] was expected',
  [jsonc.ParseErrorCode.EndOfFileExpected]: 'the file should end here',
  [jsonc.ParseErrorCode.InvalidCommentToken]: 'JSON has no comments',
  [jsonc.ParseErrorCode.UnexpectedEndOfComment]: 'JSON has no comments',
  [jsonc.ParseErrorCode.UnexpectedEndOfString]: 'the string is not closed',
  [jsonc.ParseErrorCode.InvalidEscapeCharacter]: 'an invalid escape in a string',
  [jsonc.ParseErrorCode.InvalidCharacter]: 'a control character in a string',
};

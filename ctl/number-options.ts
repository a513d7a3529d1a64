import { UsageError } from './errors';

/**
 * Numeric flags are declared as strings and read here: yargs turns `--limit abc` into
 * NaN, and the message could then only say "NaN". Each refusal names the flag, the value
 * given and what is accepted. Thrown from a yargs `coerce`, it reaches the fail handler.
 */
/** A flag given at most once, as text: `--vg a --vg b` is refused, naming the flag. */
export function single(flag: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    throw new UsageError(`--${flag} was given ${value.length} times; give it once`, { field: `--${flag}` });
  }
  return String(value);
}

export function numberOption(
  flag: string,
  range: { min: number; max: number; whole: boolean; what: string },
): (value: unknown) => number | undefined {
  return (value: unknown) => {
    const given = single(flag, value);
    if (given === undefined) return undefined;
    const text = given.trim();
    const number = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    const ok =
      Number.isFinite(number) &&
      (!range.whole || Number.isInteger(number)) &&
      number >= range.min &&
      number <= range.max;
    if (!ok) {
      throw new UsageError(
        `--${flag}: ${JSON.stringify(String(value))} is not ${range.whole ? 'a whole number' : 'a number'} of ${range.what} from ${range.min} to ${range.max}`,
        { field: `--${flag}` },
      );
    }
    return number;
  };
}

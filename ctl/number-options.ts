import { UsageError } from './errors';

/**
 * Numeric flags are declared as strings and read here: yargs turns `--limit abc` into
 * NaN, and the message could then only say "NaN". Each refusal names the flag, the value
 * given and what is accepted. Thrown from a yargs `coerce`, it reaches the fail handler.
 */
export function numberOption(flag: string, range: { min: number; max: number; whole: boolean; what: string }): (value: unknown) => number | undefined {
  return (value: unknown) => {
    if (value === undefined) return undefined;
    if (Array.isArray(value)) throw new UsageError(`--${flag} was given ${value.length} times; give it once`, { field: `--${flag}` });
    const text = String(value).trim();
    const number = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    const ok = Number.isFinite(number) && (!range.whole || Number.isInteger(number)) && number >= range.min && number <= range.max;
    if (!ok) {
      throw new UsageError(
        `--${flag}: ${JSON.stringify(String(value))} is not ${range.whole ? 'a whole number' : 'a number'} of ${range.what} from ${range.min} to ${range.max}`,
        { field: `--${flag}` },
      );
    }
    return number;
  };
}

/**
 * POSIX getopt(3) as AIX commands use it: flags may be grouped (-ad), an argument may
 * be attached (-mnormal) or separate (-m normal), parsing stops at the first operand or
 * at "--", and "-" alone is an operand. Nothing is permuted: `bootlist -m normal hdisk0 -o`
 * treats -o as a device name, exactly as AIX does.
 *
 * util.parseArgs permutes and has no attached-argument form for short options, so it
 * cannot reproduce these rules.
 */
export interface ParsedArgs {
  /** Flags in command-line order; value is set for flags that take an argument. */
  flags: Array<{ flag: string; value?: string }>;
  operands: string[];
}

export interface GetoptFailure {
  kind: 'unknown' | 'missing-argument';
  flag: string;
}

export type GetoptResult = { ok: true; args: ParsedArgs } | { ok: false; failure: GetoptFailure };

/** `spec` is getopt's optstring: letters, a colon after those that take an argument. */
export function getopt(argv: readonly string[], spec: string): GetoptResult {
  const flags: ParsedArgs['flags'] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j] as string;
      const at = c === ':' ? -1 : spec.indexOf(c);
      if (at < 0) return { ok: false, failure: { kind: 'unknown', flag: c } };
      if (spec[at + 1] !== ':') {
        flags.push({ flag: c });
        continue;
      }
      if (j + 1 < arg.length) {
        flags.push({ flag: c, value: arg.slice(j + 1) });
      } else if (i + 1 < argv.length) {
        flags.push({ flag: c, value: argv[++i] as string });
      } else {
        return { ok: false, failure: { kind: 'missing-argument', flag: c } };
      }
      break;
    }
  }
  return { ok: true, args: { flags, operands: argv.slice(i) } };
}

/** The message AIX's libc getopt prints to stderr (before the command's own usage). */
export function getoptMessage(command: string, failure: GetoptFailure): string {
  return failure.kind === 'unknown'
    ? `${command}: Not a recognized flag: ${failure.flag}\n`
    : `${command}: Flag requires a parameter: ${failure.flag}\n`;
}

/** The flags of a command line, as a command reads them. */
export interface FlagSet {
  /** Every flag in command-line order, with its value when it takes one. */
  readonly list: ParsedArgs['flags'];
  has(flag: string): boolean;
  /** The last value given to a flag. */
  value(flag: string): string | undefined;
  count(flag: string): number;
}

/** Convenience: which flags were given, and the last value of each. */
export function flagSet(args: ParsedArgs): FlagSet {
  return {
    list: args.flags,
    has: (f) => args.flags.some((x) => x.flag === f),
    value: (f) => {
      let v: string | undefined;
      for (const x of args.flags) if (x.flag === f) v = x.value;
      return v;
    },
    count: (f) => args.flags.filter((x) => x.flag === f).length,
  };
}

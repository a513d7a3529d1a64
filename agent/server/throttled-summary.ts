/** Counts by value, per dimension: { peers: { '10.0.0.7': 998 }, reasons: { ... } }. */
export type Tallies = Record<string, Record<string, number>>;

export interface ThrottledSummaryOptions {
  /** At most one line per this many milliseconds. */
  intervalMs: number;
  /** After a quiet spell, wait this long before the first line, so that a burst makes one line. */
  settleMs: number;
  /** Writes one line: the tallies since the last one, and how many seconds they cover. */
  write(tallies: Tallies, seconds: number): void;
}

/** Values shown per dimension; the rest are summed under "others". */
const SHOWN_VALUES = 10;
/** Distinct values counted per dimension between lines, so a flood from many addresses cannot grow memory. */
const COUNTED_VALUES = 1000;

/**
 * Turns a stream of events (a thousand refused connections) into a summary line now
 * and then, never a line per event: a flood must not flood the log as well.
 */
export class ThrottledSummary {
  private tallies = new Map<string, Map<string, number>>();
  private since = 0;
  private lastWrite = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ThrottledSummaryOptions) {}

  note(dimension: string, value: string): void {
    let counts = this.tallies.get(dimension);
    if (!counts) this.tallies.set(dimension, (counts = new Map()));
    const key = counts.has(value) || counts.size < COUNTED_VALUES ? value : 'others';
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (this.timer) return;
    const now = Date.now();
    if (this.since === 0) this.since = now;
    const due = Math.max(now + this.options.settleMs, this.lastWrite + this.options.intervalMs);
    this.timer = setTimeout(() => this.flush(), due - now);
    this.timer.unref();
  }

  /** Writes what is pending now (at shutdown) and stops the timer. */
  close(): void {
    this.flush();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.tallies.size === 0) return;
    const now = Date.now();
    const tallies: Tallies = {};
    for (const [dimension, counts] of this.tallies) tallies[dimension] = top(counts);
    const seconds = Math.max(1, Math.round((now - this.since) / 1000));
    this.tallies = new Map();
    this.since = 0;
    this.lastWrite = now;
    this.options.write(tallies, seconds);
  }
}

function top(counts: Map<string, number>): Record<string, number> {
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = Object.fromEntries(sorted.slice(0, SHOWN_VALUES));
  const rest = sorted.slice(SHOWN_VALUES).reduce((sum, [, n]) => sum + n, 0);
  if (rest > 0) shown['others'] = (shown['others'] ?? 0) + rest;
  return shown;
}

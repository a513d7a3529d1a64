/**
 * At most `size` tasks at once; the others wait, in order. A slot is handed straight to
 * the next waiter, so no newcomer slips in between and the count never exceeds `size`.
 * A waiter whose signal aborts leaves the queue without running: its caller stopped
 * waiting, and a queue of abandoned work would delay everyone behind it.
 */
export class RunSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(
    task: () => Promise<T>,
    signal?: AbortSignal,
    abandoned: () => Error = () => new Error('abandoned while waiting for a slot'),
  ): Promise<T> {
    if (this.running < this.size) this.running += 1;
    else await this.waitTurn(signal, abandoned);
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Resolves when a finishing task hands over its slot; rejects (holding no slot) if the signal aborts first. */
  private waitTurn(signal: AbortSignal | undefined, abandoned: () => Error): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const turn = (): void => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      const leave = (): void => {
        const at = this.waiting.indexOf(turn);
        if (at < 0) return; // the slot was handed over already: the task runs, and stops itself
        this.waiting.splice(at, 1);
        reject(abandoned());
      };
      this.waiting.push(turn);
      signal?.addEventListener('abort', leave, { once: true });
    });
  }

  /** Tasks waiting for a slot (for tests and logs). */
  get queued(): number {
    return this.waiting.length;
  }
}

/**
 * Serialises operations that change the host's boot state (bootlist, bosboot), so
 * two callers never interleave LVM or boot-record changes. Callers queue in order.
 */
export class OperationLock {
  private tail: Promise<unknown> = Promise.resolve();
  private holder: string | undefined;

  /** What holds the lock now, for messages; undefined when free. */
  get heldBy(): string | undefined {
    return this.holder;
  }

  run<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      this.holder = operation;
      try {
        return await fn();
      } finally {
        this.holder = undefined;
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * One bounded worker pool for the engine: a run's scenario reads (`ctx.all`), its cleanup phases and the
 * load generator's initial sync all start work in index order, at most `width` at a time.
 * @module
 */

/**
 * Runs `work(i)` for every i in [0, total), at most `width` at once (at least one); indexes start in order.
 * Once `stop()` answers true, no further index starts (those in flight finish).
 */
export async function eachBounded(
  total: number,
  width: number,
  work: (i: number) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < total && !stop()) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(Math.floor(width), total)) }, lane));
}

/** At most `size` holders at once (at least one); the others wait in arrival order. */
export class Permits {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = Math.max(1, Math.floor(size));
  }

  /** Runs `work` once a permit is free (`first`: ahead of those waiting), and frees it when `work` settles. */
  async with<T>(work: () => Promise<T>, first = false): Promise<T> {
    if (this.free > 0) this.free--;
    else
      await new Promise<void>((resolve) =>
        first ? this.waiting.unshift(resolve) : this.waiting.push(resolve),
      );
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

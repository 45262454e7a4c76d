/**
 * Pacing for `--rate`: a token bucket refilled continuously at `rate` tokens per second. A caller that finds
 * the bucket empty reserves the next token (the level goes negative) and is told how long to wait, so
 * waiting callers are served in order and the long-run rate never exceeds `rate`.
 * @module
 */
import { performance } from 'node:perf_hooks';

export class TokenBucket {
  #rate: number;
  readonly capacity: number;
  #tokens: number;
  #last: number;
  readonly #now: () => number;

  /** `capacity` defaults to 1/20 s worth of tokens (at least one), so bursts stay short. */
  constructor(rate: number, options: { capacity?: number; now?: () => number } = {}) {
    if (!(rate > 0) || !Number.isFinite(rate))
      throw new TypeError(`rate must be a positive number, got ${rate}`);
    this.#rate = rate;
    this.capacity = options.capacity ?? Math.max(1, Math.ceil(rate / 20));
    this.#now = options.now ?? (() => performance.now());
    this.#tokens = this.capacity;
    this.#last = this.#now();
  }

  get rate(): number {
    return this.#rate;
  }

  /** Changes the refill rate from now on (adaptive pacing); tokens earned so far are kept. */
  setRate(rate: number): void {
    if (!(rate > 0) || !Number.isFinite(rate))
      throw new TypeError(`rate must be a positive number, got ${rate}`);
    this.#refill();
    this.#rate = rate;
  }

  /** Takes one token; returns how many milliseconds the caller must wait before using it (0: go now). */
  reserve(): number {
    this.#refill();
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : (-this.#tokens * 1000) / this.#rate;
  }

  #refill(): void {
    const now = this.#now();
    this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#last) * this.#rate) / 1000);
    this.#last = now;
  }
}

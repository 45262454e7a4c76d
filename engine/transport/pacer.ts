/**
 * The run's one pacer, shared by every request of a transport (so it holds however many checks run at
 * once): `--rate` caps requests per second with a token bucket, and a `429 Too Many Requests`
 * (RFC 6585 §4) holds every request until its `Retry-After` (RFC 9110 §10.2.3) has passed and halves the
 * requests allowed in flight and the allowed rate, which then grow back additively with each answer (AIMD).
 * @module
 */
import { performance } from 'node:perf_hooks';
import { parseRetryAfter } from '../load/retry-after.js';
import { TokenBucket } from '../load/token-bucket.js';

/** What the report says about pacing (`report.pacing`); present when `--rate` was given or a 429 came. */
export interface PacingStats {
  /** The `--rate` cap in requests per second, when given. */
  rate?: number;
  /** `429 Too Many Requests` answers seen, retried or not. */
  rateLimited: number;
  /** Requests sent again after a 429. */
  retried: number;
  /** 429s handed to the check as the answer: retries used up, a Retry-After beyond the cap, or not retryable. */
  notRetried: number;
  /** 429s whose Retry-After asked for longer than the wait cap: neither waited for nor retried. */
  tooLong: number;
  /** Wall-clock milliseconds during which at least one request was held back (by the cap or a 429). */
  waitedMs: number;
  /** The allowed rate at the end of the run (requests/s), once a 429 lowered it or `--rate` set it. */
  finalRate?: number;
  /** Requests allowed in flight at the end, when 429s lowered it and it has not grown back to unlimited. */
  finalInFlight?: number;
}

interface PacerOptions {
  /** Cap in requests per second (`--rate`); none when absent. */
  rate?: number;
  /** React to 429s: hold for Retry-After and lower the rate (off: 429s are only counted). */
  adaptive?: boolean;
  /** The longest wait one 429 may ask for; a 429 asking for longer is handed back (and counted). */
  maxWaitMs?: number;
  now?: () => number;
}

/** The lowest rate a run of 429s can bring pacing down to. */
const MIN_RATE = 1;
/** At most one halving per this many ms, so a burst of 429s to requests already in flight halves once. */
const DECREASE_GAP_MS = 1_000;
/** The wait after a 429 without a usable Retry-After (RFC 6585 §4 makes the header optional). */
const FALLBACK_WAIT_MS = 1_000;
const DEFAULT_MAX_WAIT_MS = 10_000;
/** Once this many requests may be in flight again, the limit is lifted (more than any run sends at once). */
const MAX_WINDOW = 64;

/** Decides when each request may go, and learns from every answer. */
export class Pacer {
  readonly #cap: number | undefined;
  readonly #adaptive: boolean;
  readonly #maxWaitMs: number;
  readonly #now: () => number;
  #bucket: TokenBucket | undefined;
  #holdUntil = 0;
  #lastDecrease = -Infinity;
  /** Requests/s added back per second of answers: a tenth of the fastest pace a 429 interrupted. */
  #step = MIN_RATE;
  /** Send times of the last second, to know the pace a first 429 should halve. */
  readonly #recent: number[] = [];
  /** Requests allowed in flight; undefined: no limit (until a 429). */
  #window: number | undefined;
  #inFlight = 0;
  readonly #slotWaiters = new Set<() => void>();
  #waiting = 0;
  #waitStarted = 0;
  readonly #stats = { rateLimited: 0, retried: 0, notRetried: 0, tooLong: 0, waitedMs: 0 };

  constructor(options: PacerOptions = {}) {
    this.#cap = options.rate;
    this.#adaptive = options.adaptive ?? false;
    this.#maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.#now = options.now ?? (() => performance.now());
    if (options.rate !== undefined) this.#bucket = new TokenBucket(options.rate, { now: this.#now });
  }

  /** The current allowed rate in requests/s, or undefined while unpaced. */
  get rate(): number | undefined {
    return this.#bucket?.rate;
  }

  /**
   * Waits until a request may go: past any 429 hold, for a token, then for a slot in flight. True when the
   * caller holds a slot and must `release()` it once answered; false when a signal aborted the wait.
   */
  async acquire(signals: ReadonlyArray<AbortSignal | undefined>): Promise<boolean> {
    for (;;) {
      const hold = this.#holdUntil - this.#now();
      if (hold <= 0) break;
      if (await this.#wait(hold, signals)) return false;
    }
    const wait = this.#bucket?.reserve() ?? 0;
    if (wait > 0 && (await this.#wait(wait, signals))) return false;
    while (this.#window !== undefined && this.#inFlight >= Math.floor(this.#window))
      if (await this.#waitForSlot(signals)) return false;
    this.#inFlight++;
    const now = this.#now();
    this.#recent.push(now);
    while (this.#recent.length > 0 && (this.#recent[0] ?? now) < now - 1_000) this.#recent.shift();
    return true;
  }

  /** Gives back the slot of an answered request. */
  release(): void {
    this.#inFlight--;
    this.#wakeSlots();
  }

  /**
   * Learns from one answer; for a 429, returns how long the request should wait before it is sent again
   * (undefined when it should not be: not adaptive, or Retry-After asks for longer than the cap). The wait
   * holds every request of the run, not just this one.
   */
  answered(status: number | undefined, retryAfter: string | undefined, attempt: number): number | undefined {
    if (status !== 429) {
      if (status !== undefined && this.#adaptive) this.#increase();
      return undefined;
    }
    this.#stats.rateLimited++;
    if (!this.#adaptive) return undefined;
    const asked = parseRetryAfter(retryAfter);
    const wait = asked ?? Math.min(FALLBACK_WAIT_MS * 2 ** Math.max(0, attempt), this.#maxWaitMs);
    // A server asking for minutes is not waited for: the run would crawl; the check gets its 429 instead.
    if (wait > this.#maxWaitMs) {
      this.#stats.tooLong++;
      return undefined;
    }
    // `Retry-After: 0` says "again at once": a refusal not tied to our pace, so the rate stays.
    if (asked !== 0) this.#decrease();
    this.#holdUntil = Math.max(this.#holdUntil, this.#now() + wait);
    return wait;
  }

  /** Counts a request sent again after a 429. */
  retried(): void {
    this.#stats.retried++;
  }

  /** Counts a 429 handed back to the caller as the answer. */
  gaveUp(): void {
    this.#stats.notRetried++;
  }

  /** The report's `pacing` entry, or undefined when there was no cap and no 429. */
  stats(): PacingStats | undefined {
    if (this.#cap === undefined && this.#stats.rateLimited === 0) return undefined;
    const rate = this.#bucket?.rate;
    return {
      ...(this.#cap !== undefined ? { rate: this.#cap } : {}),
      ...this.#stats,
      waitedMs: Math.round(this.#stats.waitedMs + (this.#waiting > 0 ? this.#now() - this.#waitStarted : 0)),
      ...(rate !== undefined ? { finalRate: Math.round(rate * 10) / 10 } : {}),
      ...(this.#window !== undefined ? { finalInFlight: Math.floor(this.#window) } : {}),
    };
  }

  /**
   * Multiplicative decrease, at most once a second: half the requests in flight, and half the pace the 429
   * interrupted (sends per second since the last hold ended, within the last second) or half the allowed
   * rate when that is lower. Without a pace worth the name (a 429 at the start, or in a burst right after a
   * hold) only the in-flight limit and the Retry-After hold slow the run.
   */
  #decrease(): void {
    const now = this.#now();
    if (now - this.#lastDecrease < DECREASE_GAP_MS) return;
    this.#lastDecrease = now;
    // This request's slot is already released: it counts among those in flight when it was refused.
    this.#window = Math.max(1, Math.floor((this.#window ?? this.#inFlight + 1) / 2));
    const since = Math.max(now - 1_000, this.#holdUntil);
    const sent = this.#recent.filter((t) => t >= since).length;
    const pace = now - since >= 200 && sent >= 4 ? (sent * 1000) / (now - since) : undefined;
    const base = Math.min(pace ?? Infinity, this.#bucket?.rate ?? Infinity);
    if (base === Infinity) return;
    this.#step = Math.max(this.#step, base / 10);
    const next = Math.max(MIN_RATE, base / 2);
    if (this.#bucket) this.#bucket.setRate(next);
    else this.#bucket = new TokenBucket(next, { now: this.#now });
  }

  /**
   * Additive increase per answer: one more request in flight per window of answers (lifted at MAX_WINDOW), and
   * `step` requests/s more per second of answers, so a halved rate is back in about five seconds of success;
   * never above the `--rate` cap.
   */
  #increase(): void {
    if (this.#window !== undefined) {
      this.#window += 1 / this.#window;
      if (this.#window >= MAX_WINDOW) this.#window = undefined;
      this.#wakeSlots();
    }
    const bucket = this.#bucket;
    if (!bucket || bucket.rate >= (this.#cap ?? Infinity)) return;
    bucket.setRate(Math.min(this.#cap ?? Infinity, bucket.rate + this.#step / bucket.rate));
  }

  #wakeSlots(): void {
    for (const wake of [...this.#slotWaiters]) wake();
  }

  /** Waits until a slot may have come free (woken by `release` or a grown limit); true when aborted. */
  async #waitForSlot(signals: ReadonlyArray<AbortSignal | undefined>): Promise<boolean> {
    const live = signals.filter((sig): sig is AbortSignal => sig !== undefined);
    if (live.some((sig) => sig.aborted)) return true;
    if (this.#waiting++ === 0) this.#waitStarted = this.#now();
    try {
      return await new Promise<boolean>((resolve) => {
        const done = (aborted: boolean) => {
          this.#slotWaiters.delete(wake);
          for (const sig of live) sig.removeEventListener('abort', onAbort);
          resolve(aborted);
        };
        const wake = () => done(false);
        const onAbort = () => done(true);
        this.#slotWaiters.add(wake);
        for (const sig of live) sig.addEventListener('abort', onAbort, { once: true });
      });
    } finally {
      if (--this.#waiting === 0) this.#stats.waitedMs += this.#now() - this.#waitStarted;
    }
  }

  /** Sleeps `ms` while counting the wall time during which anything waited; true when aborted. */
  async #wait(ms: number, signals: ReadonlyArray<AbortSignal | undefined>): Promise<boolean> {
    if (this.#waiting++ === 0) this.#waitStarted = this.#now();
    try {
      return await sleep(ms, signals);
    } finally {
      if (--this.#waiting === 0) this.#stats.waitedMs += this.#now() - this.#waitStarted;
    }
  }
}

/** Waits `ms`; resolves true early when one of the signals aborts. */
function sleep(ms: number, signals: ReadonlyArray<AbortSignal | undefined>): Promise<boolean> {
  const live = signals.filter((s): s is AbortSignal => s !== undefined);
  if (live.some((s) => s.aborted)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (aborted: boolean) => {
      clearTimeout(timer);
      for (const s of live) s.removeEventListener('abort', onAbort);
      resolve(aborted);
    };
    const onAbort = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    for (const s of live) s.addEventListener('abort', onAbort, { once: true });
  });
}

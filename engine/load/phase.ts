/**
 * The counters of one phase of a load run (the initial sync, the cleanup) and the figures they sum up to;
 * the verdict reads the figures, the runner fills the counters.
 * @module
 */
import { performance } from 'node:perf_hooks';
import { LatencyRecorder, type LatencySummary } from './latency.js';

export interface PhaseFigures {
  durationMs: number;
  /** Every HTTP response, 429s that were retried included. */
  requests: number;
  requestsPerSec: number;
  /** Responses with the status the step expects, per second: the rate the target sustained. */
  okPerSec: number;
  /** Lowest count of good responses in a full second of the phase (undefined below two seconds). */
  lowestSecond: number | undefined;
  latencyMs: LatencySummary;
  /** Responses by status; network failures under their error code. */
  statuses: Record<string, number>;
  /** Final answers that were not what the step expects (after retries), by `METHOD endpoint status`. */
  errors: Record<string, number>;
  errorCount: number;
  /** errorCount / final answers. */
  errorRate: number;
  retries: number;
  retryWaitMs: number;
}

/** Counters of one phase. */
export class Phase {
  readonly latency = new LatencyRecorder();
  readonly statuses: Record<string, number> = {};
  readonly errors: Record<string, number> = {};
  readonly perSecond: number[] = [];
  requests = 0;
  ok = 0;
  finals = 0;
  errorCount = 0;
  retries = 0;
  retryWaitMs = 0;
  readonly started = performance.now();
  ended = this.started;

  count(status: string): void {
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    this.requests++;
  }

  good(): void {
    this.ok++;
    const second = Math.floor((performance.now() - this.started) / 1000);
    this.perSecond[second] = (this.perSecond[second] ?? 0) + 1;
  }

  error(what: string): void {
    this.errorCount++;
    this.errors[what] = (this.errors[what] ?? 0) + 1;
  }

  figures(): PhaseFigures {
    const durationMs = Math.max(0.001, this.ended - this.started);
    const full = Math.floor(durationMs / 1000);
    let lowest: number | undefined;
    if (full >= 2)
      for (let s = 0; s < full; s++) lowest = Math.min(lowest ?? Infinity, this.perSecond[s] ?? 0);
    return {
      durationMs: Math.round(durationMs),
      requests: this.requests,
      requestsPerSec: Math.round((this.requests * 1000) / durationMs),
      okPerSec: Math.round((this.ok * 1000) / durationMs),
      lowestSecond: lowest,
      latencyMs: this.latency.summary(),
      statuses: this.statuses,
      errors: this.errors,
      errorCount: this.errorCount,
      errorRate: this.finals === 0 ? 0 : this.errorCount / this.finals,
      retries: this.retries,
      retryWaitMs: Math.round(this.retryWaitMs),
    };
  }
}

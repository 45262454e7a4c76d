/**
 * Latency samples of a load run, kept in a growable Float64Array (no object per sample) and summarised
 * with nearest-rank percentiles once the run is over.
 * @module
 */

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export class LatencyRecorder {
  #samples = new Float64Array(1024);
  #count = 0;

  get count(): number {
    return this.#count;
  }

  add(ms: number): void {
    if (this.#count === this.#samples.length) {
      const grown = new Float64Array(this.#samples.length * 2);
      grown.set(this.#samples);
      this.#samples = grown;
    }
    this.#samples[this.#count++] = ms;
  }

  summary(): LatencySummary {
    const n = this.#count;
    if (n === 0) return { count: 0, p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
    const sorted = this.#samples.slice(0, n).sort();
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sorted[i] as number;
    const rank = (p: number): number =>
      round(sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))] as number);
    return {
      count: n,
      p50: rank(0.5),
      p90: rank(0.9),
      p99: rank(0.99),
      max: round(sorted[n - 1] as number),
      mean: round(sum / n),
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

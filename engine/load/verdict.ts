/**
 * The verdict on an IdP's throughput expectation, read from its profile (`throughput`, e.g. Entra ID's
 * 25 requests/s per tenant, docs/idp/entra-id.md#throughput). "Sustained" here: good answers per second
 * over the whole initial sync, with fewer failed requests than the profile allows.
 * @module
 */
import type { PhaseFigures } from './phase.js';

/** What a load run is judged against: the profile's name and its `throughput` figures. */
export interface ThroughputRequirement {
  /** The profile the figures come from, e.g. `entra-id`. */
  idp: string;
  minRequestsPerSecond: number;
  maxErrorRate: number;
}

export interface LoadVerdict {
  requirement: string;
  /** False when no requirement was given: the IdP publishes none, so nothing is judged. */
  judged: boolean;
  /** True only when judged and met. */
  meets: boolean;
  text: 'meets' | 'does not meet' | 'not judged';
  reasons: string[];
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(rate < 0.001 && rate > 0 ? 3 : 2)}%`;
}

/** A threshold as a short percentage: 0.01 → `1%`. */
function limit(rate: number): string {
  return `${Number((rate * 100).toFixed(3))}%`;
}

/** Why the sync fell short of `min` good requests/s: the rate cap, the target's 429s, or its latency. */
function slowReason(sync: PhaseFigures, rate: number | undefined, min: number): string {
  const why = `sustained only ${sync.okPerSec} good requests/s (< ${min})`;
  const throttled = sync.statuses['429'] ?? 0;
  if (rate !== undefined && rate < min) return `${why}: --rate ${rate} caps the run below the requirement`;
  if (throttled > 0)
    return `${why}: the target throttled with 429 ${throttled} times (${sync.retries} retries, ${sync.retryWaitMs} ms waited)`;
  if (sync.latencyMs.p50 > 0) return `${why}: median latency ${sync.latencyMs.p50} ms`;
  return why;
}

export function throughputVerdict(
  sync: PhaseFigures,
  rate: number | undefined,
  requirement: ThroughputRequirement | undefined,
): LoadVerdict {
  if (!requirement) {
    return {
      requirement: 'Throughput',
      judged: false,
      meets: false,
      text: 'not judged',
      reasons: ['the profile names no throughput expectation (profile field `throughput`)'],
    };
  }
  const { idp, minRequestsPerSecond: min, maxErrorRate: maxErrors } = requirement;
  const reasons: string[] = [];
  const fastEnough = sync.okPerSec >= min;
  const cleanEnough = sync.errorRate < maxErrors;
  reasons.push(
    fastEnough ? `sustained ${sync.okPerSec} good requests/s (>= ${min})` : slowReason(sync, rate, min),
  );
  if (cleanEnough) {
    reasons.push(`${percent(sync.errorRate)} of requests failed (< ${limit(maxErrors)})`);
  } else {
    const worst = Object.entries(sync.errors).sort((a, b) => b[1] - a[1])[0];
    reasons.push(
      `${percent(sync.errorRate)} of requests failed (>= ${limit(maxErrors)})${worst ? `; most often ${worst[0]} (${worst[1]}x)` : ''}`,
    );
  }
  if (sync.durationMs < 2_000) reasons.push('the sync took under 2 s: use more users for a sustained figure');
  const meets = fastEnough && cleanEnough;
  return {
    requirement: `${idp}: >= ${min} requests/s with < ${limit(maxErrors)} errors`,
    judged: true,
    meets,
    text: meets ? 'meets' : 'does not meet',
    reasons,
  };
}

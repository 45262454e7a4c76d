/**
 * The verdict on Entra ID's throughput requirement: a gallery app's SCIM endpoint must sustain at least
 * 25 requests/s per tenant (docs/idp/entra-id.md#responses-and-retries, [D S1]). "Sustained" here: good answers per second over
 * the whole initial sync, with fewer than 1% of the requests failing.
 * @module
 */
import type { PhaseFigures } from './initial-sync.js';

export const ENTRA_MIN_RATE = 25;
export const ENTRA_MAX_ERROR_RATE = 0.01;

export interface LoadVerdict {
  requirement: string;
  meets: boolean;
  /** `meets` or `does not meet`. */
  text: 'meets' | 'does not meet';
  reasons: string[];
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(rate < 0.001 && rate > 0 ? 3 : 2)}%`;
}

export function entraVerdict(sync: PhaseFigures, rate: number | undefined): LoadVerdict {
  const reasons: string[] = [];
  const fastEnough = sync.okPerSec >= ENTRA_MIN_RATE;
  const cleanEnough = sync.errorRate < ENTRA_MAX_ERROR_RATE;
  const throttled = sync.statuses['429'] ?? 0;
  if (fastEnough) {
    reasons.push(`sustained ${sync.okPerSec} good requests/s (>= ${ENTRA_MIN_RATE})`);
  } else {
    let why = `sustained only ${sync.okPerSec} good requests/s (< ${ENTRA_MIN_RATE})`;
    if (rate !== undefined && rate < ENTRA_MIN_RATE)
      why += `: --rate ${rate} caps the run below the requirement`;
    else if (throttled > 0)
      why += `: the target throttled with 429 ${throttled} times (${sync.retries} retries, ${sync.retryWaitMs} ms waited)`;
    else if (sync.latencyMs.p50 > 0) why += `: median latency ${sync.latencyMs.p50} ms`;
    reasons.push(why);
  }
  if (cleanEnough) {
    reasons.push(`${percent(sync.errorRate)} of requests failed (< 1%)`);
  } else {
    const worst = Object.entries(sync.errors).sort((a, b) => b[1] - a[1])[0];
    reasons.push(
      `${percent(sync.errorRate)} of requests failed (>= 1%)${worst ? `; most often ${worst[0]} (${worst[1]}x)` : ''}`,
    );
  }
  if (sync.durationMs < 2_000) reasons.push('the sync took under 2 s: use more users for a sustained figure');
  const meets = fastEnough && cleanEnough;
  return {
    requirement: `Entra ID: >= ${ENTRA_MIN_RATE} requests/s per tenant with < 1% errors`,
    meets,
    text: meets ? 'meets' : 'does not meet',
    reasons,
  };
}

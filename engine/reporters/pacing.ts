/**
 * The one sentence every reporter prints about pacing (report.pacing): how often the target said 429, what
 * the run did about it, and the rate it ended at.
 * @module
 */
import type { PacingStats } from '../transport/pacer.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** E.g. `Pacing: --rate 20/s; the target answered 429 Too Many Requests 37 times, 35 retried, 0 given back; held 12.3 s in all; ended at 14.2 requests/s.` */
export function pacingLine(p: PacingStats): string {
  const parts: string[] = [];
  if (p.rate !== undefined) parts.push(`--rate ${p.rate}/s`);
  if (p.rateLimited > 0) {
    const back = p.notRetried > 0 ? `, ${p.notRetried} handed to the check as the answer` : '';
    const long = p.tooLong > 0 ? ` (${p.tooLong} asked to wait longer than the cap)` : '';
    parts.push(
      `the target answered 429 Too Many Requests ${p.rateLimited} time${p.rateLimited === 1 ? '' : 's'}, ${p.retried} retried${back}${long}`,
    );
  }
  parts.push(`requests held back ${seconds(p.waitedMs)} in all`);
  if (p.finalRate !== undefined) parts.push(`ended at ${p.finalRate} requests/s`);
  if (p.finalInFlight !== undefined) parts.push(`at most ${p.finalInFlight} in flight at the end`);
  return `Pacing: ${parts.join('; ')}.`;
}

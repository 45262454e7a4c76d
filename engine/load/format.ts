/** The load report as the console shows it. */
import type { LoadReport } from './initial-sync.js';
import type { PhaseFigures } from './phase.js';

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

function statuses(figures: PhaseFigures): string {
  const entries = Object.entries(figures.statuses).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([status, n]) => `${status}: ${int(n)}`).join('  ');
}

function errors(figures: PhaseFigures): string {
  const entries = Object.entries(figures.errors).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? 'none' : entries.map(([what, n]) => `${what}: ${int(n)}`).join('  ');
}

function latency(figures: PhaseFigures): string {
  const l = figures.latencyMs;
  return `p50 ${l.p50}  p90 ${l.p90}  p99 ${l.p99}  max ${l.max}`;
}

export function formatLoadReport(report: LoadReport): string {
  const s = report.sync;
  const o = report.outcome;
  const lines = [
    `scimulator load: ${report.patternSource}`,
    `  target ${report.target}, prefix ${report.prefix}`,
    `  ${int(report.users)} users, concurrency ${report.concurrency}, rate ${report.rate === null ? 'unpaced' : `${report.rate} req/s`}, ` +
      `pool ${report.connections} connections x pipelining ${report.pipelining}`,
    '',
    `initial sync  ${int(s.requests)} requests in ${(s.durationMs / 1000).toFixed(2)} s = ${int(s.requestsPerSec)} req/s ` +
      `(good ${int(s.okPerSec)}/s${s.lowestSecond !== undefined ? `, lowest full second ${int(s.lowestSecond)}` : ''})`,
    `  latency ms  ${latency(s)}`,
    `  statuses    ${statuses(s)}`,
    `  errors      ${errors(s)} (${(s.errorRate * 100).toFixed(2)}%)`,
    `  429 retries ${int(s.retries)} (${int(s.retryWaitMs)} ms waited)`,
    `  outcome     ${int(o.created)} users created, ${int(o.matched)} matched, ${int(o.failedUsers)} failed; ` +
      `${int(o.groupsCreated)} groups created, ${int(o.membershipPatches)} membership PATCHes`,
  ];
  const c = report.cleanup;
  if (c.skipped) lines.push(`cleanup       skipped (${c.reason})`);
  else
    lines.push(
      `cleanup       ${int(c.deleted)} deleted with ${int(c.requests)} requests in ${(c.durationMs / 1000).toFixed(2)} s` +
        (c.errorCount > 0 ? `; errors ${errors(c)}` : ''),
    );
  if (report.interrupted)
    lines.push('interrupted: the sync stopped early; what it had created was cleaned up');
  lines.push('', `${report.verdict.requirement}: ${report.verdict.text}`);
  for (const reason of report.verdict.reasons) lines.push(`  - ${reason}`);
  return `${lines.join('\n')}\n`;
}

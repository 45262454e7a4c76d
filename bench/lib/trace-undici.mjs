/**
 * Preloaded into a `scimulator run` child (`node --import ./bench/lib/trace-undici.mjs ...`): times every
 * undici request through its diagnostics channels, from creation to the last body byte (or the error), and
 * writes {requests, sumMs, busyMs, firstAt, startedAt} to $BENCH_TRACE_FILE on exit. `busyMs` is the union
 * of the in-flight intervals: the wall time during which at least one request was waiting on the target.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const open = new Map();
let requests = 0;
let sumMs = 0;
let busyMs = 0;
let inFlight = 0;
let busySince = 0;
let firstAt;

subscribe('undici:request:create', ({ request }) => {
  const now = performance.now();
  firstAt ??= performance.timeOrigin + now;
  open.set(request, now);
  if (inFlight++ === 0) busySince = now;
});

function done({ request }) {
  const started = open.get(request);
  if (started === undefined) return;
  open.delete(request);
  const now = performance.now();
  requests++;
  sumMs += now - started;
  if (--inFlight === 0) busyMs += now - busySince;
}
subscribe('undici:request:trailers', done);
subscribe('undici:request:error', done);

process.on('exit', () => {
  const file = process.env.BENCH_TRACE_FILE;
  if (!file) return;
  writeFileSync(
    file,
    JSON.stringify({
      requests,
      sumMs,
      busyMs,
      firstAt,
      processStartAt: performance.timeOrigin,
      uptimeMs: performance.now(),
    }),
  );
});

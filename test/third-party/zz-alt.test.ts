import { writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { startAltServer } from './alt-server.js';
import { runAll, describeResult } from './run-all.js';

test('scratch alt', async () => {
  const s = await startAltServer();
  const t0 = Date.now();
  try {
    const report = await runAll(s.url, s.token);
    writeFileSync('/tmp/scratch/alt-report.json', JSON.stringify(report, null, 1));
    const bad = report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error');
    writeFileSync('/tmp/scratch/alt-fails.txt', bad.map(describeResult).join('\n') + '\n');
    console.log(report.summary, Date.now() - t0, 'ms', 'stored', s.counts(), report.cleanup);
  } finally {
    await s.close();
  }
}, 300_000);

import { writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { startScimmyServer } from './scimmy-server.js';
import { runAll, describeResult } from './run-all.js';

test('scratch scimmy', async () => {
  const s = await startScimmyServer();
  const t0 = Date.now();
  try {
    const report = await runAll(s.url, s.token);
    writeFileSync('/tmp/scratch/scimmy-report.json', JSON.stringify(report, null, 1));
    const bad = report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error');
    writeFileSync('/tmp/scratch/scimmy-fails.txt', bad.map(describeResult).join('\n') + '\n');
    console.log(report.summary, Date.now() - t0, 'ms', 'stored', s.stored());
  } finally {
    await s.close();
  }
}, 300_000);

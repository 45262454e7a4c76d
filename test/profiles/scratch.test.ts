import { test } from 'vitest';
import { runChecks } from '../../engine/index.js';
import { loadProfiles, toProfileInfo } from '../../profiles/index.js';
import { startServer } from '../../reference-server/index.js';
import { idpSuites } from '../../suites/idp.js';
import { SUITES } from '../../suites/index.js';
test('scratch', async () => {
  const server = await startServer({ flavor: 'gitlab', port: 0, groups: ['demo-group:TOKEN'] });
  try {
    const report = await runChecks({ target: server.url, token: 'TOKEN', suites: [...idpSuites(), ...SUITES], profiles: [...loadProfiles().map(toProfileInfo), { name: 'gitlab', data: {} }], seed: 3 });
    for (const r of report.results) if (r.suite === "gitlab") console.log(r.profile, r.id, r.outcome, r.code, r.message);
    for (const r of report.results) if (r.outcome === 'skip' && /not judged/.test(r.message ?? '')) console.log(r.profile, r.id, r.outcome, r.message);
    console.log(JSON.stringify(report.verdicts), report.cleanup);
  } finally { await server.close(); }
});

/**
 * The library and msw paths grade like the CLI: the same scripted client, once against `scimulator judge`
 * (real HTTP on 127.0.0.1) and once against msw handlers with `createJudge()` (no port), gets the same
 * outcome for every client check.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../../engine/runner/index.js';
import { createJudge, createScimHandlers } from '../../../integrations/msw/index.js';
import { failedIds, readJsonReport, runJudge } from '../../engine/judge/judge-cli.js';
import { runScriptedClient, type Breakage } from '../../engine/judge/scripted-client.js';

const TOKEN = 'parity-token-0123456789';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-parity-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const outcomes = (report: Report) => Object.fromEntries(report.results.map((r) => [r.id, r.outcome]));

describe('judge parity: CLI and msw/library', () => {
  test.each([['none'], ['patch-operations'], ['hammering'], ['capitalised-ops'], ['read-only']] as const)(
    'client with breakage %s',
    async (name) => {
      const broken = name === 'none' ? undefined : (name as Breakage);
      const judge = createJudge({ as: 'okta' });
      const msw = setupServer(
        ...createScimHandlers({ baseUrl: 'https://scim.example.test/scim/v2', token: TOKEN, judge }),
      );
      msw.listen({ onUnhandledRequest: 'error' });
      try {
        await runScriptedClient('https://scim.example.test/scim/v2', TOKEN, broken);
      } finally {
        msw.close();
      }
      // msw first: the number of requests it saw tells the CLI when to stop (no timing involved).
      const out = join(dir, name);
      const cli = await runJudge(
        [
          '--requests',
          String(judge.exchanges.length),
          '--as',
          'okta',
          '--token',
          TOKEN,
          '--report',
          'json',
          '--out',
          out,
        ],
        (url) => runScriptedClient(url, TOKEN, broken),
      );
      const cliReport = await readJsonReport(out);

      const inProcess = await judge.report();

      expect(outcomes(inProcess)).toEqual(outcomes(cliReport));
      expect((await judge.failures()).map((r) => r.id).sort()).toEqual(
        failedIds(cliReport).filter((id) => id !== 'client.etag.if-match'),
      );
      expect(cli.code).toBe((await judge.failures()).length > 0 ? 1 : 0);
      expect(judge.exchanges.length).toBeGreaterThan(10);
    },
    30_000,
  );
});

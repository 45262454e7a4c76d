/**
 * Runs the extended suites against the rfc reference server: clean, with quirks, or behind the rewriting proxy.
 * @module
 */
import { RFC_PROFILE, runChecks } from '../../../engine/runner/index.js';
import type { CheckResult } from '../../../engine/model/index.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { EXTENDED_SUITES } from '../../../suites/extended.js';
import { startRewritingProxy, type Breakage, type RewritingProxy } from './rewriting-proxy.js';

export const TOKEN = 'extended-suite-token';
export const SEED = 11;

export function startRfc(quirks: string[] = []): Promise<RunningServer> {
  return startServer({ flavor: 'rfc', port: 0, token: TOKEN, quirks });
}

let runs = 0;

/**
 * Runs the extended suites; every run gets its own seed, so data a broken server left behind (e.g. a Bulk
 * breakage that hides locations from the cleanup ledger) never collides with the next run on the same server.
 */
/**
 * The verdicts the extended suites count against: rfc, plus the IdP verdicts of the dialect checks that
 * count against an IdP only (patch.dialect.capitalised-op and string-boolean judge Entra, not the RFC).
 * Extended checks are not per-profile, so these names only switch those checks on; no IdP data is used.
 */
const VERDICTS = [RFC_PROFILE, { name: 'entra-id', data: {} }];

export async function runExtended(target: string, only: string[] = []): Promise<CheckResult[]> {
  const report = await runChecks({
    target,
    token: TOKEN,
    suites: EXTENDED_SUITES,
    profiles: VERDICTS,
    seed: SEED + runs++,
    ...(only.length ? { only } : {}),
  });
  return report.results;
}

function pick(results: CheckResult[], checkId: string): CheckResult {
  const result = results.find((r) => r.id === checkId);
  if (!result) throw new Error(`check ${checkId} produced no result`);
  return result;
}

export interface ProxiedRfc {
  server: RunningServer;
  proxy: RewritingProxy;
  runBroken(checkId: string, breakage: Breakage): Promise<CheckResult>;
  close(): Promise<void>;
}

export async function startProxiedRfc(): Promise<ProxiedRfc> {
  const server = await startRfc();
  const proxy = await startRewritingProxy(server.url);
  return {
    server,
    proxy,
    async runBroken(checkId, breakage) {
      proxy.setBreakage(breakage);
      try {
        return pick(await runExtended(proxy.url, [checkId]), checkId);
      } finally {
        proxy.setBreakage(undefined);
      }
    },
    async close() {
      await proxy.close();
      await server.close();
    },
  };
}

export async function runWithQuirks(checkId: string, quirks: string[]): Promise<CheckResult> {
  const server = await startRfc(quirks);
  try {
    return pick(await runExtended(server.url, [checkId]), checkId);
  } finally {
    await server.close();
  }
}

export function extendedCheckIds(): string[] {
  return EXTENDED_SUITES.flatMap((s) => s.checks.map((c) => c.id));
}

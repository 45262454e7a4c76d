/**
 * Runs suite checks against the rfc reference server, clean, with named quirks, or behind the mutating proxy.
 * @module
 */
import { runChecks, type CheckResult } from '../../engine/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { discoverySuite, errorsSuite, securitySuite, usersSuite } from '../../suites/index.js';
import { startMutatingProxy, type Breakage, type MutatingProxy } from './mutating-proxy.js';

export const TOKEN = 'suite-test-token';
/** The suites this harness proves: discovery, users, errors and security (the others have their own harness). */
const SUITES = [discoverySuite, usersSuite, errorsSuite, securitySuite];
export const SEED = 7;

export async function startRfc(quirks: string[] = []): Promise<RunningServer> {
  return startServer({ flavor: 'rfc', port: 0, token: TOKEN, quirks });
}

/** Runs the given checks (all when `only` is empty) and returns their results. */
export async function runSuites(target: string, only: string[] = [], seed = SEED): Promise<CheckResult[]> {
  const report = await runChecks({
    target,
    token: TOKEN,
    suites: SUITES,
    seed,
    ...(only.length ? { only } : {}),
  });
  return report.results;
}

/** A clean upstream with the proxy in front, shared by every proxy-made breakage of a test file. */
export interface ProxiedRfc {
  server: RunningServer;
  proxy: MutatingProxy;
  /** Runs one check with `breakage` applied, then removes it. */
  runBroken(checkId: string, breakage: Breakage): Promise<CheckResult>;
  /** Runs several checks with `breakage` applied, then removes it. */
  runAll(checkIds: string[], breakage: Breakage): Promise<CheckResult[]>;
  close(): Promise<void>;
}

export async function startProxiedRfc(): Promise<ProxiedRfc> {
  const server = await startRfc();
  const proxy = await startMutatingProxy(server.url);
  // Each broken run gets its own seed: a breakage may hide an id from the cleanup ledger, and the
  // user it leaves behind must not collide with the next run's identities.
  let runs = 0;
  return {
    server,
    proxy,
    async runBroken(checkId, breakage) {
      proxy.setBreakage(breakage);
      try {
        return only(await runSuites(proxy.url, [checkId], SEED + ++runs), checkId);
      } finally {
        proxy.setBreakage(undefined);
      }
    },
    async runAll(checkIds, breakage) {
      proxy.setBreakage(breakage);
      try {
        return await runSuites(proxy.url, checkIds, SEED + ++runs);
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

/** Runs one check against a fresh server with `quirks` switched on. */
export async function runWithQuirks(checkId: string, quirks: string[]): Promise<CheckResult> {
  const server = await startRfc(quirks);
  try {
    return only(await runSuites(server.url, [checkId]), checkId);
  } finally {
    await server.close();
  }
}

function only(results: CheckResult[], checkId: string): CheckResult {
  const result = results.find((r) => r.id === checkId);
  if (!result) throw new Error(`check ${checkId} produced no result`);
  return result;
}

/** Every check id of the suites this test folder proves. */
export function allCheckIds(): string[] {
  return SUITES.flatMap((s) => s.checks.map((c) => c.id));
}

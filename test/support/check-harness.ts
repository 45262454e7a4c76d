/**
 * One way to prove checks both ways: run a set of suites against the rfc reference server, clean, with named
 * quirks switched on, or behind the mutating proxy with a breakage applied.
 * @module
 */
import { runChecks, type CheckResult, type ProfileInfo, type SuiteDefinition } from '../../engine/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { startMutatingProxy, type Breakage, type MutatingProxy } from './mutating-proxy.js';

export interface HarnessOptions {
  token: string;
  seed: number;
  suites: readonly SuiteDefinition[];
  /** Verdicts to switch on (checks that count against an IdP only run when its verdict is on). */
  profiles?: readonly ProfileInfo[];
  /** Rewrite the upstream's origin to the proxy's in answers, as a Host-forwarding reverse proxy would. */
  forwardHost?: boolean;
}

/** One row per check: the server deviation that must make it fail, and the failure code it must report. */
export interface BreakageRow {
  checkId: string;
  /** What is broken, in words (the test name). */
  breakage: string;
  /** Named quirks of the reference server; or else `proxy`. */
  quirks?: string[];
  proxy?: Breakage;
  expectedCode: string;
}

/** A clean upstream with the proxy in front, shared by every proxy-made breakage of a test file. */
export interface ProxiedRfc {
  server: RunningServer;
  proxy: MutatingProxy;
  /** Runs one check with `breakage` applied, then removes it. */
  runBroken(checkId: string, breakage: Breakage): Promise<CheckResult>;
  /** Runs several checks with `breakage` applied, then removes it. */
  runAll(checkIds: string[], breakage: Breakage): Promise<CheckResult[]>;
  /** Runs a row's check against its breakage: a fresh server with its quirks, or the proxy. */
  runRow(row: BreakageRow): Promise<CheckResult>;
  close(): Promise<void>;
}

export interface CheckHarness {
  startRfc(quirks?: string[]): Promise<RunningServer>;
  /** Runs the given checks (all when `only` is empty); a fresh seed per call unless one is given. */
  run(target: string, only?: string[], seed?: number): Promise<CheckResult[]>;
  startProxiedRfc(): Promise<ProxiedRfc>;
  /** Runs one check against a fresh server with `quirks` switched on. */
  runWithQuirks(checkId: string, quirks: string[]): Promise<CheckResult>;
  checkIds(): string[];
}

function pick(results: CheckResult[], checkId: string): CheckResult {
  const result = results.find((r) => r.id === checkId);
  if (!result) throw new Error(`check ${checkId} produced no result`);
  return result;
}

function forwardingHost(proxyUrl: string, upstreamUrl: string, breakage: Breakage): Breakage {
  const from = new URL(upstreamUrl).origin;
  const to = new URL(proxyUrl).origin;
  return {
    ...(breakage.answer ? { answer: breakage.answer } : {}),
    ...(breakage.request ? { request: breakage.request } : {}),
    ...(breakage.reset ? { reset: breakage.reset } : {}),
    mutate(req, res) {
      const rewritten = { ...res, body: res.body.split(from).join(to) };
      return breakage.mutate?.(req, rewritten) ?? rewritten;
    },
  };
}

export function createCheckHarness(options: HarnessOptions): CheckHarness {
  // Each run gets its own seed: a breakage may hide an id from the cleanup ledger, and what it leaves
  // behind must not collide with the next run's identities.
  let runs = 0;
  const startRfc = (quirks: string[] = []) =>
    startServer({ flavor: 'rfc', port: 0, token: options.token, quirks });
  const run = async (target: string, only: string[] = [], seed = options.seed + runs++) => {
    const report = await runChecks({
      target,
      token: options.token,
      suites: options.suites,
      seed,
      ...(options.profiles ? { profiles: options.profiles } : {}),
      ...(only.length ? { only } : {}),
    });
    return report.results;
  };
  const runWithQuirks = async (checkId: string, quirks: string[]) => {
    const server = await startRfc(quirks);
    try {
      return pick(await run(server.url, [checkId]), checkId);
    } finally {
      await server.close();
    }
  };
  return {
    startRfc,
    run,
    runWithQuirks,
    async startProxiedRfc() {
      const server = await startRfc();
      const proxy = await startMutatingProxy(server.url);
      const apply = (breakage: Breakage) =>
        proxy.setBreakage(options.forwardHost ? forwardingHost(proxy.url, server.url, breakage) : breakage);
      const runBroken = async (checkId: string, breakage: Breakage) => {
        apply(breakage);
        try {
          return pick(await run(proxy.url, [checkId]), checkId);
        } finally {
          proxy.setBreakage(undefined);
        }
      };
      return {
        server,
        proxy,
        runBroken,
        runRow: (row) =>
          row.quirks ? runWithQuirks(row.checkId, row.quirks) : runBroken(row.checkId, row.proxy ?? {}),
        async runAll(checkIds, breakage) {
          apply(breakage);
          try {
            return await run(proxy.url, checkIds);
          } finally {
            proxy.setBreakage(undefined);
          }
        },
        async close() {
          await proxy.close();
          await server.close();
        },
      };
    },
    checkIds: () => options.suites.flatMap((s) => s.checks.map((c) => c.id)),
  };
}

/**
 * Runs the resources suite against the rfc reference server: clean, with quirks, or behind the mutating proxy.
 * @module
 */
import { runChecks, type CheckResult } from '../../../engine/index.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { resourcesSuite } from '../../../suites/resources/index.js';
import { startMutatingProxy, type Breakage, type MutatingProxy } from '../../support/mutating-proxy.js';

export const TOKEN = 'resources-suite-token';
export const SEED = 23;

export function startRfc(quirks: string[] = []): Promise<RunningServer> {
  return startServer({ flavor: 'rfc', port: 0, token: TOKEN, quirks });
}

export async function runResources(target: string, only: string[] = [], seed = SEED): Promise<CheckResult[]> {
  const report = await runChecks({
    target,
    token: TOKEN,
    suites: [resourcesSuite],
    seed,
    ...(only.length ? { only } : {}),
  });
  return report.results;
}

function pick(results: CheckResult[], checkId: string): CheckResult {
  const result = results.find((r) => r.id === checkId);
  if (!result) throw new Error(`check ${checkId} produced no result`);
  return result;
}

/**
 * Makes the proxy behave like a reverse proxy that forwards the Host: the upstream writes its own origin into
 * `$ref` and `meta.location`, which the proxy rewrites to its own before the breakage sees the body.
 */
function behindProxy(proxyUrl: string, upstreamUrl: string, breakage: Breakage): Breakage {
  const from = new URL(upstreamUrl).origin;
  const to = new URL(proxyUrl).origin;
  return {
    ...(breakage.answer ? { answer: breakage.answer } : {}),
    ...(breakage.request ? { request: breakage.request } : {}),
    mutate(req, res) {
      const rewritten = { ...res, body: res.body.split(from).join(to) };
      return breakage.mutate?.(req, rewritten) ?? rewritten;
    },
  };
}

export interface ProxiedRfc {
  server: RunningServer;
  proxy: MutatingProxy;
  runBroken(checkId: string, breakage: Breakage): Promise<CheckResult>;
  close(): Promise<void>;
}

export async function startProxiedRfc(): Promise<ProxiedRfc> {
  const server = await startRfc();
  const proxy = await startMutatingProxy(server.url);
  let runs = 0;
  return {
    server,
    proxy,
    async runBroken(checkId, breakage) {
      proxy.setBreakage(behindProxy(proxy.url, server.url, breakage));
      try {
        return pick(await runResources(proxy.url, [checkId], SEED + ++runs), checkId);
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
    return pick(await runResources(server.url, [checkId]), checkId);
  } finally {
    await server.close();
  }
}

export function resourceCheckIds(): string[] {
  return resourcesSuite.checks.map((c) => c.id);
}

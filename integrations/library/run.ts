/**
 * `run()`: the library form of `scimulator run`, with the CLI's options and three more kinds of target
 * (a fetch-style handler, a Node request listener, a container image). Options are resolved by
 * integrations/options, like the CLI's flags.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { compareWithBaseline, knownFailureMatcher, readBaseline } from '../../engine/baseline/index.js';
import { withContainerTarget } from '../../engine/container/index.js';
import { createConsoleReporter } from '../../engine/reporters/index.js';
import { runChecks, type Report, type RunChecksOptions } from '../../engine/runner/index.js';
import { createInProcessTransport, IN_PROCESS_BASE_URL } from '../../engine/transport/index.js';
import { toolVersion } from '../../engine/version.js';
import { startServer } from '../../reference-server/index.js';
import { resolveRunOptions, type ResolvedRunOptions, type RunOptions } from '../options/index.js';
import { checkOutFolder, writeReports } from './write-reports.js';

export type { RunOptions } from '../options/index.js';

/** An unguessable bearer token for the embedded reference server. */
export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Runs the checks of resolved options against their target (starting and stopping the embedded server or
 * the container) and returns the report; reports nothing. `scimulator run` and `run()` both end here.
 */
export async function runResolved(options: ResolvedRunOptions): Promise<Report> {
  const {
    target,
    reports: _reports,
    out: _out,
    baseline: _baseline,
    stdout: _stdout,
    verbose: _verbose,
    githubStepSummary: _summary,
    env: _env,
    ...base
  } = options;
  const checks: Omit<RunChecksOptions, 'target'> = base;
  switch (target.kind) {
    case 'in-process':
      return runChecks({
        ...checks,
        target: target.url ?? IN_PROCESS_BASE_URL,
        createTransport: (transportOptions) => createInProcessTransport(target.inProcess, transportOptions),
      });
    case 'container':
      return withContainerTarget(target.container, (url) => runChecks({ ...checks, target: url }));
    case 'url':
      return runChecks({ ...checks, target: target.url });
    case 'embedded': {
      const token = checks.token ?? randomToken();
      const server = await startServer({
        flavor: 'rfc',
        host: '127.0.0.1',
        port: 0,
        token,
        log: () => undefined,
      });
      try {
        return await runChecks({ ...checks, target: server.url, token });
      } finally {
        await server.close();
      }
    }
  }
}

/**
 * Runs checks and returns the report (the `Report` contract of engine/runner/report.ts). Throws `HarnessError` (match on
 * `code`: USAGE, CONFIG_INVALID, TARGET_UNREACHABLE, TARGET_TIMEOUT, TARGET_TLS_ERROR, TARGET_AUTH_REJECTED,
 * TARGET_NOT_SCIM, TARGET_STOPPED_ANSWERING, NOT_AVAILABLE) when the run cannot happen (or go on) at all;
 * a target that misbehaves yields `fail` results instead. `exitCodeFor(report, failOn)` gives the CLI's exit code.
 */
export async function run(options: RunOptions = {}): Promise<Report> {
  return runAndReport(await resolveRunOptions(options));
}

/** `runResolved` with the console reporter and the report files the options ask for. */
export async function runAndReport(resolved: ResolvedRunOptions): Promise<Report> {
  // Before the first request: a folder that cannot hold the reports would otherwise fail after the run.
  await checkOutFolder(resolved.reports, resolved.out);
  const consoleReporter = resolved.reports.includes('console')
    ? createConsoleReporter({
        stream: resolved.stdout ?? process.stdout,
        env: resolved.env as NodeJS.ProcessEnv,
        verbose: resolved.verbose,
      })
    : undefined;
  // A known-failures file, as `--baseline`: listed failures do not gate (writing one is the CLI's job).
  const baseline = resolved.baseline !== undefined ? await readBaseline(resolved.baseline) : undefined;
  const report = await runResolved({
    ...resolved,
    ...(baseline ? { isKnown: knownFailureMatcher(baseline) } : {}),
    onStart: (info) => {
      consoleReporter?.start({ ...info, version: toolVersion() });
      resolved.onStart?.(info);
    },
    onResult: (result) => {
      consoleReporter?.result(result);
      resolved.onResult?.(result);
    },
  });
  if (baseline && resolved.baseline !== undefined)
    report.baseline = compareWithBaseline(report.results, baseline, resolved.baseline);
  consoleReporter?.end(report, resolved.failOn);
  await writeReports(
    report,
    resolved.reports,
    resolved.out,
    resolved.reports.includes('md') ? resolved.githubStepSummary : undefined,
  );
  return report;
}

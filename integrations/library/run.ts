/**
 * `run()`: the library form of `scimulator run`, with the CLI's options and three more kinds of target
 * (a fetch-style handler, a Node request listener, a container image).
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { withContainerTarget, type ContainerTargetOptions } from '../../engine/container/index.js';
import { parseRate } from '../../engine/config/index.js';
import { HarnessError } from '../../engine/errors.js';
import type { ProfileInfo, SuiteDefinition } from '../../engine/model/index.js';
import { createConsoleReporter, type TextStream } from '../../engine/reporters/index.js';
import { runChecks, type Report, type RunChecksOptions } from '../../engine/runner/index.js';
import {
  createInProcessTransport,
  IN_PROCESS_BASE_URL,
  type FetchHandler,
  type InProcessTarget,
} from '../../engine/transport/index.js';
import { toolVersion } from '../../engine/version.js';
import { startServer } from '../../reference-server/index.js';
import { resolveProfiles, resolveSelection } from './resolve-options.js';
import { checkOutFolder, checkReporters, writeReports, type ReporterName } from './write-reports.js';

export interface RunOptions extends Omit<
  RunChecksOptions,
  'target' | 'suites' | 'profiles' | 'createTransport'
> {
  /**
   * The target's SCIM base URL. Without it (and without `handler`, `listener` or `container`) the embedded
   * rfc reference server is started on a loopback port and stopped afterwards. With `handler` or
   * `listener`, the URL requests are addressed to (default `http://localhost/scim/v2`); nothing is opened.
   */
  target?: string;
  /** Run in process against a fetch-style handler `(Request) => Response | Promise<Response>`. */
  handler?: FetchHandler;
  /** Run in process against a Node request listener `(req, res) => void` (no port is opened). */
  listener?: RequestListener;
  /** Start this image with testcontainers, run against it, stop it (needs a container engine). */
  container?: ContainerTargetOptions;
  /**
   * Profile names (`rfc`, `entra-id`, ...), profile file paths, or loaded profiles. Default
   * `['rfc', 'entra-id', 'okta', 'onelogin']`; `['rfc']` judges the RFC alone.
   */
  profiles?: readonly (string | ProfileInfo)[];
  /** Built-in suite names and/or your own suites. Default: every built-in suite. */
  suites?: readonly (string | SuiteDefinition)[];
  /** Check ids or `prefix*` patterns; with `suites`, the union runs (like `--suite` + `--check`). */
  checks?: readonly string[];
  /** Reporters (`--report`); default none. `console` writes to `stdout`; the others write files to `out`. */
  reports?: readonly ReporterName[];
  /** Folder for report files; default `reports`. */
  out?: string;
  /** Where the console reporter writes; default `process.stdout`. */
  stdout?: TextStream;
  /** The console reporter prints every check and the suite table (`--verbose`). */
  verbose?: boolean;
  /** Per-request deadline in ms (`--timeout`): headers, body and whole request. `timeouts` wins per field. */
  timeout?: number;
  /** Append the markdown summary here when `reports` has `md` (default `$GITHUB_STEP_SUMMARY`). */
  githubStepSummary?: string;
}

/** Consecutive unanswered requests that stop a run (`breaker`). */
export const DEFAULT_BREAKER = 5;
/** 429 + Retry-After, every method (docs/safety.md): four retries, waits up to 10 s each, adaptive pacing. */
export const DEFAULT_RETRY_AFTER = { maxRetries: 4, maxWaitMs: 10_000 };

/** An unguessable bearer token for the embedded reference server. */
export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

function inProcessTarget(options: RunOptions): InProcessTarget | undefined {
  const kinds = [options.handler, options.listener, options.container].filter((k) => k !== undefined);
  if (kinds.length > 1) {
    throw new HarnessError('USAGE', 'give at most one of handler, listener and container');
  }
  if (options.container && options.target !== undefined) {
    throw new HarnessError('USAGE', 'give either target or container, not both');
  }
  if (options.handler) {
    if (typeof options.handler !== 'function') throw new HarnessError('USAGE', 'handler must be a function');
    return { handler: options.handler };
  }
  if (options.listener) {
    if (typeof options.listener !== 'function')
      throw new HarnessError('USAGE', 'listener must be a function');
    return { listener: options.listener };
  }
  return undefined;
}

/**
 * Runs checks and returns the report (the `Report` contract of engine/runner/report.ts). Throws `HarnessError` (match on
 * `code`: USAGE, CONFIG_INVALID, TARGET_UNREACHABLE, TARGET_TIMEOUT, TARGET_TLS_ERROR, TARGET_AUTH_REJECTED,
 * TARGET_NOT_SCIM, TARGET_STOPPED_ANSWERING, NOT_AVAILABLE) when the run cannot happen (or go on) at all;
 * a target that misbehaves yields `fail` results instead. `exitCodeFor(report, failOn)` gives the CLI's exit code.
 */
export async function run(options: RunOptions = {}): Promise<Report> {
  const {
    handler: _handler,
    listener: _listener,
    container,
    profiles,
    suites,
    checks,
    reports,
    out,
    stdout,
    verbose,
    timeout,
    githubStepSummary,
    ...rest
  } = options;
  const inProcess = inProcessTarget(options);
  if (rest.rate !== undefined) parseRate(rest.rate, 'rate');
  const reporters = checkReporters(reports ?? []);
  const { catalogue, only, customSuites } = resolveSelection(suites, checks, options.only);
  const failOn = options.failOn ?? 'must';
  // Before the first request: a folder that cannot hold the reports would otherwise fail after the run.
  await checkOutFolder(reporters, out ?? 'reports');
  const consoleReporter = reporters.includes('console')
    ? createConsoleReporter({
        stream: stdout ?? process.stdout,
        env: process.env,
        ...(verbose !== undefined ? { verbose } : {}),
      })
    : undefined;
  const base: Omit<RunChecksOptions, 'target'> = {
    ...rest,
    // Safe on real endpoints: a wrong set-up stops before any check, a dead target stops the run (issue 16).
    preflight: rest.preflight ?? true,
    breaker: rest.breaker ?? DEFAULT_BREAKER,
    retryAfter: rest.retryAfter ?? DEFAULT_RETRY_AFTER,
    suites: catalogue,
    profiles: resolveProfiles(profiles),
    customSuites: [...customSuites, ...(rest.customSuites ?? [])],
    ...(only ? { only } : {}),
    failOn,
    ...(timeout !== undefined || rest.timeouts !== undefined
      ? {
          timeouts: {
            ...(timeout !== undefined ? { requestMs: timeout, headersMs: timeout, bodyMs: timeout } : {}),
            ...rest.timeouts,
          },
        }
      : {}),
    onStart: (info) => {
      consoleReporter?.start({ ...info, version: toolVersion() });
      rest.onStart?.(info);
    },
    onResult: (result) => {
      consoleReporter?.result(result);
      rest.onResult?.(result);
    },
  };

  let report: Report;
  if (inProcess) {
    report = await runChecks({
      ...base,
      target: options.target ?? IN_PROCESS_BASE_URL,
      createTransport: (transportOptions) => createInProcessTransport(inProcess, transportOptions),
    });
  } else if (container) {
    report = await withContainerTarget(container, (url) => runChecks({ ...base, target: url }));
  } else if (options.target !== undefined) {
    report = await runChecks({ ...base, target: options.target });
  } else {
    const token = options.token ?? randomToken();
    const server = await startServer({
      flavor: 'rfc',
      host: '127.0.0.1',
      port: 0,
      token,
      log: () => undefined,
    });
    try {
      report = await runChecks({ ...base, target: server.url, token });
    } finally {
      await server.close();
    }
  }
  consoleReporter?.end(report, failOn);
  await writeReports(
    report,
    reporters,
    out ?? 'reports',
    githubStepSummary ?? (reporters.includes('md') ? process.env.GITHUB_STEP_SUMMARY : undefined),
  );
  return report;
}

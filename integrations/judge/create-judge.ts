/**
 * Client judging in process: grade exchanges a test already has (`judgeRequests`), or collect them as they
 * happen (`createJudge`, which the msw handlers feed) and assert that no client requirement failed.
 * @module
 */
import { gates, type FailOn, type Report } from '../../engine/runner/index.js';
import { runClientChecks, type ClientCheck, type ClientExchange } from '../../engine/judge/index.js';
import type { Capabilities, CheckResult, ProfileInfo } from '../../engine/model/index.js';
import { splitTarget, type NewExchange } from '../../engine/recording/index.js';
import { resolveProfile, toProfileInfo } from '../../profiles/index.js';
import { CLIENT_CHECKS } from '../../suites/client/index.js';
import { referenceFilterSyntax } from './filter-syntax.js';

export interface JudgeSetup {
  /** Compare the client with an IdP profile: a shipped name (`okta`), a profile file, or a loaded profile. */
  as?: string | ProfileInfo;
  /** The server's discovery documents; default: what the client itself fetched from /ServiceProviderConfig etc. */
  capabilities?: Capabilities;
  /** Default `should`. */
  failOn?: FailOn;
  /** The SCIM base URL the client talks to (evidence URLs). */
  baseUrl?: string;
  /** Strings never to appear in the report (the server's token). */
  secrets?: string[];
  /** Default: every client requirement (suites/client). */
  checks?: readonly ClientCheck[];
}

function profileOf(as: JudgeSetup['as']): ProfileInfo | undefined {
  if (as === undefined) return undefined;
  return typeof as === 'string' ? toProfileInfo(resolveProfile(as)) : as;
}

/** Grades a finished session; the same verdicts as `scimulator judge` for the same requests. */
export async function judgeRequests(
  exchanges: readonly ClientExchange[],
  setup: JudgeSetup = {},
): Promise<Report> {
  const profile = profileOf(setup.as);
  return runClientChecks(exchanges, {
    checks: setup.checks ?? CLIENT_CHECKS,
    context: {
      filter: referenceFilterSyntax,
      ...(profile ? { profile } : {}),
      ...(setup.capabilities ? { capabilities: setup.capabilities } : {}),
    },
    failOn: setup.failOn ?? 'should',
    ...(setup.baseUrl !== undefined ? { baseUrl: setup.baseUrl } : {}),
    ...(setup.secrets ? { secrets: setup.secrets } : {}),
  });
}

/** Results that fail the gate of `failOn` (default `should`): what "no client requirement failed" asserts on. */
export function gatingFailures(report: Report, failOn: FailOn = 'should'): CheckResult[] {
  return report.results.filter(
    (r) => (r.outcome === 'fail' || r.outcome === 'error') && gates(r.level, failOn),
  );
}

export interface Judge {
  /** Adds one exchange (numbered in arrival order). */
  record(exchange: NewExchange): ClientExchange;
  /**
   * Adds a fetch exchange: `basePath` is the SCIM base path the server serves (e.g. `/scim/v2`); bodies are
   * passed as text because a Request or Response body can be read once.
   */
  recordFetch(call: {
    request: Request;
    requestBody: string;
    response: Response;
    responseBody: string;
    basePath: string;
    startedAt: number;
  }): ClientExchange;
  readonly exchanges: readonly ClientExchange[];
  report(): Promise<Report>;
  /** The gating failures of `report()`; empty when the client met every requirement. */
  failures(): Promise<CheckResult[]>;
}

const headersOf = (headers: Headers): Record<string, string> => {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => (out[name.toLowerCase()] = value));
  return out;
};

/** Collects exchanges as a client sends them; grading happens on `report()`. */
export function createJudge(setup: JudgeSetup = {}): Judge {
  const exchanges: ClientExchange[] = [];
  const record = (exchange: NewExchange): ClientExchange => {
    const numbered = { seq: exchanges.length + 1, ...exchange };
    exchanges.push(numbered);
    return numbered;
  };
  const report = () => judgeRequests(exchanges, setup);
  return {
    record,
    recordFetch({ request, requestBody, response, responseBody, basePath, startedAt }) {
      const url = new URL(request.url);
      const { path, query } = splitTarget(
        `${url.pathname}${request.url.includes('?') ? url.search || '?' : ''}`,
        basePath,
      );
      return record({
        startedAt: new Date(startedAt).toISOString(),
        ms: Math.round((Date.now() - startedAt) * 10) / 10,
        request: {
          method: request.method.toUpperCase(),
          path,
          query,
          headers: headersOf(request.headers),
          ...(requestBody !== '' ? { body: requestBody } : {}),
        },
        response: {
          status: response.status,
          headers: headersOf(response.headers),
          ...(responseBody !== '' ? { body: responseBody } : {}),
        },
      });
    },
    get exchanges() {
      return exchanges;
    },
    report,
    failures: async () => gatingFailures(await report(), setup.failOn ?? 'should'),
  };
}

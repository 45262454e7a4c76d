/**
 * Grades what a SCIM client sent against client requirements (checks passed in as data, never imported
 * from suites/) and builds the same `Report` as `run`, so every reporter and the exit code apply unchanged.
 * @module
 */
import type { CheckResult } from '../model/index.js';
import { gates, summarise, type FailOn, type ProfileVerdict, type Report } from '../runner/index.js';
import { toolVersion } from '../version.js';
import { toEvidence } from './evidence.js';
import { learnCapabilities } from './learn-capabilities.js';
import { buildSession } from './session.js';
import type { ClientCheck, ClientExchange, ClientVerdict, JudgeContext } from './types.js';

const CLIENT_SUITE = 'client';

interface JudgeOptions {
  checks: readonly ClientCheck[];
  /** Server knowledge; without `capabilities`, the discovery answers the client fetched are used. */
  context?: Partial<JudgeContext>;
  /** What gates the verdicts; default `should` (client requirements are mostly SHOULD, RFC 7644 binds servers). */
  failOn?: FailOn;
  /** The SCIM base URL the client talked to (evidence URLs and the report's `target`). */
  baseUrl?: string;
  /** Strings that must never reach the report (the server's token). */
  secrets?: readonly string[];
  startedAt?: string;
}

function verdictOf(check: ClientCheck, ctx: JudgeContext, run: () => ClientVerdict): ClientVerdict {
  if (check.profileLevel && !ctx.profile)
    return { kind: 'skip', reason: 'judged only against an IdP profile (--as <idp>)' };
  try {
    return run();
  } catch (err) {
    return {
      kind: 'fail',
      code: 'HARNESS_BUG',
      message: `the check itself broke: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

/** The outcome-specific fields of a result: failure details (with the fix), or the reason it was not judged. */
function detailOf(verdict: ClientVerdict, check: ClientCheck, hasEvidence: boolean): Partial<CheckResult> {
  switch (verdict.kind) {
    case 'fail':
      return {
        code: verdict.code,
        message: verdict.message,
        ...(verdict.expected !== undefined ? { expected: verdict.expected } : {}),
        ...(verdict.actual !== undefined ? { actual: verdict.actual } : {}),
        ...((verdict.fix ?? check.fix) !== undefined ? { fix: verdict.fix ?? check.fix } : {}),
        // The first evidence exchange is the first violation.
        ...(hasEvidence ? { decisive: 0 } : {}),
      };
    case 'skip':
    case 'inconclusive':
      return { message: verdict.reason };
    case 'blocked':
      return { message: verdict.reason, blockedBy: verdict.by };
    case 'pass':
      return verdict.message !== undefined ? { message: verdict.message } : {};
  }
}

/** Grades `exchanges` (any order; sorted by `seq`) and returns a report in the `run` shape. */
export async function runClientChecks(
  exchanges: readonly ClientExchange[],
  options: JudgeOptions,
): Promise<Report> {
  const started = Date.now();
  const ctx: JudgeContext = {
    ...options.context,
    capabilities: options.context?.capabilities ?? (await learnCapabilities(exchanges)),
  };
  const session = buildSession(exchanges, ctx.capabilities);
  const bySeq = new Map(exchanges.map((e) => [e.seq, e]));
  const baseUrl = options.baseUrl ?? '';
  const secrets = options.secrets ?? [];
  const failOn = options.failOn ?? 'should';
  const results: CheckResult[] = options.checks.map((check) => {
    const t0 = performance.now();
    const verdict = verdictOf(check, ctx, () => check.assert(session, ctx));
    const evidence = (verdict.evidence ?? []).flatMap((seq) => {
      const e = bySeq.get(seq);
      return e ? [toEvidence(e, baseUrl, secrets)] : [];
    });
    const harnessBroke = verdict.kind === 'fail' && verdict.code === 'HARNESS_BUG';
    return {
      id: check.id,
      title: check.title,
      suite: CLIENT_SUITE,
      profile: check.profileLevel && ctx.profile ? ctx.profile.name : 'rfc',
      level: check.level,
      rfc: check.rfc,
      ...(check.source ? { source: [...check.source] } : {}),
      ...(check.requirements ? { requirements: [...check.requirements] } : {}),
      outcome: harnessBroke ? 'error' : verdict.kind,
      ...detailOf(verdict, check, evidence.length > 0),
      explanation: check.explanation,
      exchanges: evidence,
      ms: Math.round((performance.now() - t0) * 10) / 10,
    };
  });
  return {
    tool: { name: 'scimulator', version: toolVersion() },
    target: baseUrl === '' ? 'client (in process)' : `client of ${baseUrl}`,
    startedAt: options.startedAt ?? new Date(started).toISOString(),
    durationMs: Date.now() - started,
    seed: 0,
    summary: summarise(results),
    verdicts: verdictsOf(results, ctx, failOn),
    results,
    cleanup: [],
  };
}

/** `rfc` always; the `--as` profile too, with the failures of its profile-level checks and of every RFC check. */
function verdictsOf(
  results: readonly CheckResult[],
  ctx: JudgeContext,
  failOn: FailOn,
): Record<string, ProfileVerdict> {
  const threshold: FailOn = failOn === 'never' ? 'must' : failOn;
  const names = ['rfc', ...(ctx.profile ? [ctx.profile.name] : [])];
  const verdicts: Record<string, ProfileVerdict> = {};
  // Judged only when a check counting against the name gave a decisive result (docs/verdicts.md).
  const decisive = (name: string) =>
    results.some(
      (r) =>
        (r.outcome === 'pass' || r.outcome === 'fail' || r.outcome === 'error') &&
        (r.profile === name || r.profile === 'rfc'),
    );
  for (const name of names)
    verdicts[name] = decisive(name)
      ? { judged: true, compatible: true, failed: [] }
      : { judged: false, reason: 'no check gave a decisive result', compatible: false, failed: [] };
  for (const r of results) {
    if ((r.outcome !== 'fail' && r.outcome !== 'error') || !gates(r.level, threshold)) continue;
    for (const name of r.profile === 'rfc' ? names : [r.profile]) {
      const v = verdicts[name];
      if (!v?.judged) continue;
      v.compatible = false;
      v.failed.push(r.id);
    }
  }
  return verdicts;
}

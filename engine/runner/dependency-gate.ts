/**
 * The dependency gate: a check whose prerequisite (`dependsOn`) failed, errored or was blocked is `blocked` by
 * it, so one cause gives one finding (docs/verdicts.md).
 * @module
 */
import type { AnyCheck, CheckResult, ProfileInfo } from '../model/index.js';

const BLOCKING: ReadonlySet<CheckResult['outcome']> = new Set(['fail', 'error', 'blocked']);

/** Remembers each finished result and says which prerequisite, if any, blocks a check. */
export class DependencyGate {
  private readonly results = new Map<string, CheckResult>();

  record(result: CheckResult): void {
    this.results.set(`${result.id}\u0000${result.profile}`, result);
  }

  /** The prerequisite's result in the same profile, else its one run (non-per-profile checks run as `rfc`). */
  private resultOf(id: string, profile: string): CheckResult | undefined {
    return this.results.get(`${id}\u0000${profile}`) ?? this.results.get(`${id}\u0000rfc`);
  }

  /** The first prerequisite of `check` that failed, errored or was blocked; prerequisites that did not run never block. */
  blocker(check: AnyCheck, profile: ProfileInfo): CheckResult | undefined {
    for (const id of check.dependsOn ?? []) {
      const prior = this.resultOf(id, profile.name);
      if (prior && BLOCKING.has(prior.outcome)) return prior;
    }
    return undefined;
  }
}

/** The message of a result blocked by `prior`. */
export function blockedMessage(prior: CheckResult): string {
  const what =
    prior.outcome === 'blocked'
      ? `was itself blocked by ${prior.blockedBy ?? 'a prerequisite'}`
      : prior.outcome === 'error'
        ? `errored (${prior.code ?? 'ERROR'})`
        : `failed (${prior.code ?? 'FAIL'})`;
  return `not judged: its prerequisite ${prior.id} ${what}`;
}

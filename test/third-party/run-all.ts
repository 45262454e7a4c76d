/**
 * Runs every built-in suite, in the rfc profile and every shipped IdP profile, against a third-party target.
 * @module
 */
import { runChecks, type CheckResult, type Report, type RunChecksOptions } from '../../engine/index.js';
import { loadProfiles, toProfileInfo } from '../../profiles/index.js';
import { SUITES } from '../../suites/index.js';

export const SEED = 20_251_128;

/** The whole catalogue, all shipped profiles, one fixed seed. */
export async function runAll(
  target: string,
  token: string,
  extra: Partial<RunChecksOptions> = {},
): Promise<Report> {
  return runChecks({
    target,
    token,
    suites: SUITES,
    profiles: [{ name: 'rfc', data: {} }, ...loadProfiles().map(toProfileInfo)],
    seed: SEED,
    ...extra,
  });
}

/** `id[@profile] LEVEL outcome CODE: message` for readable assertion diffs. */
export function describeResult(r: CheckResult): string {
  const at = r.profile === 'rfc' ? '' : `@${r.profile}`;
  return `${r.id}${at} ${r.level} ${r.outcome} ${r.code ?? ''}: ${r.message ?? ''}`;
}

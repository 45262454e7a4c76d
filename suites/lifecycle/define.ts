/** The shared shape of lifecycle checks: per profile, counted against the profile they ran in. */
import {
  defineCheck,
  type AnyCheck,
  type AssertContext,
  type Level,
  type Scenario,
  type Verdict,
} from '../../engine/index.js';

export const SUITE = 'lifecycle';

export interface LifecycleCheckSpec<T> {
  id: string;
  title: string;
  level: Level;
  /** Where the IdP behaviour is described, e.g. `idp-patterns.md §1.3`. */
  rfc: string;
  explanation: string;
  scenario: Scenario<T>;
  assert(result: T, ctx: AssertContext): Verdict;
}

/** A check factory: `profiles` is filled in by lifecycleSuite() with the profiles the suite runs for. */
export type LifecycleCheckFactory = (profiles: readonly string[]) => AnyCheck;

export function lifecycleCheck<T>(spec: LifecycleCheckSpec<T>): LifecycleCheckFactory {
  return (profiles) =>
    defineCheck<T>({
      ...spec,
      suite: SUITE,
      rfc: `IdP behaviour, ${spec.rfc}`,
      perProfile: true,
      profiles,
    });
}

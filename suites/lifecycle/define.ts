/** The shared shape of lifecycle checks: per profile, counted against the profile they ran in. */
import {
  defineCheck,
  type AnyCheck,
  type AssertContext,
  type HttpResult,
  type Level,
  type Scenario,
  type Verdict,
} from '../../engine/index.js';

export const SUITE = 'lifecycle';

export interface LifecycleCheckSpec<T> {
  id: string;
  title: string;
  level: Level;
  /** Where the IdP behaviour is described, e.g. `docs/idp/entra-id.md#create-and-matching`. */
  rfc: string;
  explanation: string;
  scenario: Scenario<T>;
  assert(result: T, ctx: AssertContext): Verdict;
  /**
   * The recorded answers of the step(s) the check judges (the step's own, or the prerequisite that kept it
   * from being sent); the result carries just their exchanges instead of the whole replay's.
   */
  evidence(result: T): ReadonlyArray<HttpResult | undefined>;
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
      evidence: (result) => spec.evidence(result).flatMap((res) => (res ? [res.exchange] : [])),
    });
}

/** The first of `steps` that has any recorded answer: a step's own, else the prerequisite that stopped it. */
export function firstSent(
  ...steps: ReadonlyArray<ReadonlyArray<HttpResult | undefined>>
): ReadonlyArray<HttpResult | undefined> {
  return steps.find((answers) => answers.some((a) => a !== undefined)) ?? [];
}

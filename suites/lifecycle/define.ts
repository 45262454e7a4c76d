/** The shared shape of lifecycle checks: per profile, counted against the profile they ran in. */
import { defineCheck, stepFor } from '../support/index.js';
import type {
  AnyCheck,
  AssertContext,
  HttpResult,
  Level,
  ProfileData,
  Scenario,
  StepAction,
} from '../support/index.js';
import { judgeStep, type Judgement } from './judge.js';

const SUITE = 'lifecycle';

export interface LifecycleCheckSpec<T> {
  id: string;
  title: string;
  level: Level;
  /** The profile step(s) the check judges, first match wins (as judgeStep is called with). */
  steps: readonly StepAction[];
  /** The RFC section of the request and answer judged, e.g. `RFC7644 3.5.2` for a PATCH step. */
  rfc: string;
  /** Where each IdP's expectation is described, e.g. `docs/idp/entra-id.md#create-and-matching`. */
  source: readonly string[];
  explanation: string;
  scenario: Scenario<T>;
  /** Judges the result as `profile`'s IdP does; run for the first of `steps` the profile sends (judgeStep). */
  judge(result: T, profile: ProfileData, ctx: AssertContext): Judgement;
  /**
   * The recorded answers of the step(s) the check judges (the step's own, or the prerequisite that kept it
   * from being sent); the result carries just their exchanges instead of the whole replay's.
   */
  evidence(result: T): ReadonlyArray<HttpResult | undefined>;
}

/** A check factory: `profiles` is filled in by lifecycleSuite() with the profiles the suite runs for. */
export type LifecycleCheckFactory = (profiles: readonly string[]) => AnyCheck;

/** Check id → the profile steps it judges, for listing each check's evidence tag under a profile. */
const LIFECYCLE_STEPS = new Map<string, readonly StepAction[]>();

export function lifecycleCheck<T>(spec: LifecycleCheckSpec<T>): LifecycleCheckFactory {
  LIFECYCLE_STEPS.set(spec.id, spec.steps);
  const { steps, judge, evidence, ...rest } = spec;
  return (profiles) =>
    defineCheck<T>({
      ...rest,
      suite: SUITE,
      perProfile: true,
      profiles,
      assert: (result, ctx) => judgeStep(ctx, steps, (profile) => judge(result, profile, ctx)),
      evidence: (result) => evidence(result).flatMap((res) => (res ? [res.exchange] : [])),
    });
}

/** What the checks of one group share (as checkRows gives a file's defaults); `id`, `title`, `explanation` are a row's own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any scenario result: each row is typed by its group's scenario
type LifecycleDefaults = Partial<Omit<LifecycleCheckSpec<any>, 'id' | 'title' | 'explanation'>>;

type GroupResult<D> = D extends { scenario: Scenario<infer R> } ? R : never;

/** A row of a group: the fields of a lifecycleCheck, those the group's defaults give being optional. */
type LifecycleRow<T, D> = Omit<LifecycleCheckSpec<T>, keyof D> & Partial<LifecycleCheckSpec<T>>;

/** A row naming its own scenario is typed by it, any other by the group's scenario. */
interface LifecycleRowBuilder<D> {
  <T>(row: LifecycleRow<T, D> & { scenario: Scenario<T> }): LifecycleCheckFactory;
  (row: LifecycleRow<GroupResult<D>, D>): LifecycleCheckFactory;
}

/**
 * A row builder for checks that judge the same step(s) of the same scenario: `row({ id, title, explanation,
 * judge, evidence })` is lifecycleCheck with the group's steps, level, rfc, source and scenario under it
 * (a field the row names wins).
 */
export function lifecycleRows<const D extends LifecycleDefaults>(defaults: D): LifecycleRowBuilder<D> {
  return <T>(row: LifecycleRow<T, D>) => lifecycleCheck({ ...defaults, ...row } as LifecycleCheckSpec<T>);
}

/** The first of `steps` that has any recorded answer: a step's own, else the prerequisite that stopped it. */
export function firstSent(
  ...steps: ReadonlyArray<ReadonlyArray<HttpResult | undefined>>
): ReadonlyArray<HttpResult | undefined> {
  return steps.find((answers) => answers.some((a) => a !== undefined)) ?? [];
}

const TAG_NAMES = { D: 'documented', O: 'observed', I: 'inferred' } as const;

/**
 * The evidence tag of the step a lifecycle check judges under `profile` (docs/idp/<idp>.md), "not sent"
 * when the profile does not send it, undefined for a check that is not a lifecycle check.
 */
export function checkEvidenceTag(checkId: string, profile: ProfileData): string | undefined {
  const steps = LIFECYCLE_STEPS.get(checkId);
  if (!steps) return undefined;
  const step = steps.map((a) => stepFor(profile, a)).find((s) => s !== undefined);
  return step ? `${TAG_NAMES[step.evidence]} (${step.source})` : 'not sent';
}

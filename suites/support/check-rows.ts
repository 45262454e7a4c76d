/**
 * One check form for every suite (issue 19): a file states what its checks share once (suite, rfc, scenario,
 * requires…), and each check is a named-field row that says only what is its own.
 * @module
 */
import {
  defineCheck,
  type AnyCheck,
  type CheckDefinition,
  type Scenario,
  type Verdict,
} from '../../engine/model/index.js';

/** What the checks of one file may share; `id`, `title`, `explanation` and `assert` are always a row's own. */
export type CheckDefaults = Partial<
  Omit<AnyCheck, 'id' | 'title' | 'explanation' | 'assert' | 'evidence'>
> & {
  suite: string;
};

type ScenarioResult<D> = D extends { scenario: Scenario<infer R> } ? R : unknown;

/** A row: every field of a check, those the defaults already give being optional. */
export type CheckRow<T, D> = Omit<CheckDefinition<T>, keyof D> & Partial<CheckDefinition<T>>;

/** Builds a file's rows: a row naming its own scenario is typed by it, any other by the default scenario. */
export interface RowBuilder<D> {
  <T>(row: CheckRow<T, D> & { scenario: Scenario<T> }): CheckDefinition<T>;
  (row: CheckRow<ScenarioResult<D>, D>): CheckDefinition<ScenarioResult<D>>;
}

/**
 * A row builder for one file: `row({ id, title, level, requirements, explanation, assert })` is the check with
 * the file's defaults under it (a field the row names wins). `before`, when given, is asked first by every
 * row's assert: a verdict it returns (a skip for a scenario that could not be set up) stands for the row's own.
 */
export function checkRows<const D extends CheckDefaults, R = ScenarioResult<D>>(
  defaults: D,
  before?: (result: R) => Verdict | undefined,
): RowBuilder<D> {
  return <T>(row: CheckRow<T, D>) => {
    const check = { ...defaults, ...row } as CheckDefinition<T>;
    if (!before) return defineCheck(check);
    const own = check.assert;
    return defineCheck({
      ...check,
      assert: (result, ctx) => before(result as unknown as R) ?? own(result, ctx),
    });
  };
}

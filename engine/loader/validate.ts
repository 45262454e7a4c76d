/**
 * Shape checks of user-authored checks and suites: TypeScript's types are gone at run time and
 * JavaScript files have none, so the loader checks what the runner relies on before any request.
 * @module
 */
import type { AnyCheck } from '../model/index.js';
import { isObject } from '../../protocol/json.js';

/** `area.operation.assertion`: three lower-case, dot-separated kebab-case segments (house style §2.2). */
const CHECK_ID = /^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/;
/** Suite names: lower-case kebab-case. */
export const SUITE_NAME = /^[a-z0-9][a-z0-9-]*$/;

const LEVELS = ['MUST', 'SHOULD', 'MAY'];
const REQUIREMENTS = ['discovery', 'patch', 'bulk', 'filter', 'sort', 'etag', 'changePassword', 'cursor'];

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Looks like a check (rather than a helper or a scenario): has `assert`, `level` or `scenario`. */
export function looksLikeCheck(value: unknown): value is Record<string, unknown> {
  return isObject(value) && ('assert' in value || 'level' in value || 'scenario' in value);
}

/** Looks like a suite: an object with a `checks` property. */
export function looksLikeSuite(value: unknown): value is Record<string, unknown> {
  return isObject(value) && 'checks' in value;
}

function requirementProblem(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return `${where} must be a list`;
  const bad = value.filter(
    (r) => typeof r !== 'string' || !(REQUIREMENTS.includes(r) || /^resourceType:.+$/.test(r)),
  );
  if (bad.length === 0) return undefined;
  return `${where} has unknown requirement(s) ${bad.map((r) => JSON.stringify(r)).join(', ')} (known: ${REQUIREMENTS.join(', ')}, resourceType:NAME)`;
}

/** Every reason `value` is not a usable check; `label` names it in messages (its id when it has one). */
export function checkProblems(value: unknown, label: string): string[] {
  if (!isObject(value)) return [`${label} is not a check object (use defineCheck({...}))`];
  const problems: string[] = [];
  const id = value['id'];
  const name = typeof id === 'string' && id !== '' ? `check ${id}` : label;
  if (typeof id !== 'string' || id === '')
    problems.push(`${name}: "id" is missing (format area.operation.assertion)`);
  else if (!CHECK_ID.test(id))
    problems.push(
      `${name}: id "${id}" is not of the form area.operation.assertion (lower-case kebab-case segments, e.g. acme.users.returns-201)`,
    );
  for (const key of ['title', 'explanation'] as const) {
    if (typeof value[key] !== 'string' || value[key] === '')
      problems.push(`${name}: "${key}" must be a non-empty string`);
  }
  if (typeof value['rfc'] !== 'string')
    problems.push(`${name}: "rfc" must be a string (e.g. "RFC7644 3.3", or "" for a non-RFC rule)`);
  const source = value['source'];
  if (source !== undefined && !(Array.isArray(source) && source.every((s) => typeof s === 'string')))
    problems.push(`${name}: "source" must be an array of strings (e.g. ["docs/idp/okta.md#group-push"])`);
  if (value['suite'] !== undefined && typeof value['suite'] !== 'string')
    problems.push(`${name}: "suite" must be a string`);
  if (!LEVELS.includes(value['level'] as string))
    problems.push(`${name}: "level" must be MUST, SHOULD or MAY, got ${JSON.stringify(value['level'])}`);
  if (typeof value['assert'] !== 'function')
    problems.push(`${name}: "assert" must be a function (result, ctx) => Verdict`);
  if (value['evidence'] !== undefined && typeof value['evidence'] !== 'function')
    problems.push(`${name}: "evidence" must be a function (result, exchanges) => exchanges`);
  const scenario = value['scenario'];
  if (!isObject(scenario)) {
    problems.push(`${name}: "scenario" must be an object {id, run} (use defineScenario({...}))`);
  } else {
    if (typeof scenario['id'] !== 'string' || scenario['id'] === '')
      problems.push(`${name}: "scenario.id" must be a non-empty string`);
    if (typeof scenario['run'] !== 'function')
      problems.push(`${name}: "scenario.run" must be a function (ctx) => Promise<result>`);
    const p = requirementProblem(scenario['requires'], `${name}: "scenario.requires"`);
    if (p) problems.push(p);
  }
  const p = requirementProblem(value['requires'], `${name}: "requires"`);
  if (p) problems.push(p);
  if (value['profiles'] !== undefined && !isStringList(value['profiles']))
    problems.push(`${name}: "profiles" must be a list of profile names`);
  if (value['requirements'] !== undefined && !isStringList(value['requirements']))
    problems.push(`${name}: "requirements" must be a list of strings`);
  if (value['perProfile'] !== undefined && typeof value['perProfile'] !== 'boolean')
    problems.push(`${name}: "perProfile" must be a boolean`);
  return problems;
}

/** Problems of a suite's own fields (its checks are checked one by one with checkProblems). */
export function suiteProblems(value: Record<string, unknown>, label: string): string[] {
  const problems: string[] = [];
  const name = value['name'];
  if (typeof name !== 'string' || !SUITE_NAME.test(name))
    problems.push(`${label}: "name" must be a lower-case kebab-case suite name, got ${JSON.stringify(name)}`);
  for (const key of ['title', 'description'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string')
      problems.push(`${label}: "${key}" must be a string`);
  }
  if (!Array.isArray(value['checks'])) problems.push(`${label}: "checks" must be a list of checks`);
  else if (value['checks'].length === 0) problems.push(`${label}: "checks" is empty`);
  return problems;
}

/** The value as a check, once checkProblems found nothing. */
export function asCheck(value: Record<string, unknown>): AnyCheck {
  return value as unknown as AnyCheck;
}

/** How the target reads what clients write: key order, unassigned values, externalId, primary (RFC 7643 §2, §3.1). */
import { checkRows, fail, isObject, notCreated, pass, skip } from '../support/index.js';
import type { AnyCheck, HttpResult, JsonObject, Verdict } from '../support/index.js';
import { member, type Posted } from './kit.js';
import { CREATE_STATUS_ID } from './samples.js';
import { primaryFilter, schemasLast, unassigned, type Variant } from './scenarios.js';

const check = checkRows({
  suite: 'resources',
  rfc: 'RFC7643 2.5',
  scenario: schemasLast,
  requires: ['resourceType:User'],
});

/** The POST and GET bodies of a variant, labelled; an answer that is not a 200/201 JSON object is left out. */
function returnedBodies(post: Posted, read: HttpResult | undefined): [string, JsonObject][] {
  const out: [string, JsonObject][] = [];
  for (const [label, res] of [
    ['POST User', post.response],
    ['GET User', read],
  ] as const) {
    if ((res?.status === 200 || res?.status === 201) && isObject(res.json)) out.push([label, res.json]);
  }
  return out;
}

/** Judges a variant's POST; a variant that was not sent is skipped with the reason its scenario gave. */
function onPosted(v: Variant, judge: (post: Posted) => Verdict): Verdict {
  return v.post ? judge(v.post) : skip(v.skipped ?? 'The variant was not sent');
}

const keyOrderIrrelevant = check({
  id: 'resources.order.schemas-last',
  title: 'A User whose body lists schemas as the last key is created',
  rfc: 'RFC7643 2.3.8',
  requirements: ['7643-2.3.8-a'],
  level: 'MUST',
  explanation:
    'RFC 7643 §2.3.8 says servers MUST NOT require any order of attributes in an object; JSON serialisers in IdPs order keys as they like.',
  assert: (v) =>
    onPosted(v, (post) => {
      const status = post.response.status;
      return status === 201
        ? pass()
        : fail(
            'STATUS_MISMATCH',
            `POST User with "schemas" as the last key answered ${status ?? 'nothing'}`,
            {
              expected: 201,
              actual: status,
            },
          );
    }),
});

const externalIdNotInvented = check({
  id: 'resources.external-id.not-invented',
  title: 'A User created without externalId comes back without one',
  rfc: 'RFC7643 3.1',
  requirements: ['7643-3.1-j'],
  level: 'MUST',
  explanation:
    "RFC 7643 §3.1 says externalId is issued by the provisioning client and the service provider MUST NOT specify it; an invented one breaks the client's correlation.",
  assert: (v) =>
    onPosted(v, (post) => {
      if (post.response.status !== 201)
        return skip(`The create answered ${post.response.status}, judged by resources.order.schemas-last`);
      for (const [label, body] of returnedBodies(post, v.read)) {
        const value = member(body, 'externalId');
        if (value !== undefined && value !== null) {
          return fail(
            'ATTRIBUTE_UNEXPECTED',
            `${label} has externalId ${JSON.stringify(value)}, which the client never sent`,
            {
              expected: 'absent',
              actual: value,
              pointer: '/externalId',
            },
          );
        }
      }
      return pass();
    }),
});

const unassignedValue = (v: unknown): boolean =>
  v === undefined || v === null || (Array.isArray(v) && v.length === 0);

/**
 * Whether `attr` reads back as "" after it was sent as null: RFC 7643 §2.5 does not name "", so this reading
 * is judged apart, at SHOULD (docs/verdicts.md, contested readings).
 */
const emptyStringFor = (body: JsonObject, attr: string | undefined): boolean =>
  attr !== undefined && member(body, attr) === '';

const nullAndEmptyAreUnassigned = check({
  id: 'resources.unassigned.null-and-empty',
  title: 'null and [] in a create are read as unassigned',
  requirements: ['7643-2.5-a'],
  level: 'MUST',
  explanation:
    'RFC 7643 §2.5 says unassigned, null and an empty array SHALL be equivalent in state: a create carrying them is accepted, and they come back unassigned.',
  scenario: unassigned,
  assert: (v) =>
    onPosted(v, (post) => {
      const sent = [v.nullAttr, v.emptyAttr].filter((a): a is string => a !== undefined);
      const status = post.response.status;
      if (status !== 201) {
        return fail(
          'STATUS_MISMATCH',
          `POST User with ${sent.map((a) => `${a}: ${a === v.nullAttr ? 'null' : '[]'}`).join(', ')} answered ${status ?? 'nothing'}`,
          {
            expected: 201,
            actual: status,
          },
        );
      }
      for (const [label, body] of returnedBodies(post, v.read)) {
        // "" for the null-sent attribute is left to resources.unassigned.null-not-empty-string.
        const assigned = sent.find(
          (a) => !unassignedValue(member(body, a)) && !(a === v.nullAttr && emptyStringFor(body, a)),
        );
        if (assigned !== undefined) {
          return fail(
            'VALUE_MISMATCH',
            `${label} returns ${assigned} as ${JSON.stringify(member(body, assigned))} after it was sent unassigned`,
            {
              expected: 'absent, null or []',
              actual: member(body, assigned),
              pointer: `/${assigned}`,
            },
          );
        }
      }
      return pass();
    }),
});

const nullNotEmptyString = check({
  id: 'resources.unassigned.null-not-empty-string',
  title: 'A string attribute sent as null does not come back as ""',
  requirements: ['7643-2.5-a'],
  level: 'SHOULD',
  strictLevel: 'MUST',
  dependsOn: ['resources.unassigned.null-and-empty'],
  explanation:
    'RFC 7643 §2.5 makes null equivalent to unassigned; an empty string is a value, but §2.5 does not name it, and many stores cannot tell the two apart, so returning "" is reported at SHOULD (MUST under --strict; docs/verdicts.md, contested readings).',
  fix: 'Store a null string attribute as unassigned and omit it from representations, rather than returning "".',
  scenario: unassigned,
  assert: (v) => {
    if (!v.post || v.nullAttr === undefined)
      return skip(v.skipped ?? 'No single-valued string was sent as null');
    for (const [label, body] of returnedBodies(v.post, v.read)) {
      if (emptyStringFor(body, v.nullAttr))
        return fail('VALUE_MISMATCH', `${label} returns ${v.nullAttr} as "" after it was sent as null`, {
          expected: 'absent or null',
          actual: '',
          pointer: `/${v.nullAttr}`,
        });
    }
    return pass();
  },
});

const absentPrimaryIsFalse = check({
  id: 'resources.primary.absent-means-false',
  title: 'emails[primary eq true] does not match an email without primary',
  rfc: 'RFC7643 2.4',
  requirements: ['7643-2.4-d'],
  level: 'MUST',
  requires: ['resourceType:User', 'filter'],
  explanation:
    'RFC 7643 §2.4 says a missing primary SHALL be treated as false; a filter for primary addresses must not return a User whose only email carries no primary flag.',
  scenario: primaryFilter,
  assert: (r) => {
    if (!r.userName) return notCreated('User', `The User was not created, judged by ${CREATE_STATUS_ID}`);
    if (!r.response)
      return skip('Filtering by userName did not find exactly the created User, judged by the filter suite');
    if (r.response.status !== 200) {
      return skip(
        `The value-path filter answered ${r.response.status}; value paths are judged by the filter suite`,
      );
    }
    const total = isObject(r.response.json) ? r.response.json['totalResults'] : undefined;
    return total === 0
      ? pass()
      : fail('VALUE_MISMATCH', `emails[primary eq true] matched ${r.userName}, whose email has no primary`, {
          expected: 0,
          actual: total,
          pointer: '/totalResults',
        });
  },
});

export const writeChecks: AnyCheck[] = [
  keyOrderIrrelevant,
  externalIdNotInvented,
  nullAndEmptyAreUnassigned,
  nullNotEmptyString,
  absentPrimaryIsFalse,
];

import fc from 'fast-check';
import { expect, test } from 'vitest';
import { ScimError } from '../core/scim-error.js';
import { USER_RESOURCE } from '../schema/index.js';
import { evaluateFilter, parseFilter, parsePatchPath } from './index.js';

/** `FUZZ_RUNS=200000 npm run fuzz` lengthens these runs; the seed stays fixed so failures reproduce. */
const numRuns = Number(process.env.FUZZ_RUNS ?? 2000);
const seed = 42;

function onlyScimError(fn: () => unknown, scimType: 'invalidFilter' | 'invalidPath'): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ScimError) || error.scimType !== scimType || error.status !== 400) throw error;
  }
}

const TOKENS = [
  'userName',
  'emails',
  'name.givenName',
  'emails.value',
  'meta.lastModified',
  'active',
  'members',
  'value',
  'urn:ietf:params:scim:schemas:core:2.0:User:userName',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
  'pr',
  'and',
  'or',
  'not',
  'AND',
  'Or',
  'NOT',
  '(',
  ')',
  '[',
  ']',
  '"x"',
  '"',
  '"\\u00e9"',
  '"\\',
  'true',
  'false',
  'null',
  '1',
  '-2.5e3',
  '.',
  ':',
  ' ',
  '  ',
  '"2011-05-13T04:42:34Z"',
  '$ref',
  '\t',
  '\u0000',
  'regex',
];

test('random strings only ever raise 400 invalidFilter', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      onlyScimError(() => parseFilter(text), 'invalidFilter');
      onlyScimError(() => parsePatchPath(text), 'invalidPath');
    }),
    { seed, numRuns },
  );
});

test('token soups only ever raise 400 invalidFilter, and what parses evaluates without crashing', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }), fc.boolean(), (tokens, spaced) => {
      const text = tokens.join(spaced ? ' ' : '');
      onlyScimError(
        () => evaluateFilter(parseFilter(text), { userName: 'x', emails: [{ value: 'a' }] }, USER_RESOURCE),
        'invalidFilter',
      );
      onlyScimError(() => parsePatchPath(text), 'invalidPath');
    }),
    { seed, numRuns },
  );
});

const attrPath = fc.constantFrom(
  'userName',
  'UserName',
  'title',
  'name.givenName',
  'emails.value',
  'meta.lastModified',
  'nosuch',
  'urn:ietf:params:scim:schemas:core:2.0:User:userName',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
);
const stringValue = fc.string({ maxLength: 10 }).map((s) => JSON.stringify(s));
const compValue = fc.oneof(stringValue, fc.constantFrom('true', 'false', 'null', '42', '-1.5'));
const operator = fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'EQ', 'Co');

const { filter: validFilter } = fc.letrec<{ filter: string; leaf: string }>((tie) => ({
  leaf: fc.oneof(
    fc.tuple(attrPath, operator, compValue).map(([p, o, v]) => `${p} ${o} ${v}`),
    attrPath.map((p) => `${p} pr`),
    fc
      .tuple(fc.constantFrom('type', 'value', 'primary'), operator, compValue)
      .map(([p, o, v]) => `emails[${p} ${o} ${v}]`),
  ),
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc
      .tuple(tie('filter'), fc.constantFrom('and', 'or', 'AND'), tie('filter'))
      .map(([l, k, r]) => `${l} ${k} ${r}`),
    tie('filter').map((f) => `(${f})`),
    tie('filter').map((f) => `not (${f})`),
  ),
}));

test('generated valid filters always parse', () => {
  fc.assert(
    fc.property(
      validFilter.filter((text) => text.length <= 4096 && !text.includes('((((((((((((((((((((')),
      (text) => {
        expect(() => parseFilter(text)).not.toThrow();
      },
    ),
    { seed, numRuns },
  );
});

import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { ScimError } from '../../core/index.js';
import { createQuirkSet } from '../../quirks/index.js';
import { createContext } from '../context.js';
import { queryFromSearch, queryFromSearchParams } from './list-query.js';

const numRuns = Number(process.env.FUZZ_RUNS ?? 1000);

const param = fc.constantFrom(
  'filter',
  'sortBy',
  'sortOrder',
  'startIndex',
  'count',
  'cursor',
  'attributes',
  'excludedAttributes',
  'x',
);
const value = fc.constantFrom(
  '',
  'userName',
  'descending',
  'up',
  '1',
  '-2',
  ' 3 ',
  'a,b',
  'emails.value',
  '%zz',
  '+',
);
const search = fc
  .array(fc.tuple(param, value), { maxLength: 4 })
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`));

function read(f: () => unknown): unknown {
  try {
    return f();
  } catch (error) {
    return { refused: (error as ScimError).detail };
  }
}

test('a query read by its text, again and again, is the query read from its parameters', () => {
  for (const quirks of [[], ['cursor-ignored', 'attributes-ignored']]) {
    const ctx = createContext(createQuirkSet(quirks), undefined);
    fc.assert(
      fc.property(search, (text) => {
        const fresh = read(() => queryFromSearchParams(ctx, new URLSearchParams(text)));
        for (let i = 0; i < 2; i++) {
          expect(read(() => queryFromSearch(ctx, text, () => new URLSearchParams(text)))).toEqual(fresh);
        }
      }),
      { numRuns, seed: 18 },
    );
  }
});

test('a kept query cannot be changed by the request that gets it', () => {
  const ctx = createContext(createQuirkSet([]), undefined);
  const text = '?attributes=userName';
  const first = queryFromSearch(ctx, text, () => new URLSearchParams(text));
  expect(() => first.projection.attributes?.push('x')).toThrow(TypeError);
  expect(queryFromSearch(ctx, text, () => new URLSearchParams(text)).projection).toEqual({
    attributes: ['userName'],
  });
});

import fc from 'fast-check';
import { expect, test } from 'vitest';
import { copyResource } from './copy-resource.js';

const numRuns = Number(process.env.FUZZ_RUNS ?? 2000);

const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 3 }),
    fc.double(),
    fc.boolean(),
    fc.constantFrom<unknown>(null, undefined, -0, Number.NaN, new Date(0)),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', '1', 'value', 'toString'), tie('value'), { maxKeys: 4 }),
  ),
}));

/** The same members in the same order at every level, which toStrictEqual does not check. */
function keyOrder(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return null;
  return Object.keys(v).map((k) => [k, keyOrder((v as Record<string, unknown>)[k])]);
}

test('copyResource gives what structuredClone gives, never sharing with the input', () => {
  fc.assert(
    fc.property(value, (v) => {
      const copied = copyResource(v);
      const cloned: unknown = structuredClone(v);
      expect(copied).toStrictEqual(cloned);
      expect(keyOrder(copied)).toStrictEqual(keyOrder(cloned));
      if (typeof v === 'object' && v !== null) expect(copied).not.toBe(v);
    }),
    { numRuns, seed: 11 },
  );
});

test('shapes only structuredClone copies exactly are left to it, errors included', () => {
  const shared = { value: 'x' };
  const aliased = copyResource({ a: shared, b: shared });
  expect(aliased.a).toBe(aliased.b);
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const copy = copyResource(cyclic);
  expect(copy.self).toBe(copy);
  const proto = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as Record<string, unknown>;
  expect(Object.keys(copyResource(proto))).toEqual(['__proto__', 'y']);
  // eslint-disable-next-line no-sparse-arrays
  expect(1 in copyResource([1, , 3])).toBe(false);
  const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
  expect(Object.getPrototypeOf(copyResource(nullProto))).toBe(Object.prototype);
  expect(() => copyResource({ f: () => 1 })).toThrow(/could not be cloned/);
});

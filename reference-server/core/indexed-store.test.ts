import fc from 'fast-check';
import { expect, test } from 'vitest';
import { IndexedStore, caseInsensitive } from './indexed-store.js';

const numRuns = Number(process.env.FUZZ_RUNS ?? 500);

interface Rec {
  name: string;
  tags: string[];
}

const newStore = (): IndexedStore<Rec, 'name' | 'tags'> =>
  new IndexedStore<Rec, 'name' | 'tags'>({
    name: { keys: (r) => [r.name], normalise: caseInsensitive },
    tags: { keys: (r) => r.tags },
  });

const key = fc.constantFrom('a', 'A', 'b', 'c');
const id = fc.constantFrom('1', '2', '3', '4');
const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id, name: key, tags: fc.array(key, { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('delete' as const), id }),
);

/** A list of records in insertion order: what every index answer is checked against. */
function modelIds(model: Map<string, Rec>, index: 'name' | 'tags', k: string): string[] {
  const out: string[] = [];
  for (const [recId, r] of model) {
    const keys = index === 'name' ? [r.name.toLowerCase()] : r.tags;
    if (keys.includes(index === 'name' ? k.toLowerCase() : k)) out.push(recId);
  }
  return out;
}

test('firstBy and hasOtherThan agree with idsBy, and idsBy with a plain scan', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
      const store = newStore();
      const model = new Map<string, Rec>();
      for (const o of ops) {
        if (o.kind === 'set') {
          store.set(o.id, { name: o.name, tags: o.tags });
          model.set(o.id, { name: o.name, tags: o.tags });
        } else {
          expect(store.delete(o.id)).toBe(model.delete(o.id));
        }
        for (const index of ['name', 'tags'] as const) {
          for (const k of ['a', 'A', 'b', 'c', 'z']) {
            const ids = store.idsBy(index, k);
            // Replacing a record re-files it last, as deleting and adding it would.
            expect([...ids].sort()).toEqual(modelIds(model, index, k).sort());
            expect(store.firstBy(index, k)).toBe(store.findBy(index, k)[0]);
            for (const except of [undefined, '1', '2', '3', '4']) {
              expect(store.hasOtherThan(index, k, except)).toBe(ids.some((x) => x !== except));
            }
          }
        }
      }
    }),
    { numRuns, seed: 18 },
  );
});

test('an unknown index name is a programming error', () => {
  const store = newStore();
  expect(() => store.firstBy('nope' as 'name', 'a')).toThrow(TypeError);
  expect(() => store.hasOtherThan('nope' as 'name', 'a')).toThrow(TypeError);
});

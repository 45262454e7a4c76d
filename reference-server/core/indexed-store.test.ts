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

/**
 * The store as first written, with plain arrays: a replaced record is taken out of every index and filed again,
 * so within a key its id moves behind the ids filed before it. The oracle for ids and their order.
 */
class Oracle {
  readonly records = new Map<string, Rec>();
  readonly lists = { name: new Map<string, string[]>(), tags: new Map<string, string[]>() };
  static keys(index: 'name' | 'tags', r: Rec): string[] {
    return index === 'name' ? [r.name.toLowerCase()] : r.tags;
  }
  set(recId: string, r: Rec): void {
    const previous = this.records.get(recId);
    if (previous) this.#unfile(recId, previous);
    this.records.set(recId, r);
    for (const index of ['name', 'tags'] as const) {
      for (const k of Oracle.keys(index, r)) {
        const list = this.lists[index].get(k) ?? [];
        if (!list.includes(recId)) list.push(recId);
        this.lists[index].set(k, list);
      }
    }
  }
  delete(recId: string): boolean {
    const previous = this.records.get(recId);
    if (!previous) return false;
    this.#unfile(recId, previous);
    return this.records.delete(recId);
  }
  ids(index: 'name' | 'tags', k: string): string[] {
    return this.lists[index].get(index === 'name' ? k.toLowerCase() : k) ?? [];
  }
  #unfile(recId: string, r: Rec): void {
    for (const index of ['name', 'tags'] as const) {
      for (const k of Oracle.keys(index, r)) {
        const list = (this.lists[index].get(k) ?? []).filter((x) => x !== recId);
        if (list.length > 0) this.lists[index].set(k, list);
        else this.lists[index].delete(k);
      }
    }
  }
}

test('idsBy (order included), findBy, firstBy and hasOtherThan agree with the oracle', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
      const store = newStore();
      const oracle = new Oracle();
      for (const o of ops) {
        if (o.kind === 'set') {
          store.set(o.id, { name: o.name, tags: o.tags });
          oracle.set(o.id, { name: o.name, tags: o.tags });
        } else {
          expect(store.delete(o.id)).toBe(oracle.delete(o.id));
        }
        for (const index of ['name', 'tags'] as const) {
          for (const k of ['a', 'A', 'b', 'c', 'z']) {
            const ids = oracle.ids(index, k);
            expect(store.idsBy(index, k)).toEqual(ids);
            expect(store.findBy(index, k)).toEqual(ids.map((x) => oracle.records.get(x)));
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

/**
 * An in-memory record store with secondary indexes, so lookups by userName, externalId, e-mail and the
 * like are O(1) instead of scans. Keys of an index are normalised by the index's own function
 * (lower-casing for case-insensitive attributes, RFC 7643 §2.1 caseExact=false).
 */

interface IndexDefinition<T> {
  /** Keys the record is filed under in this index; empty when it has none. */
  keys: (record: T) => readonly string[];
  /** Normalises a key before it is stored or looked up. */
  normalise?: (key: string) => string;
}

const identity = (key: string): string => key;
export const caseInsensitive = (key: string): string => key.toLowerCase();

/** Ids under one key: a single id on its own (most keys are unique), a Set once a second one arrives. */
type Ids = string | Set<string>;

export class IndexedStore<T, I extends string = string> {
  readonly #records = new Map<string, T>();
  readonly #indexes = new Map<I, { def: IndexDefinition<T>; map: Map<string, Ids> }>();

  constructor(indexes: Record<I, IndexDefinition<T>>) {
    for (const [name, def] of Object.entries(indexes) as [I, IndexDefinition<T>][]) {
      this.#indexes.set(name, { def, map: new Map() });
    }
  }

  get size(): number {
    return this.#records.size;
  }

  get(id: string): T | undefined {
    return this.#records.get(id);
  }

  has(id: string): boolean {
    return this.#records.has(id);
  }

  /** Records in insertion order; a live iterator, so callers can stream without copying. */
  values(): IterableIterator<T> {
    return this.#records.values();
  }

  entries(): IterableIterator<[string, T]> {
    return this.#records.entries();
  }

  /** Ids filed under `key` in index `name`. */
  idsBy(name: I, key: string): readonly string[] {
    const index = this.#index(name);
    const ids = index.map.get((index.def.normalise ?? identity)(key));
    if (ids === undefined) return [];
    return typeof ids === 'string' ? [ids] : [...ids];
  }

  findBy(name: I, key: string): T[] {
    return this.idsBy(name, key).map((id) => this.#records.get(id) as T);
  }

  /** Inserts or replaces the record stored under `id`, re-filing it in every index. */
  set(id: string, record: T): void {
    const previous = this.#records.get(id);
    if (previous !== undefined) this.#unindex(id, previous);
    this.#records.set(id, record);
    for (const { def, map } of this.#indexes.values()) {
      const norm = def.normalise ?? identity;
      for (const key of def.keys(record)) {
        const k = norm(key);
        const ids = map.get(k);
        if (ids === undefined) map.set(k, id);
        else if (typeof ids !== 'string') ids.add(id);
        // Insertion order is kept: the first id, then the new one.
        else if (ids !== id) map.set(k, new Set([ids, id]));
      }
    }
  }

  delete(id: string): boolean {
    const previous = this.#records.get(id);
    if (previous === undefined) return false;
    this.#unindex(id, previous);
    this.#records.delete(id);
    return true;
  }

  clear(): void {
    this.#records.clear();
    for (const index of this.#indexes.values()) index.map.clear();
  }

  #index(name: I): { def: IndexDefinition<T>; map: Map<string, Ids> } {
    const index = this.#indexes.get(name);
    if (!index) throw new TypeError(`Unknown index ${name}`);
    return index;
  }

  #unindex(id: string, record: T): void {
    for (const { def, map } of this.#indexes.values()) {
      const norm = def.normalise ?? identity;
      for (const key of def.keys(record)) {
        const k = norm(key);
        const ids = map.get(k);
        if (ids === undefined) continue;
        if (typeof ids === 'string') {
          if (ids === id) map.delete(k);
          continue;
        }
        ids.delete(id);
        if (ids.size === 0) map.delete(k);
      }
    }
  }
}

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

/** One index: its definition's functions and its key → ids map. */
interface Index<T> {
  readonly keys: (record: T) => readonly string[];
  readonly normalise: (key: string) => string;
  readonly map: Map<string, Ids>;
}

export class IndexedStore<T, I extends string = string> {
  readonly #records = new Map<string, T>();
  // A list to walk on every write and a name lookup for reads: no iterator or destructuring per write.
  readonly #list: Index<T>[] = [];
  readonly #byName = new Map<I, Index<T>>();

  constructor(indexes: Record<I, IndexDefinition<T>>) {
    for (const [name, def] of Object.entries(indexes) as [I, IndexDefinition<T>][]) {
      const index: Index<T> = { keys: def.keys, normalise: def.normalise ?? identity, map: new Map() };
      this.#list.push(index);
      this.#byName.set(name, index);
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
    const ids = this.#ids(name, key);
    if (ids === undefined) return [];
    return typeof ids === 'string' ? [ids] : [...ids];
  }

  findBy(name: I, key: string): T[] {
    return this.idsBy(name, key).map((id) => this.#records.get(id) as T);
  }

  /** `findBy(name, key)[0]` without the arrays. */
  firstBy(name: I, key: string): T | undefined {
    const ids = this.#ids(name, key);
    if (ids === undefined) return undefined;
    return this.#records.get(typeof ids === 'string' ? ids : (ids.values().next().value as string));
  }

  /** Whether any id other than `except` is filed under `key`: `idsBy(name, key).some((id) => id !== except)`. */
  hasOtherThan(name: I, key: string, except?: string): boolean {
    const ids = this.#ids(name, key);
    if (ids === undefined) return false;
    if (typeof ids === 'string') return ids !== except;
    return ids.size > (except !== undefined && ids.has(except) ? 1 : 0);
  }

  /** Inserts or replaces the record stored under `id`, re-filing it in every index. */
  set(id: string, record: T): void {
    const previous = this.#records.get(id);
    this.#records.set(id, record);
    const list = this.#list;
    for (let i = 0; i < list.length; i++) {
      const index = list[i] as Index<T>;
      if (previous !== undefined) {
        // A replacement that keeps this index's keys, each held by this record alone, leaves the index as it
        // was: re-filing would change nothing, not even an order (most updates touch no indexed attribute).
        if (sameSoleKeys(index, id, previous, record)) continue;
        unfile(index, id, previous);
      }
      file(index, id, record);
    }
  }

  delete(id: string): boolean {
    const previous = this.#records.get(id);
    if (previous === undefined) return false;
    for (const index of this.#list) unfile(index, id, previous);
    this.#records.delete(id);
    return true;
  }

  clear(): void {
    this.#records.clear();
    for (const index of this.#list) index.map.clear();
  }

  #ids(name: I, key: string): Ids | undefined {
    const index = this.#byName.get(name);
    if (!index) throw new TypeError(`Unknown index ${name}`);
    return index.map.get(index.normalise(key));
  }
}

/** Files `id` under each of the record's keys in one index. */
function file<T>({ keys, normalise, map }: Index<T>, id: string, record: T): void {
  const recordKeys = keys(record);
  for (let j = 0; j < recordKeys.length; j++) {
    const k = normalise(recordKeys[j] as string);
    const ids = map.get(k);
    if (ids === undefined) map.set(k, id);
    else if (typeof ids !== 'string') ids.add(id);
    // Insertion order is kept: the first id, then the new one.
    else if (ids !== id) map.set(k, new Set([ids, id]));
  }
}

/** Takes `id` out from under each of the record's keys in one index. */
function unfile<T>({ keys, normalise, map }: Index<T>, id: string, record: T): void {
  const recordKeys = keys(record);
  for (let j = 0; j < recordKeys.length; j++) {
    const k = normalise(recordKeys[j] as string);
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

/** Whether both records have the same keys in this index, in the same order, each filed for `id` alone. */
function sameSoleKeys<T>({ keys, normalise, map }: Index<T>, id: string, before: T, after: T): boolean {
  const a = keys(before);
  const b = keys(after);
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) {
    const k = normalise(a[j] as string);
    if (k !== normalise(b[j] as string) || map.get(k) !== id) return false;
  }
  return true;
}

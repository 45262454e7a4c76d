/**
 * Makes in-memory IndexedStores durable: every `set`, `delete` and `clear` is journalled (and flushed)
 * before it is applied, and the journal is replayed into the stores on start. A change whose journal write
 * fails is not applied, so the client gets an error and memory never runs ahead of the file.
 * @module
 */
import type { IndexedStore } from '../core/index.js';
import { openJournal } from './journal.js';

/** One committed change of one named store. */
type StoreChange =
  | { op: 'set'; store: string; id: string; value: unknown }
  | { op: 'delete'; store: string; id: string }
  | { op: 'clear'; store: string };

export interface PersistedStores {
  /** How many changes were replayed from the file. */
  replayed: number;
  /** True when a torn last record (a crash mid-write) was found and dropped. */
  recovered: boolean;
  close(): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the stores differ in record and index types
type AnyStore = IndexedStore<any, any>;

/** Replays `file` into `stores` (by name), then journals every later change to them. */
export function persistStores(file: string, stores: Record<string, AnyStore>): PersistedStores {
  const journal = openJournal<StoreChange>(file);
  for (const [i, change] of journal.records.entries()) {
    const store = stores[change.store];
    if (!store)
      throw new TypeError(`data file ${file}: record ${i + 1} names an unknown store "${change.store}"`);
    if (change.op === 'set') store.set(change.id, change.value);
    else if (change.op === 'delete') store.delete(change.id);
    else store.clear();
  }
  for (const [name, store] of Object.entries(stores)) {
    const set = store.set.bind(store);
    const del = store.delete.bind(store);
    const clear = store.clear.bind(store);
    store.set = (id: string, value: unknown): void => {
      journal.append({ op: 'set', store: name, id, value });
      set(id, value);
    };
    store.delete = (id: string): boolean => {
      if (!store.has(id)) return false;
      journal.append({ op: 'delete', store: name, id });
      return del(id);
    };
    store.clear = (): void => {
      journal.append({ op: 'clear', store: name });
      clear();
    };
  }
  return { replayed: journal.records.length, recovered: journal.recovered, close: () => journal.close() };
}

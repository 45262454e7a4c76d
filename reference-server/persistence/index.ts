export { openJournal, frame, JournalError } from './journal.js';
export type { Journal } from './journal.js';
export { persistStores } from './persist-stores.js';
export type { PersistedStores, StoreChange } from './persist-stores.js';

export { openJournal, frame, JournalError } from './journal.js';
export { persistStores } from './persist-stores.js';
export type { PersistedStores } from './persist-stores.js';

import { IndexedStore, caseInsensitive } from '../core/index.js';
import type { QuirkSet } from '../quirks/index.js';
import { DEFAULT_CURSOR_TIMEOUT_SECONDS } from './constants.js';
import { CursorStore } from './list/cursor-store.js';

/** A stored resource: a plain JSON object exactly as the server interprets it (RFC 7644 §3.1). */
export type Resource = Record<string, unknown>;

/** Secondary indexes of the user store, all case-insensitive (RFC 7643 §2.1 caseExact=false lookups). */
type UserIndex = 'userName' | 'externalId' | 'emails';
/** Secondary indexes of the group store; `members` finds the groups a resource belongs to. */
type GroupIndex = 'displayName' | 'externalId' | 'members';

/** Everything a handler needs; built once per server so tests get isolated state. */
export interface RfcContext {
  users: IndexedStore<Resource, UserIndex>;
  groups: IndexedStore<Resource, GroupIndex>;
  /**
   * Last state of deleted users, which GET still serves: present only with the
   * `deleted-user-still-readable` quirk (its one decision point), so a clean server keeps nothing.
   */
  tombstones: Map<string, Resource> | undefined;
  quirks: QuirkSet;
  /** Cursors of RFC 9865 paging, and the seconds each stays valid (advertised as `pagination.cursorTimeout`). */
  cursors: CursorStore;
  cursorTimeout: number;
  /** A new weak entity tag, different from every earlier one (RFC 7644 §3.14). */
  nextVersion: () => string;
  now: () => string;
}

function stringKey(record: Resource, key: string): string[] {
  const value = record[key];
  return typeof value === 'string' ? [value] : [];
}

function subValues(record: Resource, key: string): string[] {
  const list = record[key];
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const item of list as unknown[]) {
    const value = (item as Resource | null)?.value;
    if (typeof value === 'string') out.push(value);
  }
  return out;
}

/**
 * `new Date().toISOString()`, formatted in full once per second: within one second only the milliseconds
 * before the closing `Z` change, and toISOString is slow next to every other step of a write.
 */
function isoClock(): () => string {
  let second = Number.NaN;
  let prefix = '';
  return () => {
    const ms = Date.now();
    const s = Math.floor(ms / 1000);
    if (s !== second) {
      second = s;
      prefix = new Date(ms).toISOString().slice(0, -4);
    }
    return `${prefix}${String(ms - s * 1000).padStart(3, '0')}Z`;
  };
}

/** Builds the stores with the O(1) lookups that equality filters and uniqueness checks use. */
export function createContext(
  quirks: QuirkSet,
  cursorTimeout: number = DEFAULT_CURSOR_TIMEOUT_SECONDS,
): RfcContext {
  let version = 0;
  // The `cursor-timeout-shorter` quirk keeps cursors an eighth of the advertised minimum (RFC 9865 §4).
  const timeoutMs = (cursorTimeout * 1000) / (quirks.has('cursor-timeout-shorter') ? 8 : 1);
  return {
    users: new IndexedStore<Resource, UserIndex>({
      userName: { keys: (r) => stringKey(r, 'userName'), normalise: caseInsensitive },
      externalId: { keys: (r) => stringKey(r, 'externalId'), normalise: caseInsensitive },
      emails: { keys: (r) => subValues(r, 'emails'), normalise: caseInsensitive },
    }),
    groups: new IndexedStore<Resource, GroupIndex>({
      displayName: { keys: (r) => stringKey(r, 'displayName'), normalise: caseInsensitive },
      externalId: { keys: (r) => stringKey(r, 'externalId'), normalise: caseInsensitive },
      members: { keys: (r) => subValues(r, 'members') },
    }),
    tombstones: quirks.has('deleted-user-still-readable') ? new Map() : undefined,
    quirks,
    cursors: new CursorStore({
      timeoutMs,
      unsafe: quirks.has('cursor-unsafe-characters'),
      wrongScimType: quirks.has('cursor-wrong-scimtype'),
      expired500: quirks.has('cursor-expired-500'),
      acceptUnknown: quirks.has('cursor-invalid-accepted'),
    }),
    cursorTimeout,
    nextVersion: () => `W/"${(++version).toString(36)}"`,
    now: isoClock(),
  };
}

/**
 * Server-side cursor state for RFC 9865 paging: each cursor is a random URL-safe token naming an offset into
 * one query's results, valid for `timeoutMs` after it was issued (RFC 9865 §2, §4 cursorTimeout).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { ScimError } from '../../core/index.js';
import { MAX_CURSORS } from '../constants.js';

interface Entry {
  offset: number;
  /** The query the cursor belongs to: RFC 9865 §2 has the client repeat it unchanged. */
  query: string;
  expiresAt: number;
}

interface CursorStoreOptions {
  timeoutMs: number;
  /** Token alphabet: `base64url` (RFC 3986 §2.3 unreserved characters) or the `cursor-unsafe-characters` quirk's. */
  unsafe?: boolean;
  /** Errors for bad cursors: their RFC 9865 §2.1 keywords, or the `cursor-wrong-scimtype` quirk's invalidValue. */
  wrongScimType?: boolean;
  /** The `cursor-expired-500` quirk. */
  expired500?: boolean;
  /** The `cursor-invalid-accepted` quirk: an unknown cursor reads as the first page. */
  acceptUnknown?: boolean;
  now?: () => number;
}

export class CursorStore {
  readonly #entries = new Map<string, Entry>();
  readonly #options: CursorStoreOptions;

  constructor(options: CursorStoreOptions) {
    this.#options = options;
  }

  /** A new cursor naming `offset` of `query`. */
  issue(query: string, offset: number): string {
    const token = randomBytes(16).toString(this.#options.unsafe ? 'base64' : 'base64url');
    if (this.#entries.size >= MAX_CURSORS) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(token, { offset, query, expiresAt: this.#now() + this.#options.timeoutMs });
    return token;
  }

  /** The offset a cursor names, or the RFC 9865 §2.1 error for an unknown, foreign or expired one. */
  resolve(token: string, query: string): number {
    if (token === '') return 0;
    const entry = this.#entries.get(token);
    if (!entry || entry.query !== query) {
      if (this.#options.acceptUnknown) return 0;
      throw this.#error(
        'invalidCursor',
        'The cursor is not one this server issued for this query; start again with an empty cursor (RFC 9865 §2.1)',
      );
    }
    if (this.#now() > entry.expiresAt) {
      if (this.#options.expired500) throw ScimError.internal('Cursor lookup failed');
      throw this.#error(
        'expiredCursor',
        'The cursor has expired; request pages within the advertised cursorTimeout (RFC 9865 §2.1)',
      );
    }
    return entry.offset;
  }

  #error(scimType: 'invalidCursor' | 'expiredCursor', detail: string): ScimError {
    return ScimError.badRequest(this.#options.wrongScimType ? 'invalidValue' : scimType, detail);
  }

  #now(): number {
    return this.#options.now ? this.#options.now() : Date.now();
  }
}

import type { IndexedStore } from '../../core/index.js';
import type { ResourceSchema } from '../../schema/index.js';
import type { Resource } from '../context.js';

/** What differs between Users and Groups; the service code is shared so both follow RFC 7644 §3 identically. */
export interface ResourceKind {
  name: 'User' | 'Group';
  endpoint: 'Users' | 'Groups';
  schema: ResourceSchema;
  store: IndexedStore<Resource, string>;
  /** The attribute that must be unique (RFC 7644 §3.3) and the index that finds it. */
  unique: { attribute: 'userName' | 'displayName'; index: string };
}

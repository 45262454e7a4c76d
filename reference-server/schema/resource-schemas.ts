import { ENTERPRISE_USER_SCHEMA } from './enterprise-user-schema.js';
import { GROUP_SCHEMA } from './group-schema.js';
import type { ResourceSchema } from './types.js';
import { USER_SCHEMA } from './user-schema.js';

/** The User resource type with the enterprise extension (RFC 7643 §6, §8.6). */
export const USER_RESOURCE: ResourceSchema = { core: USER_SCHEMA, extensions: [ENTERPRISE_USER_SCHEMA] };

/** The Group resource type, which has no extensions (RFC 7643 §8.6). */
export const GROUP_RESOURCE: ResourceSchema = { core: GROUP_SCHEMA, extensions: [] };

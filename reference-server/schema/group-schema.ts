import { defineAttribute as a } from './define-attribute.js';
import type { SchemaDefinition } from './types.js';
import { URN } from '../../protocol/urns.js';

/** The core Group schema (RFC 7643 §4.2, §8.7.1); displayName required per errata 5368. */
export const GROUP_SCHEMA: SchemaDefinition = {
  id: URN.group,
  name: 'Group',
  description: 'Group',
  attributes: [
    a('displayName', 'string', 'A human-readable name for the Group.', { required: true }),
    a('members', 'complex', 'A list of members of the Group.', {
      multiValued: true,
      subAttributes: [
        a('value', 'string', 'Identifier of the member of this Group.', { mutability: 'immutable' }),
        a('$ref', 'reference', 'The URI of the member resource.', {
          mutability: 'immutable',
          referenceTypes: ['User', 'Group'],
        }),
        a('display', 'string', 'A human-readable name for the member.', { mutability: 'readOnly' }),
        a('type', 'string', 'The type of the member resource.', {
          mutability: 'immutable',
          canonicalValues: ['User', 'Group'],
        }),
      ],
    }),
  ],
};

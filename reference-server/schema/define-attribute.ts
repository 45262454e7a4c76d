import type { AttributeDefinition, AttributeType } from './types.js';

type Overrides = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'description'>>;

/** Builds a definition with the RFC 7643 §2.2 defaults so the schema tables only state what differs. */
export function defineAttribute(
  name: string,
  type: AttributeType,
  description: string,
  overrides: Overrides = {},
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...overrides,
  };
}

/** The value/display/type/primary quartet shared by the User multi-valued attributes (RFC 7643 §2.4). */
export function multiValuedQuartet(
  noun: string,
  canonicalTypes: string[],
  valueType: AttributeType = 'string',
  valueExtras: Overrides = {},
): AttributeDefinition[] {
  return [
    defineAttribute('value', valueType, `The ${noun} value.`, valueExtras),
    defineAttribute('display', 'string', `A human-readable name for the ${noun}.`),
    defineAttribute('type', 'string', `A label indicating the ${noun}'s function.`, {
      canonicalValues: canonicalTypes,
    }),
    defineAttribute('primary', 'boolean', `Whether this is the primary ${noun}.`),
  ];
}

/**
 * Attribute and schema definitions as published on /Schemas (RFC 7643 §2.2, §7).
 */

/** RFC 7643 §2.3 data types (binary added by errata 5606). */
export type AttributeType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';

/** One attribute's characteristics (RFC 7643 §2.2, §7). */
export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
}

/** A schema resource (RFC 7643 §7). */
export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

/** A resource type's core schema plus its extensions (RFC 7643 §6). */
export interface ResourceSchema {
  core: SchemaDefinition;
  extensions: SchemaDefinition[];
}

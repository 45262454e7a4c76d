import { defineAttribute as a } from './define-attribute.js';
import type { SchemaDefinition } from './types.js';
import { URN } from '../../protocol/urns.js';

/** The Enterprise User extension (RFC 7643 §4.3, §8.7.1), with errata 8472 (manager.value caseExact). */
export const ENTERPRISE_USER_SCHEMA: SchemaDefinition = {
  id: URN.enterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    a('employeeNumber', 'string', 'Numeric or alphanumeric identifier assigned to a person.'),
    a('costCenter', 'string', 'Identifies the name of a cost center.'),
    a('organization', 'string', 'Identifies the name of an organization.'),
    a('division', 'string', 'Identifies the name of a division.'),
    a('department', 'string', 'Identifies the name of a department.'),
    a('manager', 'complex', "The User's manager.", {
      subAttributes: [
        a('value', 'string', 'The id of the SCIM resource representing the manager.', { caseExact: true }),
        a('$ref', 'reference', 'The URI of the SCIM resource representing the manager.', {
          referenceTypes: ['User'],
        }),
        a('displayName', 'string', 'The displayName of the manager.', { mutability: 'readOnly' }),
      ],
    }),
  ],
};

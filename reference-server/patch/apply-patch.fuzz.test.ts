import fc from 'fast-check';
import { test } from 'vitest';
import { ScimError } from '../core/scim-error.js';
import { GROUP_RESOURCE, USER_RESOURCE } from '../schema/index.js';
import { applyPatch } from './index.js';
import { URN } from '../../protocol/urns.js';

/** `FUZZ_RUNS` lengthens the run for `npm run fuzz`; the seed is fixed so a failure reproduces. */
const numRuns = Number(process.env.FUZZ_RUNS ?? 2000);

const USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u1',
  userName: 'bjensen',
  name: { givenName: 'B' },
  active: true,
  emails: [{ value: 'a@x', type: 'work', primary: true }, { value: 'b@y' }],
  groups: [{ value: 'g' }],
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { manager: { value: 'm' } },
};
const GROUP = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'g',
  displayName: 'G',
  members: [{ value: 'u1' }],
};

const path = fc.oneof(
  fc.constantFrom(
    'userName',
    'title',
    'name',
    'name.givenName',
    'emails',
    'emails.value',
    'emails[type eq "work"]',
    'emails[type eq "work"].value',
    'emails[value co "@"].primary',
    'members',
    'members[value eq "u1"]',
    'id',
    'meta.created',
    'groups',
    'active',
    'displayName',
    'nosuch',
    'emails[',
    'x509Certificates.value',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
  ),
  fc.string({ maxLength: 20 }),
);
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('True', 'False', [{ value: 'u2' }], { givenName: 'x' }, { active: false }, [
    { value: 'c@z', primary: true },
  ]),
);
const operation = fc.record(
  { op: fc.constantFrom('add', 'remove', 'replace', 'Add', 'Remove', 'move', 'ADD'), path, value },
  { requiredKeys: ['op'] },
);
const message = fc.oneof(
  fc.record({ schemas: fc.constant([URN.patchOp]), Operations: fc.array(operation, { maxLength: 5 }) }),
  fc.anything({ maxDepth: 2 }),
);

test('random PatchOp messages only ever raise ScimError and never mutate the input', () => {
  fc.assert(
    fc.property(message, fc.boolean(), fc.boolean(), (body, lenient, isGroup) => {
      const input = isGroup ? GROUP : USER;
      const before = JSON.stringify(input);
      try {
        applyPatch(input, body, isGroup ? GROUP_RESOURCE : USER_RESOURCE, {
          caseInsensitiveOps: lenient,
          coerceBooleanStrings: lenient,
        });
      } catch (error) {
        if (!(error instanceof ScimError) || error.status !== 400) throw error;
      }
      if (JSON.stringify(input) !== before) throw new Error('input mutated');
    }),
    { seed: 42, numRuns },
  );
});

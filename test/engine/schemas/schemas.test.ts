import { describe, expect, test } from 'vitest';
import {
  compileTargetSchema,
  rfcValidator,
  SchemaValidator,
  URN,
  RFC_SCHEMAS,
} from '../../../engine/schemas/index.js';

const v = rfcValidator();

describe('shipped RFC schemas', () => {
  test('every schema compiles in strict mode', () => {
    for (const schema of RFC_SCHEMAS)
      expect(v.validate(schema.$id as string, {}).length).toBeGreaterThanOrEqual(0);
  });

  test('an Error with a numeric status fails with pointer /status', () => {
    const failures = v.validate('Error', { schemas: [URN.error], status: 400, detail: 'x' });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      kind: 'fail',
      code: 'SCHEMA_INVALID',
      pointer: '/status',
      actual: 400,
    });
  });

  test('a well-formed Error passes and an unknown scimType fails', () => {
    expect(v.validate(URN.error, { schemas: [URN.error], status: '409', scimType: 'uniqueness' })).toEqual(
      [],
    );
    const failures = v.validate(URN.error, { schemas: [URN.error], status: '400', scimType: 'wrong' });
    expect(failures.map((f) => f.pointer)).toEqual(['/scimType']);
  });

  test('a ListResponse with results needs Resources; a missing property points at itself', () => {
    const failures = v.validate('ListResponse', { schemas: [URN.listResponse], totalResults: 2 });
    expect(failures.map((f) => f.pointer)).toContain('/Resources');
    expect(v.validate('ListResponse', { schemas: [URN.listResponse], totalResults: 0 })).toEqual([]);
  });

  test('User validates formats and the enterprise extension; the pointer prefix is prepended', () => {
    const user = {
      schemas: [URN.user],
      id: '1',
      userName: 'a',
      meta: { location: 'not a uri', created: '2024-01-01T00:00:00Z' },
      [URN.enterpriseUser]: { manager: 'x' },
    };
    const failures = v.validate('User', user, '/Resources/0');
    expect(failures.map((f) => f.pointer).sort()).toEqual(
      [`/Resources/0/${URN.enterpriseUser}/manager`, '/Resources/0/meta/location'].sort(),
    );
  });

  test('PatchOp requires a path on remove and lower-case ops', () => {
    const failures = v.validate('PatchOp', { schemas: [URN.patchOp], Operations: [{ op: 'remove' }] });
    expect(failures.map((f) => f.pointer)).toContain('/Operations/0/path');
    expect(
      v.validate('PatchOp', { schemas: [URN.patchOp], Operations: [{ op: 'Replace', value: {} }] }),
    ).toHaveLength(1);
  });

  test('ServiceProviderConfig requires every feature block', () => {
    const failures = v.validate('ServiceProviderConfig', {
      schemas: [URN.serviceProviderConfig],
      patch: { supported: true },
    });
    expect(failures.map((f) => f.pointer).sort()).toEqual(
      ['/authenticationSchemes', '/bulk', '/changePassword', '/etag', '/filter', '/sort'].sort(),
    );
  });
});

describe('compileTargetSchema', () => {
  const doc = {
    id: 'urn:example:User',
    attributes: [
      { name: 'userName', type: 'string', required: true },
      { name: 'password', type: 'string', required: true, returned: 'never' },
      { name: 'age', type: 'integer' },
      {
        name: 'emails',
        type: 'complex',
        multiValued: true,
        subAttributes: [
          { name: 'value', type: 'string' },
          { name: 'primary', type: 'boolean' },
        ],
      },
    ],
  };

  test('declared types, multi-valued and required attributes are enforced', () => {
    const schema = compileTargetSchema(doc);
    expect(schema.$id).toBe('target:urn:example:User');
    const validator = new SchemaValidator([schema]);
    expect(
      validator.validate('target:urn:example:User', {
        userName: 'a',
        emails: [{ value: 'x', primary: true }],
      }),
    ).toEqual([]);
    const failures = validator.validate('target:urn:example:User', {
      age: 'old',
      emails: [{ primary: 'yes' }],
    });
    expect(failures.map((f) => f.pointer).sort()).toEqual(['/age', '/emails/0/primary', '/userName']);
  });

  test('a definition without an id is rejected', () => {
    expect(() => compileTargetSchema({ attributes: [] })).toThrow(TypeError);
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  expectAttribute,
  expectContentType,
  expectErrorBody,
  expectHeader,
  expectJson,
  expectNoAttribute,
  expectStatus,
  expectValue,
  pointerGet,
  verdict,
} from '../../../engine/assert/index.js';
import { createDataGenerator } from '../../../engine/data/index.js';
import type { HttpResult } from '../../../engine/model/index.js';
import { HttpTransport } from '../../../engine/transport/index.js';
import { closedPortUrl, sendJson, startTestServer, type TestServer } from '../helpers.js';

const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';
let server: TestServer;
let transport: HttpTransport;
const get = (path: string): Promise<HttpResult> => transport.request({ method: 'GET', path });

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    switch (req.url?.replace('/scim/v2', '')) {
      case '/good-error':
        return sendJson(res, 409, { schemas: [ERROR_URN], status: '409', scimType: 'uniqueness' });
      case '/numeric-error':
        return sendJson(res, 400, { schemas: [ERROR_URN], status: 400 });
      case '/wrong-status-error':
        return sendJson(res, 400, { schemas: [ERROR_URN], status: '404' });
      case '/plain':
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', etag: 'W/"1"' });
        return res.end('{"a":{"b/c":[1,{"D":2}]}}');
      default:
        res.writeHead(500, { 'content-type': 'text/plain' });
        return res.end('nope');
    }
  });
  transport = new HttpTransport({ baseUrl: server.url });
});

afterAll(async () => {
  await transport.close();
  await server.close();
});

describe('assertions', () => {
  test('expectStatus: match, mismatch (with the SCIM detail), and NO_RESPONSE with the exchange code', async () => {
    const res = await get('/good-error');
    expect(expectStatus(res, 409)).toBeUndefined();
    expect(expectStatus(res, [200, 204])).toMatchObject({
      code: 'STATUS_MISMATCH',
      expected: [200, 204],
      actual: 409,
    });
    expect(expectStatus(res, 201)?.message).toContain('(uniqueness)');
    const dead = new HttpTransport({ baseUrl: await closedPortUrl() });
    const none = await dead.request({ method: 'GET', path: '/Users' });
    await dead.close();
    const failure = expectStatus(none, 200);
    expect(failure).toMatchObject({ kind: 'fail', code: 'NO_RESPONSE', actual: 'TARGET_UNREACHABLE' });
    expect(failure?.message).toContain('TARGET_UNREACHABLE');
    expect(expectJson(none)?.code).toBe('NO_RESPONSE');
  });

  test('expectErrorBody: schema, status string, scimType', async () => {
    expect(expectErrorBody(await get('/good-error'), 409, 'uniqueness')).toBeUndefined();
    expect(expectErrorBody(await get('/good-error'), 409, 'mutability')).toMatchObject({
      code: 'VALUE_MISMATCH',
      pointer: '/scimType',
    });
    expect(expectErrorBody(await get('/numeric-error'), 400)).toMatchObject({
      code: 'SCHEMA_INVALID',
      pointer: '/status',
    });
    expect(expectErrorBody(await get('/wrong-status-error'), 400)).toMatchObject({
      code: 'VALUE_MISMATCH',
      pointer: '/status',
    });
    expect(expectErrorBody(await get('/other'), 500)).toMatchObject({ code: 'BODY_NOT_JSON' });
  });

  test('headers and content type', async () => {
    const res = await get('/plain');
    expect(expectContentType(res, ['application/scim+json', 'application/json'])).toBeUndefined();
    expect(expectContentType(res)).toMatchObject({
      code: 'CONTENT_TYPE_MISMATCH',
      actual: 'application/json; charset=utf-8',
    });
    expect(expectHeader(res, 'ETag')).toBeUndefined();
    expect(expectHeader(res, 'ETag', /^W\//)).toBeUndefined();
    expect(expectHeader(res, 'etag', 'W/"2"')).toMatchObject({ code: 'HEADER_MISMATCH', actual: 'W/"1"' });
    expect(expectHeader(res, 'Location')).toMatchObject({ code: 'HEADER_MISSING' });
  });

  test('pointers and values', async () => {
    const body = (await get('/plain')).json;
    expect(pointerGet(body, '/a/b~1c/1/D')).toBe(2);
    expect(pointerGet(body, '/a/b~1c/1/d')).toBeUndefined();
    expect(pointerGet(body, '/A/b~1c/1/d', { caseInsensitive: true })).toBe(2);
    expect(pointerGet(body, '/a/b~1c/7')).toBeUndefined();
    expect(pointerGet(body, '')).toBe(body);
    expect(expectValue(body, '/a/b~1c/0', 1)).toBeUndefined();
    expect(expectValue(body, '/a/b~1c/0', 2)).toMatchObject({
      code: 'VALUE_MISMATCH',
      expected: 2,
      actual: 1,
    });
    expect(expectValue(body, '/a/x', 2)).toMatchObject({ code: 'ATTRIBUTE_MISSING', pointer: '/a/x' });
    expect(expectAttribute(body, '/a')).toBeUndefined();
    expect(expectNoAttribute(body, '/a')).toMatchObject({ code: 'ATTRIBUTE_UNEXPECTED' });
    expect(verdict(undefined, [], expectNoAttribute(body, '/zzz'))).toEqual({ kind: 'pass' });
    expect(verdict(undefined, [expectNoAttribute(body, '/a')!])).toMatchObject({
      kind: 'fail',
      code: 'ATTRIBUTE_UNEXPECTED',
    });
  });
});

describe('data generator', () => {
  test('same seed → same data; every identity carries the scimtest-<runId> prefix', () => {
    const a = createDataGenerator(1234);
    const b = createDataGenerator(1234);
    expect(a.user()).toEqual(b.user());
    expect(a.group()).toEqual(b.group());
    expect(a.unique('x y')).toBe(b.unique('x y'));
    const user = createDataGenerator(1234).user({ active: false });
    expect(user.userName).toMatch(new RegExp(`^scimtest-${a.runId}-`));
    expect(user.externalId).toMatch(/^scimtest-/);
    expect(user).toMatchObject({ active: false, emails: [{ type: 'work', primary: true }] });
    expect(createDataGenerator(1235).runId).not.toBe(a.runId);
  });
});

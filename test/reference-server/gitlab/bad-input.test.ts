import { request } from 'node:http';
import { expect, test } from 'vitest';
import { CONFIG } from './fixtures.js';
import { TOKEN, gitlab, type CallOptions } from './helpers.js';

type Case = [name: string, method: string, path: string, options: CallOptions];

const CASES: Case[] = [
  ['malformed JSON', 'POST', '/Users', { raw: '{"externalId": ' }],
  ['JSON array body', 'POST', '/Users', { raw: '[1,2]' }],
  ['JSON string body', 'PATCH', '/Users/Gus-UID', { raw: '"x"' }],
  [
    'emails a string',
    'POST',
    '/Users',
    { body: { externalId: 'b1', userName: 'b1', emails: 'b1@acme.test' } },
  ],
  [
    'emails entries not objects',
    'POST',
    '/Users',
    { body: { externalId: 'b2', userName: 'b2', emails: ['x'] } },
  ],
  [
    'email value an object',
    'POST',
    '/Users',
    { body: { externalId: 'b3', userName: 'b3', emails: [{ type: 'work', value: {} }] } },
  ],
  [
    'name a string',
    'POST',
    '/Users',
    {
      body: {
        externalId: 'b4',
        userName: 'b4',
        emails: [{ primary: true, value: 'b4@acme.test' }],
        name: 'B4',
      },
    },
  ],
  [
    'userName an object',
    'POST',
    '/Users',
    { body: { externalId: 'b5', userName: { x: 1 }, emails: [{ primary: true, value: 'b5@a.test' }] } },
  ],
  ['missing fields', 'POST', '/Users', { body: { schemas: [] } }],
  [
    'Operations not a list',
    'PATCH',
    '/Users/Gus-UID',
    { body: { Operations: { op: 'replace', path: 'active', value: false } } },
  ],
  [
    'operation without op',
    'PATCH',
    '/Users/Gus-UID',
    { body: { Operations: [{ path: 'active', value: false }] } },
  ],
  ['operation a string', 'PATCH', '/Users/Gus-UID', { body: { Operations: ['replace'] } }],
  [
    'path-less non-object value',
    'PATCH',
    '/Users/Gus-UID',
    { body: { Operations: [{ op: 'replace', value: false }] } },
  ],
  [
    'path a number',
    'PATCH',
    '/Users/Gus-UID',
    { body: { Operations: [{ op: 'replace', path: 7, value: false }] } },
  ],
  [
    'active not a boolean',
    'PATCH',
    '/Users/Gus-UID',
    { body: { Operations: [{ op: 'replace', path: 'active', value: 'maybe' }] } },
  ],
  [
    'externalId an object',
    'PATCH',
    '/Users/Gus-UID',
    { body: { Operations: [{ op: 'replace', path: 'externalId', value: {} }] } },
  ],
  ['unknown patch target', 'PATCH', '/Users/nobody', { body: { Operations: [] } }],
  ['bad percent-encoding in id', 'GET', '/Users/%ZZ', {}],
  ['bad percent-encoding in query', 'GET', '/Users?filter=%E0%A4%A', {}],
  [
    'bad percent-encoding in form body',
    'POST',
    '/Users',
    { raw: 'externalId=%G1', contentType: 'application/x-www-form-urlencoded' },
  ],
  ['rack type clash', 'GET', '/Users?a[]=1&a[b]=2', {}],
  ['count an array', 'GET', '/Users?count[]=1', {}],
  ['unknown path', 'GET', '/Users/../../Groups', {}],
  ['xml body', 'POST', '/Users', { raw: '<user/>', contentType: 'application/xml' }],
  ['__proto__ keys', 'POST', '/Users', { raw: '{"__proto__":{"admin":true},"constructor":1}' }],
];

test('bad-input battery: every case is a GitLab-shaped 4xx, no 5xx, state unchanged', async () => {
  const h = await gitlab({ config: CONFIG });
  const before = (await h.users()).text;
  const membersBefore = (await h.call('GET', '/api/v4/groups/acme/members')).text;
  for (const [name, method, path, options] of CASES) {
    const res = await h.call(method, path, options);
    expect(res.status, name).toBeGreaterThanOrEqual(400);
    expect(res.status, name).toBeLessThan(500);
    const keys = Object.keys(res.json ?? {});
    const shaped = keys.includes('error') || keys.includes('message') || keys.includes('detail');
    expect(shaped, `${name}: ${res.text}`).toBe(true);
  }
  expect((await h.users()).text).toBe(before);
  expect((await h.call('GET', '/api/v4/groups/acme/members')).text).toBe(membersBefore);
});

test('malformed JSON → 400 {"error": …} with a reason', async () => {
  const h = await gitlab({ seedUsers: 1 });
  const res = await h.call('POST', '/Users', { raw: '{nope' });
  expect(res.status).toBe(400);
  expect(res.json.error).toMatch(/malformed JSON/);
  const op = await h.call('PATCH', '/Users/seed-user-1', { body: { Operations: 'nope' } });
  expect(op.status).toBe(400);
  expect(op.json).toEqual({ error: 'Operations must be a list of operations' });
});

test('oversized body → 413 {"error":"413 Request Entity Too Large"} and the server keeps serving', async () => {
  const h = await gitlab();
  const res = await h.call('POST', '/Users', { raw: `{"pad":"${'x'.repeat(1024 * 1024 + 10)}"}` });
  expect(res.status).toBe(413);
  expect(res.json).toEqual({ error: '413 Request Entity Too Large' });
  expect((await h.users()).status).toBe(200);
});

test('a raw request with an undecodable path segment gets a 400, not a crash', async () => {
  const h = await gitlab();
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: h.server.port,
        path: '/api/scim/v2/groups/%C0%AF/Users',
        headers: { authorization: `Bearer ${TOKEN}` },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
  expect(status).toBe(400);
  expect((await h.users()).status).toBe(200);
});

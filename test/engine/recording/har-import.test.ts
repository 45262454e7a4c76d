import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../../../cli/index.js';
import { harToRecording, loadRecording } from '../../../engine/recording/index.js';
import { startRfc, TOKEN } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-har-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ID = '2819c223-7f76-453a-919d-413861904646';

function entry(
  at: string,
  method: string,
  url: string,
  status: number,
  body?: unknown,
  reqBody?: unknown,
  location?: string,
) {
  return {
    startedDateTime: at,
    time: 3,
    request: {
      method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: [
        { name: 'Authorization', value: `Bearer ${TOKEN}` },
        { name: 'Content-Type', value: 'application/scim+json' },
      ],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
      ...(reqBody !== undefined
        ? { postData: { mimeType: 'application/scim+json', text: JSON.stringify(reqBody) } }
        : {}),
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: [
        { name: 'Content-Type', value: 'application/scim+json' },
        ...(location ? [{ name: 'Location', value: location }] : []),
      ],
      cookies: [],
      content: {
        size: 0,
        mimeType: 'application/scim+json',
        ...(body !== undefined ? { text: JSON.stringify(body) } : {}),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 3, receive: 0 },
  };
}

const created = {
  schemas: [USER],
  id: ID,
  userName: 'har.user',
  meta: {
    resourceType: 'User',
    created: '2020-01-01T00:00:00Z',
    lastModified: '2020-01-01T00:00:00Z',
    location: `https://idp.example/api/scim/v2/Users/${ID}`,
    version: 'W/"1"',
  },
};

const har = {
  log: {
    version: '1.2',
    creator: { name: 'devtools', version: '1' },
    entries: [
      entry(
        '2024-05-01T10:00:01.000Z',
        'GET',
        `https://idp.example/api/scim/v2/Users/${ID}`,
        200,
        created,
        undefined,
        created.meta.location,
      ),
      entry(
        '2024-05-01T10:00:00.000Z',
        'POST',
        'https://idp.example/api/scim/v2/Users',
        201,
        created,
        { schemas: [USER], userName: 'har.user' },
        created.meta.location,
      ),
      entry(
        '2024-05-01T10:00:02.000Z',
        'GET',
        'https://idp.example/api/scim/v2/Users?filter=userName+eq+%22har.user%22',
        200,
        {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
          totalResults: 1,
          itemsPerPage: 1,
          startIndex: 1,
          Resources: [created],
        },
      ),
    ],
  },
};

test('HAR entries become exchanges in time order, relative to the inferred SCIM base, secrets redacted', () => {
  const recording = harToRecording(har);
  expect(recording.source).toEqual({ kind: 'har', upstream: 'https://idp.example/api/scim/v2' });
  expect(recording.exchanges.map((e) => [e.seq, e.request.method, e.request.path, e.request.query])).toEqual([
    [1, 'POST', '/Users', null],
    [2, 'GET', `/Users/${ID}`, null],
    [3, 'GET', '/Users', 'filter=userName+eq+%22har.user%22'],
  ]);
  expect(JSON.stringify(recording)).not.toContain(TOKEN);
});

test('a HAR file replays against a fresh reference server without differences', async () => {
  const file = join(dir, 'session.har');
  await writeFile(file, JSON.stringify(har));
  expect((await loadRecording(file)).exchanges).toHaveLength(3);
  const server = await startRfc();
  try {
    let stdout = '';
    const code = await main(['replay', file, '--target', server.url, '--token', TOKEN], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      env: {},
    });
    expect(stdout).toMatch(/no differences/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/cleanup DELETE \/Users\/\S+ → 204/);
  } finally {
    await server.close();
  }
});

test.each(['fixtures/recordings/entra-id-legacy.json', 'fixtures/recordings/okta-oin.json'])(
  'the shipped recording %s replays against a fresh reference server without differences',
  async (file) => {
    const server = await startRfc();
    try {
      const r = await main(['replay', file, '--target', server.url, '--token', TOKEN], {
        stdout: { write: () => true },
        stderr: { write: () => true },
        env: {},
      });
      expect(r).toBe(0);
    } finally {
      await server.close();
    }
  },
);

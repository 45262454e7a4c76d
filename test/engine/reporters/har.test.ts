import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { renderHar } from '../../../engine/reporters/har/index.js';
import { BASE, HOSTILE, fixtureReport } from './fixture.js';

const nameValue = {
  type: 'object',
  required: ['name', 'value'],
  properties: { name: { type: 'string' }, value: { type: 'string' }, comment: { type: 'string' } },
};
const nameValues = { type: 'array', items: nameValue };
/** ISO 8601 date-time as HAR 1.2 requires for startedDateTime. */
const isoDate = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
};

/** The parts of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) that viewers rely on. */
const HAR_12_SCHEMA = {
  $id: 'test:har-1.2',
  type: 'object',
  required: ['log'],
  properties: {
    log: {
      type: 'object',
      required: ['version', 'creator', 'entries'],
      properties: {
        version: { const: '1.2' },
        creator: {
          type: 'object',
          required: ['name', 'version'],
          properties: { name: { type: 'string' }, version: { type: 'string' } },
        },
        pages: {
          type: 'array',
          items: {
            type: 'object',
            required: ['startedDateTime', 'id', 'title', 'pageTimings'],
            properties: {
              startedDateTime: isoDate,
              id: { type: 'string', minLength: 1 },
              title: { type: 'string' },
              pageTimings: {
                type: 'object',
                properties: { onContentLoad: { type: 'number' }, onLoad: { type: 'number' } },
              },
            },
          },
        },
        entries: {
          type: 'array',
          items: {
            type: 'object',
            required: ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings'],
            properties: {
              pageref: { type: 'string' },
              startedDateTime: isoDate,
              time: { type: 'number', minimum: 0 },
              request: {
                type: 'object',
                required: [
                  'method',
                  'url',
                  'httpVersion',
                  'cookies',
                  'headers',
                  'queryString',
                  'headersSize',
                  'bodySize',
                ],
                properties: {
                  method: { type: 'string' },
                  url: { type: 'string' },
                  httpVersion: { type: 'string' },
                  cookies: { type: 'array' },
                  headers: nameValues,
                  queryString: nameValues,
                  postData: {
                    type: 'object',
                    required: ['mimeType'],
                    properties: { mimeType: { type: 'string' }, text: { type: 'string' } },
                  },
                  headersSize: { type: 'integer' },
                  bodySize: { type: 'integer' },
                },
              },
              response: {
                type: 'object',
                required: [
                  'status',
                  'statusText',
                  'httpVersion',
                  'cookies',
                  'headers',
                  'content',
                  'redirectURL',
                  'headersSize',
                  'bodySize',
                ],
                properties: {
                  status: { type: 'integer' },
                  statusText: { type: 'string' },
                  httpVersion: { type: 'string' },
                  cookies: { type: 'array' },
                  headers: nameValues,
                  content: {
                    type: 'object',
                    required: ['size', 'mimeType'],
                    properties: {
                      size: { type: 'integer' },
                      mimeType: { type: 'string' },
                      text: { type: 'string' },
                    },
                  },
                  redirectURL: { type: 'string' },
                  headersSize: { type: 'integer' },
                  bodySize: { type: 'integer' },
                },
              },
              cache: { type: 'object' },
              timings: {
                type: 'object',
                required: ['send', 'wait', 'receive'],
                properties: {
                  blocked: { type: 'number' },
                  dns: { type: 'number' },
                  connect: { type: 'number' },
                  ssl: { type: 'number' },
                  send: { type: 'number', minimum: -1 },
                  wait: { type: 'number', minimum: -1 },
                  receive: { type: 'number', minimum: -1 },
                },
              },
            },
          },
        },
      },
    },
  },
};

describe('renderHar', () => {
  const report = fixtureReport();
  const har = renderHar(report);
  const entries = har.log.entries;

  it('is valid HAR 1.2 and survives a JSON round trip', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(HAR_12_SCHEMA);
    const roundTripped: unknown = JSON.parse(JSON.stringify(har));
    expect(validate(roundTripped), JSON.stringify(validate.errors)).toBe(true);
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toEqual({ name: 'scimulator', version: '0.1.0' });
  });

  it('has one page per check result, and every pageref names a page', () => {
    expect(har.log.pages).toHaveLength(report.results.length);
    const ids = new Set(har.log.pages.map((p) => p.id));
    expect(ids.size).toBe(report.results.length);
    expect(ids.has('lifecycle.user.deactivate')).toBe(true);
    expect(ids.has('lifecycle.user.deactivate [okta]')).toBe(true);
    for (const e of entries) expect(ids.has(e.pageref)).toBe(true);
  });

  it('records each request once, even when several checks share it', () => {
    const all = report.results.flatMap((r) => r.exchanges);
    const unique = new Set(all.map((x) => JSON.stringify(x)));
    expect(all.length).toBeGreaterThan(unique.size);
    expect(entries).toHaveLength(unique.size);
    const posts = entries.filter((e) => e.request.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.pageref).toBe('users.post.returns-201');
    expect(posts[0]?._checks).toEqual([
      'users.post.returns-201',
      'users.post.location-header',
      'users.get.content-type',
    ]);
  });

  it('dedups by content after a JSON round trip, but keeps repeated requests within one check', () => {
    const copy = fixtureReport();
    const x = copy.results[0]?.exchanges[0];
    if (!x || !copy.results[0]) throw new Error('fixture changed');
    copy.results[0].exchanges = [x, structuredClone(x)];
    const fromJson = renderHar(JSON.parse(JSON.stringify(copy)) as typeof copy);
    expect(fromJson.log.entries.filter((e) => e.request.url === x.request.url)).toHaveLength(2);
  });

  it('maps requests: method, URL, query string, headers, postData and sizes', () => {
    const post = entries.find((e) => e.request.method === 'POST');
    expect(post?.request.url).toBe(`${BASE}/Users`);
    expect(post?.request.headers).toContainEqual({ name: 'authorization', value: 'Bearer [REDACTED]' });
    expect(post?.request.postData?.mimeType).toBe('application/scim+json');
    expect(post?.request.postData?.text).toContain('Zoë Ångström 日本語 🚀');
    expect(post?.request.bodySize).toBe(Buffer.byteLength(post?.request.postData?.text ?? '', 'utf8'));
    expect(post?.request.headersSize).toBe(-1);
    const filter = entries.find((e) => e.request.url.includes('filter='));
    expect(filter?.request.queryString).toEqual([
      { name: 'filter', value: 'userName eq "nobody"' },
      { name: 'count', value: '10' },
    ]);
    expect(filter?.request.postData).toBeUndefined();
  });

  it('maps responses: status text, content, and the hostile body as plain data', () => {
    const post = entries.find((e) => e.request.method === 'POST');
    expect(post?.response.status).toBe(201);
    expect(post?.response.statusText).toBe('Created');
    expect(post?.response.content.mimeType).toBe('application/scim+json; charset=utf-8');
    expect(post?.response.redirectURL).toBe('');
    const hostile = entries.find((e) => e.response.content.text === HOSTILE);
    expect(hostile?.response.content.size).toBe(Buffer.byteLength(HOSTILE));
  });

  it('gives an exchange without a response status 0 and _error', () => {
    const timeout = entries.find((e) => e.request.url.includes('filter='));
    expect(timeout?.response.status).toBe(0);
    expect(timeout?._error).toEqual({ code: 'TARGET_TIMEOUT', message: 'no response within 10000 ms' });
    expect(timeout?.time).toBe(10000.2);
    expect(timeout?.timings).toMatchObject({ send: 0, wait: 10000.2, receive: 0 });
  });

  it('derives startedDateTime from report.startedAt plus the durations before each entry', () => {
    const times = entries.map((e) => Date.parse(e.startedDateTime));
    expect(times[0]).toBe(Date.parse(report.startedAt));
    for (let i = 1; i < entries.length; i++) {
      expect(times[i]).toBe(Math.floor(Date.parse(report.startedAt) + sumBefore(i)));
    }
    function sumBefore(i: number): number {
      return entries.slice(0, i).reduce((acc, e) => acc + e.time, 0);
    }
  });

  it('uses an exchange timestamp when the transport records one', () => {
    const copy = fixtureReport();
    const first = copy.results[0]?.exchanges[0];
    if (!first) throw new Error('fixture changed');
    Object.assign(first, { startedAt: '2026-11-28T10:00:05.250Z' });
    expect(renderHar(copy).log.entries[0]?.startedDateTime).toBe('2026-11-28T10:00:05.250Z');
  });
});

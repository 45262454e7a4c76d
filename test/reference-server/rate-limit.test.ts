/** `--rate-limit N[/S]` on the reference server: 429 with Retry-After and a SCIM Error body, then service again. */
import { describe, expect, test } from 'vitest';
import { parseRateLimit, startServer } from '../../reference-server/index.js';

describe('reference server rate limit', () => {
  test('beyond N requests per window: 429, Retry-After, SCIM Error; after the wait, 200 again', async () => {
    const server = await startServer({
      flavor: 'rfc',
      port: 0,
      token: 'rate-token-1234',
      rateLimit: parseRateLimit('2/1'),
    });
    try {
      const get = () =>
        fetch(`${server.url}/Users`, { headers: { authorization: 'Bearer rate-token-1234' } });
      expect((await get()).status).toBe(200);
      expect((await get()).status).toBe(200);
      const limited = await get();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(limited.headers.get('content-type')).toBe('application/scim+json');
      expect(await limited.json()).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '429',
      });
      await new Promise((r) => setTimeout(r, 1_050));
      expect((await get()).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  test.each(['0', 'x', '5/0', '5/', '-1', '3/4000'])(
    'rejects %j with a TypeError naming the form',
    (text) => {
      expect(() => parseRateLimit(text)).toThrow(/N or N\/SECONDS/);
    },
  );

  test('N alone means per second', () => {
    expect(parseRateLimit('25')).toEqual({ requests: 25, windowSeconds: 1 });
  });
});

test('the msw/fetch handler honours rateLimit too', async () => {
  const { createScimFetchHandler } = await import('../../integrations/msw/index.js');
  const server = createScimFetchHandler({ token: 'rate-token-1234', rateLimit: parseRateLimit('1/60') });
  const get = () =>
    server.fetch(
      new Request(`${server.baseUrl}/Users`, { headers: { authorization: 'Bearer rate-token-1234' } }),
    );
  expect((await get()).status).toBe(200);
  const limited = await get();
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50);
});

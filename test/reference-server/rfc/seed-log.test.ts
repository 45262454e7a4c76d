import { expect, test } from 'vitest';
import { URN, startRfc } from './helpers.js';

test('seeds 100k deterministic users quickly and finds one by indexed equality without a scan', async () => {
  const t0 = performance.now();
  const c = await startRfc({ seedUsers: 100_000 });
  try {
    expect(performance.now() - t0).toBeLessThan(5_000);
    const count = await c.request('GET', '/Users?count=0');
    expect(count.body.totalResults).toBe(100_000);
    const t1 = performance.now();
    const filters = [
      'userName eq "seed.user099999@example.com"',
      'externalId eq "seed-099999"',
      'emails.value eq "SEED.USER099999@example.com"',
      'id eq "00000000-0000-4000-8000-00000001869f"',
    ];
    for (const f of filters) {
      const res = await c.request('GET', `/Users?filter=${encodeURIComponent(f)}`);
      expect(res.body.totalResults, f).toBe(1);
      expect(res.body.Resources[0].userName).toBe('seed.user099999@example.com');
    }
    // Four indexed lookups over 100k users stay far below what four full scans would cost.
    expect(performance.now() - t1).toBeLessThan(500);
    const page = await c.request('GET', '/Users?startIndex=50001&count=2');
    expect(page.body.Resources.map((r: { userName: string }) => r.userName)).toEqual([
      'seed.user050001@example.com',
      'seed.user050002@example.com',
    ]);
  } finally {
    await c.close();
  }
});

test('seeded users are the same on every start', async () => {
  const [a, b] = [await startRfc({ seedUsers: 3 }), await startRfc({ seedUsers: 3 })];
  try {
    const strip = (r: { body: { Resources: { id: string; userName: string }[] } }): string[] =>
      r.body.Resources.map((u) => `${u.id} ${u.userName}`);
    expect(strip(await a.request('GET', '/Users'))).toEqual(strip(await b.request('GET', '/Users')));
  } finally {
    await a.close();
    await b.close();
  }
});

test('logs one line per request with method, path, status and time, never the token', async () => {
  const lines: string[] = [];
  const c = await startRfc({ token: 'secret-token-value', log: (l) => lines.push(l) });
  try {
    await c.request('GET', '/Users', undefined, { authorization: 'Bearer secret-token-value' });
    await c.request(
      'POST',
      '/Users',
      { schemas: [URN.user], userName: 'logged', password: 'hunter2' },
      { authorization: 'Bearer secret-token-value' },
    );
    await c.request('GET', '/Nope');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^GET \/scim\/v2\/Users 200 \d+\.\dms$/);
    expect(lines[1]).toMatch(/^POST \/scim\/v2\/Users 201 /);
    expect(lines[2]).toMatch(/^GET \/scim\/v2\/Nope 404 /);
    expect(lines.join('\n')).not.toMatch(/secret-token-value|hunter2/);
  } finally {
    await c.close();
  }
});

test('invalid seedUsers is a TypeError at start-up', async () => {
  await expect(startRfc({ seedUsers: -1 })).rejects.toThrow(TypeError);
});

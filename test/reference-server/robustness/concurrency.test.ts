/**
 * Concurrent clients over real HTTP: uniqueness holds under 200 simultaneous creates, If-Match never loses
 * an update, and group membership stays consistent under concurrent adds, removes and deletes.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { call, serve, type Served } from './server-helpers.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const servers: Served[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.server.close()));
});

async function start(flavour: 'rfc' | 'gitlab'): Promise<Served> {
  const s = await serve(flavour);
  servers.push(s);
  return s;
}

function tally(statuses: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

describe('rfc flavour under concurrency', () => {
  test('200 simultaneous creates of one userName (in different cases): one 201, 199 409s', async () => {
    const s = await start('rfc');
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        call(s, 'POST', 'Users', { schemas: [USER], userName: i % 2 ? 'Race.Winner' : 'race.winner' }),
      ),
    );
    const counts = tally(results.map((r) => r.status));
    console.log(`[reliability] rfc 200 concurrent creates: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ 201: 1, 409: 199 });
    const list = await call(s, 'GET', `Users?filter=${encodeURIComponent('userName eq "race.winner"')}`);
    expect((list.json as { totalResults: number }).totalResults).toBe(1);
  });

  test('concurrent PATCHes with If-Match never lose an update', async () => {
    const s = await start('rfc');
    const created = await call(s, 'POST', 'Users', { schemas: [USER], userName: 'counter', title: '0' });
    const id = (created.json as { id: string }).id;
    // One round: 50 writers all holding the same version; exactly one may win.
    const etag = created.headers.etag as string;
    const round = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(
          s,
          'PATCH',
          `Users/${id}`,
          { schemas: [PATCH], Operations: [{ op: 'replace', path: 'nickName', value: `w${i}` }] },
          { 'if-match': etag },
        ),
      ),
    );
    const roundCounts = tally(round.map((r) => r.status));
    expect(roundCounts).toEqual({ 200: 1, 412: 49 });

    // Read-modify-write increments of `title` by 20 workers, retrying on 412: the final value counts every success.
    let successes = 0;
    let conflicts = 0;
    const worker = async (times: number): Promise<void> => {
      let done = 0;
      while (done < times) {
        const current = await call(s, 'GET', `Users/${id}`);
        const value = Number((current.json as { title: string }).title);
        const res = await call(
          s,
          'PATCH',
          `Users/${id}`,
          { schemas: [PATCH], Operations: [{ op: 'replace', path: 'title', value: String(value + 1) }] },
          { 'if-match': current.headers.etag as string },
        );
        if (res.status === 200) {
          successes++;
          done++;
          // The answer is based on the version the writer matched: exactly one step ahead.
          expect((res.json as { title: string }).title).toBe(String(value + 1));
        } else {
          expect(res.status).toBe(412);
          conflicts++;
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, () => worker(5)));
    const final = await call(s, 'GET', `Users/${id}`);
    console.log(
      `[reliability] rfc If-Match: 1 winner + 49 412s in one round; read-modify-write ${successes} successes, ${conflicts} 412s`,
    );
    expect(successes).toBe(100);
    expect((final.json as { title: string }).title).toBe('100');
  });

  test('group membership stays consistent under concurrent add, remove and user deletion', async () => {
    const s = await start('rfc');
    const users = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call(s, 'POST', 'Users', { schemas: [USER], userName: `member-${i}` }),
      ),
    );
    const ids = users.map((u) => (u.json as { id: string }).id);
    const group = await call(s, 'POST', 'Groups', { schemas: [GROUP], displayName: 'busy-group' });
    const gid = (group.json as { id: string }).id;
    const add = (id: string) =>
      call(s, 'PATCH', `Groups/${gid}`, {
        schemas: [PATCH],
        Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }],
      });
    const remove = (id: string) =>
      call(s, 'PATCH', `Groups/${gid}`, {
        schemas: [PATCH],
        Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }],
      });
    // Everyone is added concurrently; then, at once, the first 20 are removed, the next 20 deleted, the rest re-added.
    const adds = await Promise.all(ids.map(add));
    expect(adds.every((r) => r.status === 200)).toBe(true);
    const mixed = await Promise.all([
      ...ids.slice(0, 20).map(remove),
      ...ids.slice(20, 40).map((id) => call(s, 'DELETE', `Users/${id}`)),
      ...ids.slice(40).map(add),
    ]);
    expect(mixed.every((r) => r.status === 200 || r.status === 204)).toBe(true);
    const final = await call(s, 'GET', `Groups/${gid}`);
    const members = ((final.json as { members?: Array<{ value: string }> }).members ?? [])
      .map((m) => m.value)
      .sort();
    expect(members).toEqual(ids.slice(40).sort());
    // Every remaining member's `groups` names the group; removed and deleted users are nowhere.
    for (const id of ids.slice(40)) {
      const u = await call(s, 'GET', `Users/${id}`);
      expect((u.json as { groups?: Array<{ value: string }> }).groups?.map((g) => g.value)).toEqual([gid]);
    }
    for (const id of ids.slice(0, 20)) {
      const u = await call(s, 'GET', `Users/${id}`);
      expect((u.json as { groups?: unknown[] }).groups ?? []).toEqual([]);
    }
    console.log(
      `[reliability] rfc membership: 60 concurrent adds, then 20 removes + 20 deletes + 20 re-adds → ${members.length} members, consistent`,
    );
  });
});

describe('gitlab flavour under concurrency', () => {
  const user = (externalId: string, email: string) => ({
    schemas: [USER],
    externalId,
    userName: email.split('@')[0],
    active: true,
    emails: [{ type: 'work', value: email, primary: true }],
    name: { formatted: 'Race Person' },
  });

  test('200 simultaneous POSTs of one externalId are idempotent: all 201, one identity', async () => {
    const s = await start('gitlab');
    const results = await Promise.all(
      Array.from({ length: 200 }, () => call(s, 'POST', 'Users', user('race-uid', 'race@example.com'))),
    );
    const counts = tally(results.map((r) => r.status));
    expect(counts).toEqual({ 201: 200 });
    expect(new Set(results.map((r) => (r.json as { id: string }).id))).toEqual(new Set(['race-uid']));
    const list = await call(s, 'GET', `Users?filter=${encodeURIComponent('id eq "race-uid"')}`);
    expect((list.json as { totalResults: number }).totalResults).toBe(1);
    console.log(
      `[reliability] gitlab 200 concurrent POSTs, same externalId: ${JSON.stringify(counts)}, 1 identity`,
    );
  });

  test('200 simultaneous POSTs of one e-mail with different externalIds: one wins, 199 × 409', async () => {
    const s = await start('gitlab');
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => call(s, 'POST', 'Users', user(`uid-${i}`, 'shared@example.com'))),
    );
    const counts = tally(results.map((r) => r.status));
    expect(counts).toEqual({ 201: 1, 409: 199 });
    const conflict = results.find((r) => r.status === 409);
    expect(JSON.stringify(conflict?.json)).toContain('User has already been taken');
    const members = await call(s, 'GET', '/api/v4/groups/demo/members');
    expect((members.json as unknown[]).length).toBe(4); // 3 seeded + the winner
    console.log(`[reliability] gitlab 200 concurrent POSTs, same e-mail: ${JSON.stringify(counts)}`);
  });
});

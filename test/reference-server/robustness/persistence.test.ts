/**
 * `serve --data FILE`: the journal's framing, replay across restarts, and crash safety (kill -9 mid-burst:
 * every acknowledged create survives, a torn last record is dropped, the store always loads).
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { frame, JournalError, openJournal } from '../../../reference-server/persistence/index.js';
import { startServer } from '../../../reference-server/index.js';
import { buildRequest, rawRequest } from './raw-http.js';
import { ensureBuilt, spawnCli } from './spawn-helpers.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const TOKEN = 'persist-token';
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scimulator-data-'));
  dirs.push(dir);
  return join(dir, 'store.jsonl');
}

describe('journal framing', () => {
  test('a torn last record is dropped and cut off; later appends follow the last good record', async () => {
    const file = await tempFile();
    writeFileSync(file, Buffer.concat([frame({ n: 1 }), frame({ n: 2 })]));
    const torn = frame({ n: 3, pad: 'x'.repeat(100) });
    appendFileSync(file, torn.subarray(0, torn.length - 20));
    const journal = openJournal<{ n: number }>(file);
    expect(journal.records.map((r) => r.n)).toEqual([1, 2]);
    expect(journal.recovered).toBe(true);
    journal.append({ n: 4 });
    journal.close();
    const again = openJournal<{ n: number }>(file);
    expect(again.records.map((r) => r.n)).toEqual([1, 2, 4]);
    expect(again.recovered).toBe(false);
    again.close();
  });

  test('a last record with a bad checksum is dropped; damage before the end refuses to load', async () => {
    const file = await tempFile();
    const good = frame({ n: 1 });
    const bad = Buffer.from(frame({ n: 2 }).toString('utf8').replace('"n":2', '"n":9'));
    writeFileSync(file, Buffer.concat([good, bad]));
    const journal = openJournal<{ n: number }>(file);
    expect(journal.records.map((r) => r.n)).toEqual([1]);
    journal.close();
    writeFileSync(file, Buffer.concat([good, bad, frame({ n: 3 })]));
    expect(() => openJournal(file)).toThrow(JournalError);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });
});

describe('rfc flavour with data', () => {
  test('state survives a restart, entity tags keep moving forward, and gitlab refuses data', async () => {
    const file = await tempFile();
    const first = await startServer({ flavor: 'rfc', port: 0, token: TOKEN, data: file, seedUsers: 2 });
    const send = (
      port: number,
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) =>
      rawRequest(
        port,
        buildRequest(method, `/scim/v2/${path}`, {
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json', ...headers },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        }),
      );
    const a = await send(first.port, 'POST', 'Users', { schemas: [USER], userName: 'kept' });
    const b = await send(first.port, 'POST', 'Users', { schemas: [USER], userName: 'deleted' });
    const id = (a.json as { id: string }).id;
    const patched = await send(first.port, 'PATCH', `Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'title', value: 'v2' }],
    });
    await send(first.port, 'DELETE', `Users/${(b.json as { id: string }).id}`);
    await send(first.port, 'DELETE', 'Users/00000000-0000-4000-8000-000000000001');
    // Seed users are re-created at each start (with that start's timestamps), so their meta is left out.
    const state = async (port: number): Promise<unknown> => {
      const list = (await send(port, 'GET', 'Users?sortBy=userName')).json as {
        Resources: Array<Record<string, unknown>>;
      };
      return list.Resources.map((r) =>
        String(r.id).startsWith('00000000-') ? { ...r, meta: undefined } : r,
      );
    };
    const before = await state(first.port);
    await first.close();

    const second = await startServer({ flavor: 'rfc', port: 0, token: TOKEN, data: file, seedUsers: 2 });
    expect(second.flavour.banner.join('\n')).toMatch(/changes replayed/);
    expect(await state(second.port)).toEqual(before);
    // A tag from before the restart still matches the unchanged resource, and the next write gets a new one.
    const etag = patched.headers.etag as string;
    const again = await send(
      second.port,
      'PATCH',
      `Users/${id}`,
      { schemas: [PATCH], Operations: [{ op: 'replace', path: 'title', value: 'v3' }] },
      { 'if-match': etag },
    );
    expect(again.status).toBe(200);
    expect(again.headers.etag).not.toBe(etag);
    const stale = await send(
      second.port,
      'PATCH',
      `Users/${id}`,
      { schemas: [PATCH], Operations: [{ op: 'replace', path: 'title', value: 'v4' }] },
      { 'if-match': etag },
    );
    expect(stale.status).toBe(412);
    await second.close();

    await expect(startServer({ flavor: 'gitlab', port: 0, data: file })).rejects.toThrow(/rfc flavour only/);
  });
});

describe('crash safety (spawned server)', () => {
  test('kill -9 mid-burst: every acknowledged create is there after a restart', async () => {
    await ensureBuilt();
    const file = await tempFile();
    const serve = spawnCli(['serve', '--flavor', 'rfc', '--port', '0', '--token', TOKEN, '--data', file]);
    const url = new URL(await serve.listening());
    const port = Number(url.port);
    const acknowledged: Array<{ id: string; userName: string }> = [];
    let sent = 0;
    let stop = false;
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const userName = `burst-${w}-${i}`;
        sent++;
        const res = await rawRequest(
          port,
          buildRequest('POST', '/scim/v2/Users', {
            headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
            body: JSON.stringify({ schemas: [USER], userName, title: 'x'.repeat(500) }),
          }),
          { timeoutMs: 2_000 },
        );
        if (res.status === 201) acknowledged.push({ id: (res.json as { id: string }).id, userName });
        else if (res.status !== 0) throw new Error(`unexpected ${res.status}`);
      }
    };
    const writers = Array.from({ length: 16 }, (_, w) => writer(w));
    await new Promise((r) => setTimeout(r, 700));
    serve.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(await serve.exit).toBe(null);
    expect(acknowledged.length).toBeGreaterThan(20);
    // Imitate the crash landing mid-write as well: a half-written record at the end of the file.
    const torn = frame({ op: 'set', store: 'users', id: 'torn', value: { userName: 'torn' } });
    appendFileSync(file, torn.subarray(0, 40));

    const restarted = spawnCli(['serve', '--flavor', 'rfc', '--port', '0', '--token', TOKEN, '--data', file]);
    const again = new URL(await restarted.listening());
    expect(restarted.stdout()).toMatch(/a torn last record dropped/);
    const list = await rawRequest(
      Number(again.port),
      buildRequest('GET', '/scim/v2/Users?count=200&startIndex=1&attributes=userName', {
        headers: { authorization: `Bearer ${TOKEN}` },
      }),
    );
    const total = (list.json as { totalResults: number }).totalResults;
    const ids = new Set<string>();
    for (let start = 1; start <= total; start += 200) {
      const page = await rawRequest(
        Number(again.port),
        buildRequest('GET', `/scim/v2/Users?count=200&startIndex=${start}&attributes=userName`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        }),
      );
      for (const r of (page.json as { Resources: Array<{ id: string }> }).Resources) ids.add(r.id);
    }
    const missing = acknowledged.filter((a) => !ids.has(a.id));
    console.log(
      `[reliability] kill -9 mid-burst: ${sent} creates sent, ${acknowledged.length} acknowledged, ${total} in the store after restart, ${missing.length} acknowledged missing`,
    );
    expect(missing).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(acknowledged.length);
    expect(total).toBeLessThanOrEqual(sent);
    restarted.child.kill('SIGTERM');
    expect(await restarted.exit).toBe(0);
  }, 120_000);
});

/**
 * The hostile-input battery over real HTTP against both flavours: only 4xx answers with the flavour's error
 * body, zero 5xx, the process stays up, and no rejected request changes what a client can observe.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { hostileCases } from './hostile-cases.js';
import { rawRequest } from './raw-http.js';
import {
  errorShapeProblem,
  serve,
  snapshot,
  call,
  SEED_USER_GITLAB,
  SEED_USER_RFC,
  type Served,
} from './server-helpers.js';

const servers: Served[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.server.close()));
});

// The two flavours have their own servers: they run at the same time.
describe('under hostile input', () => {
  test.concurrent.each(['rfc', 'gitlab'] as const)(
    '%s flavour: every hostile request gets a 4xx (or a tolerated answer), never a 5xx, and state is kept',
    async (flavour) => {
      const s = await serve(flavour);
      servers.push(s);
      let groupId: string | undefined;
      if (flavour === 'rfc') {
        const group = await call(s, 'POST', 'Groups', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          displayName: 'hostile-target-group',
          members: [{ value: SEED_USER_RFC }],
        });
        expect(group.status).toBe(201);
        groupId = (group.json as { id: string }).id;
      }
      const cases = hostileCases({
        flavour,
        base: s.base,
        token: s.token,
        userId: flavour === 'rfc' ? SEED_USER_RFC : SEED_USER_GITLAB,
        ...(groupId ? { groupId } : {}),
      });
      const problems: string[] = [];
      const statuses = new Map<number, number>();
      let fiveXx = 0;
      for (const c of cases) {
        const guarded = c.expect !== 'tolerate';
        const before = guarded ? await snapshot(s) : '';
        const res = await rawRequest(s.server.port, c.request, { timeoutMs: 10_000, ...c.options });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) fiveXx++;
        if (res.status === 0) problems.push(`${c.name}: no answer`);
        else if (res.status >= 500) problems.push(`${c.name}: ${res.status} ${res.body.slice(0, 120)}`);
        else if (c.expect === 'reject' && (res.status < 400 || res.status >= 500))
          problems.push(`${c.name}: expected a 4xx, got ${res.status} ${res.body.slice(0, 120)}`);
        if (res.status >= 400) {
          const shape = errorShapeProblem(flavour, res);
          if (shape) problems.push(`${c.name}: ${res.status} error body: ${shape}`);
        }
        if (guarded) {
          const after = await snapshot(s);
          if (after !== before) problems.push(`${c.name}: state changed by a rejected request`);
        }
        // The server must still be up and serving after every request.
        const alive = await call(s, 'GET', flavour === 'rfc' ? 'ServiceProviderConfig' : 'Users?count=1');
        if (alive.status !== 200) problems.push(`${c.name}: server not healthy afterwards (${alive.status})`);
      }
      const summary = [...statuses.entries()].sort(([a], [b]) => a - b).map(([k, v]) => `${k}×${v}`);
      console.log(
        `[reliability] ${flavour}: ${cases.length} hostile requests, ${fiveXx} 5xx; statuses ${summary.join(' ')}`,
      );
      expect(problems).toEqual([]);
      expect(fiveXx).toBe(0);
    },
    300_000,
  );
});

/** A tiny in-test SCIM target and a fake suite exercising the runner. */
import { defineCheck, defineScenario, defineSuite, fail, pass, skip } from '../../engine/model/index.js';
import type { HttpResult, SuiteDefinition } from '../../engine/model/index.js';
import { HarnessError, TargetFailure } from '../../engine/errors.js';
import { expectStatus, verdict } from '../../engine/assert/index.js';
import { sendJson, startTestServer, type TestServer } from './helpers.js';

export interface FakeScim extends TestServer {
  deleted: string[];
}

export async function startFakeScim(
  options: { bulk?: boolean; spc?: boolean; failDelete?: boolean } = {},
): Promise<FakeScim> {
  const deleted: string[] = [];
  let next = 1;
  const server = await startTestServer((req, res) => {
    const path = (req.url ?? '').replace(/^\/scim\/v2/, '').split('?')[0] ?? '';
    if (path === '/ServiceProviderConfig') {
      if (options.spc === false) return sendJson(res, 404, {});
      return sendJson(res, 200, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: options.bulk ?? false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: true, maxResults: 100 },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [],
      });
    }
    if (path === '/ResourceTypes') {
      return sendJson(res, 200, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: 1,
        Resources: [
          { name: 'User', endpoint: '/Users', schema: 'urn:ietf:params:scim:schemas:core:2.0:User' },
        ],
      });
    }
    if (path === '/Schemas') return sendJson(res, 404, {});
    if (req.method === 'POST' && (path === '/Users' || path === '/Groups')) {
      return sendJson(res, 201, { id: String(next++) });
    }
    if (req.method === 'DELETE') {
      deleted.push(path);
      if (options.failDelete) return sendJson(res, 500, {});
      res.writeHead(204);
      return res.end();
    }
    if (path === '/Teapot') return sendJson(res, 418, {});
    return sendJson(res, 200, {});
  });
  return { ...server, deleted };
}

/** Counts scenario runs so tests can see memoisation. */
export const counters = { created: 0 };

const createUser = defineScenario({
  id: 'fake.create-user',
  async run(ctx) {
    counters.created++;
    const res = await ctx.http.request({ method: 'POST', path: '/Users', json: ctx.data.user() });
    const id = (res.json as { id?: string } | undefined)?.id;
    if (id) ctx.ledger.track(`/Users/${id}`);
    return res;
  },
});

const createGroupWithUser = defineScenario({
  id: 'fake.create-group',
  async run(ctx) {
    await ctx.use(createUser);
    const res = await ctx.http.request({ method: 'POST', path: '/Groups', json: ctx.data.group() });
    const id = (res.json as { id?: string } | undefined)?.id;
    if (id) ctx.ledger.track(`/Groups/${id}`);
    return res;
  },
});

const teapot = defineScenario({
  id: 'fake.teapot',
  run: (ctx) => ctx.http.request({ method: 'GET', path: '/Teapot' }),
});

const common = { suite: 'fake', rfc: 'RFC7644 3.3', explanation: 'test', level: 'MUST' as const };

export const fakeSuite: SuiteDefinition = defineSuite({
  name: 'fake',
  title: 'Fake suite',
  description: 'exercises the runner',
  checks: [
    defineCheck<HttpResult>({
      ...common,
      id: 'fake.create.returns-201',
      title: 'POST answers 201',
      scenario: createUser,
      assert: (res) => verdict(expectStatus(res, 201)),
    }),
    defineCheck<HttpResult>({
      ...common,
      id: 'fake.create.has-id',
      title: 'POST answers an id',
      scenario: createUser,
      assert: (res) => ((res.json as { id?: unknown }).id ? pass() : fail('ATTRIBUTE_MISSING', 'no id')),
    }),
    defineCheck<HttpResult>({
      ...common,
      id: 'fake.group.returns-201',
      title: 'POST group answers 201',
      scenario: createGroupWithUser,
      assert: (res) => verdict(expectStatus(res, 201)),
    }),
    defineCheck<HttpResult>({
      ...common,
      id: 'fake.teapot.status-200',
      title: 'A failing MUST check',
      scenario: teapot,
      assert: (res) => verdict(expectStatus(res, 200)),
    }),
    defineCheck<HttpResult>({
      ...common,
      level: 'SHOULD',
      id: 'fake.teapot.should',
      title: 'A failing SHOULD check',
      scenario: teapot,
      assert: (res) => verdict(expectStatus(res, 200)),
    }),
    defineCheck<HttpResult>({
      ...common,
      id: 'fake.bulk.supported',
      title: 'Needs bulk',
      requires: ['bulk'],
      scenario: teapot,
      assert: () => pass(),
    }),
    defineCheck<unknown>({
      ...common,
      id: 'fake.assert.throws',
      title: 'An assert that throws',
      scenario: teapot,
      assert: () => {
        throw new TypeError('boom');
      },
    }),
    defineCheck<unknown>({
      ...common,
      id: 'fake.scenario.harness-error',
      title: 'A scenario that throws a HarnessError',
      scenario: defineScenario({
        id: 'fake.fixture',
        run: () => Promise.reject(new HarnessError('HARNESS_FIXTURE_INVALID', 'fixture x.json is not JSON')),
      }),
      assert: () => pass(),
    }),
    defineCheck<unknown>({
      ...common,
      id: 'fake.scenario.target-failure',
      title: 'A scenario whose setup the target broke',
      scenario: defineScenario({
        id: 'fake.setup-broken',
        async run(ctx) {
          const res = await ctx.http.request({ method: 'GET', path: '/Teapot' });
          const failure = expectStatus(res, 200);
          if (failure) throw new TargetFailure(failure);
          return res;
        },
      }),
      assert: () => pass(),
    }),
    defineCheck<unknown>({
      ...common,
      level: 'MAY',
      id: 'fake.assert.skips',
      title: 'An assert that skips',
      scenario: teapot,
      assert: () => skip('not applicable'),
    }),
  ],
});

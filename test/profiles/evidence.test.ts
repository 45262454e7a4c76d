/**
 * Lifecycle results carry the exchanges of the step(s) they judge, not the whole replay of their profile:
 * the report shows the exact request and response behind each verdict.
 */
import { expect, test } from 'vitest';
import type { CheckResult, Report } from '../../engine/index.js';
import { startMutatingProxy } from '../support/mutating-proxy.js';
import { profilesNamed, replay, startRfc, TOKEN } from './helpers.js';

/** `METHOD /path` of each exchange a result carries, with ids and queries dropped. */
function requests(report: Report, id: string, profile: string): string[] {
  const result: CheckResult | undefined = report.results.find((r) => r.id === id && r.profile === profile);
  if (!result) throw new Error(`no result ${id} [${profile}]`);
  return result.exchanges.map((e) => {
    const path = new URL(e.request.url).pathname.replace(/^.*\/(Users|Groups)/, '/$1');
    return `${e.request.method} ${path.replace(/^(\/(?:Users|Groups))\/.+$/, '$1/{id}')}`;
  });
}

test('each lifecycle result carries the exchanges of the step it judges', async () => {
  const server = await startRfc();
  try {
    const report = await replay(server.url, TOKEN, profilesNamed(['okta']));
    const of = (id: string) => requests(report, id, 'okta');
    expect(of('lifecycle.connection.user-probe')).toEqual(['GET /Users']);
    expect(of('lifecycle.create.post-201')).toEqual(['POST /Users']);
    expect(of('lifecycle.create.read-back')).toEqual(['GET /Users/{id}']);
    expect(of('lifecycle.duplicate.no-second-user')).toEqual(['POST /Users', 'GET /Users']);
    // Okta reads the user before its PUT
    expect(of('lifecycle.update.accepted')).toEqual(['GET /Users/{id}', 'PUT /Users/{id}']);
    expect(of('lifecycle.update.persisted')).toEqual(['PUT /Users/{id}', 'GET /Users/{id}']);
    expect(of('lifecycle.deactivate.applied')).toEqual(['PATCH /Users/{id}', 'GET /Users/{id}']);
    expect(of('lifecycle.groups.create-201')).toEqual(['POST /Groups']);
    expect(of('lifecycle.groups.rename.applied')).toEqual(['PATCH /Groups/{id}', 'GET /Groups/{id}']);
    expect(of('lifecycle.groups.delete.accepted')).toEqual(['DELETE /Groups/{id}']);
    const lifecycle = report.results.filter((r) => r.suite === 'lifecycle' && r.outcome === 'pass');
    expect(lifecycle.length).toBeGreaterThan(20);
    for (const r of lifecycle) expect(r.exchanges.length, r.id).toBeLessThanOrEqual(2);
  } finally {
    await server.close();
  }
});

test('a failing step carries its request and response; a step it kept from being sent points at it', async () => {
  const server = await startRfc();
  const proxy = await startMutatingProxy(server.url);
  // The server refuses the group POST: every later group step is not sent.
  proxy.setBreakage({
    answer: (req) =>
      req.method === 'POST' && req.path === '/Groups'
        ? { status: 500, headers: { 'content-type': 'text/plain' }, body: 'group store down' }
        : undefined,
  });
  try {
    const report = await replay(proxy.url, TOKEN, profilesNamed(['okta']));
    const outcome = (id: string) => report.results.find((r) => r.id === id)?.outcome;
    expect(outcome('lifecycle.groups.create-201')).toBe('fail');
    expect(requests(report, 'lifecycle.groups.create-201', 'okta')).toEqual(['POST /Groups']);
    expect(outcome('lifecycle.groups.rename.applied')).toBe('skip');
    expect(requests(report, 'lifecycle.groups.rename.applied', 'okta')).toEqual(['POST /Groups']);
  } finally {
    await proxy.close();
    await server.close();
  }
});

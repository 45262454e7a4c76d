/**
 * Every suite against the independent alt server (alt-server.ts): a conformant SCIM server that makes other
 * RFC-permitted choices than our reference server. A failure here is a check that assumes our server's
 * choices, i.e. a false positive on a real server; see docs/third-party.md.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CheckResult, Report } from '../../engine/index.js';
import { startMutatingProxy, type MutatingProxy } from '../support/mutating-proxy.js';
import { startAltServer, type RunningAltServer } from './alt-server.js';
import { describeResult, runAll } from './run-all.js';

/**
 * SHOULD-level deviations the alt server makes on purpose, with the reason; a MUST failure is never allowed.
 * Empty: every choice the alt server makes is one the RFC leaves to the server.
 */
const SHOULD_ALLOWED: Record<string, string> = {
  // RFC 7644 §3.8 names the media types clients send but does not oblige a server to refuse others; the alt
  // server parses any body as JSON, a lenient choice this SHOULD check is there to flag.
  'users.post.non-json-content-type-rejected': 'parses a text/plain body as JSON',
};

let server: RunningAltServer;
let report: Report;

beforeAll(async () => {
  server = await startAltServer();
  report = await runAll(server.url, server.token);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

const result = (id: string, profile = 'rfc'): CheckResult | undefined =>
  report.results.find((r) => r.id === id && r.profile === profile);

test('no MUST or SHOULD check fails against a conformant server with other choices, and none errors', () => {
  const failing = report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error');
  const unexpected = failing.filter(
    (r) => r.outcome === 'error' || r.level === 'MUST' || !(r.id in SHOULD_ALLOWED),
  );
  expect(unexpected.map(describeResult)).toEqual([]);
  expect(report.summary.errored).toBe(0);
  expect(Object.values(report.verdicts).every((v) => v.compatible)).toBe(true);
});

test('skips carry a reason, and the features the server does not advertise are skipped, not failed', () => {
  for (const r of report.results.filter((x) => x.outcome === 'skip'))
    expect(r.message ?? '', r.id).not.toBe('');
  expect(result('etag.get.header-present')?.message).toContain('etag.supported is false');
  expect(result('bulk.response.returns-200')?.message).toContain('bulk.supported is false');
  expect(result('sorting.sort-order.descending')?.message).toContain('sort.supported is false');
});

test('the choices the alt server makes are the ones the checks see', () => {
  // PATCH answers 204: the checks that read a PATCH response body are skipped with that reason.
  expect(result('patch.response.reflects-change')?.message).toContain('204');
  // Declined comparison operators (RFC 7644 §3.12 Table 9) are skips; the supported ones are judged.
  for (const id of ['filter.ne.excludes-value', 'filter.ew.suffix', 'filter.gt.date-time'])
    expect(result(id)?.message, id).toContain('declined the filter with 400 invalidFilter');
  for (const id of [
    'filter.co.substring',
    'filter.sw.prefix',
    'filter.pr.present',
    'filter.value-path.same-value',
  ])
    expect(result(id)?.outcome, id).toBe('pass');
  // No enterprise extension: Entra's employeeNumber has nowhere to go, the rest of its update is judged.
  expect(result('lifecycle.update.persisted', 'entra-id')?.outcome).toBe('pass');
});

test('the cleanup left nothing behind', () => {
  expect(report.cleanup).toEqual([]);
  expect(server.counts()).toEqual({ users: 0, groups: 0 });
});

test('an eq-only variant (co, sw and pr declined as well) fails nothing either', async () => {
  // Many production servers filter with eq only; pagination, sorting and /.search then scope their
  // fixtures without sw, and the operator checks skip.
  const eqOnly = await startAltServer({ declineAlso: ['co', 'sw', 'pr'] });
  try {
    const run = await runAll(eqOnly.url, eqOnly.token);
    const failing = run.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error');
    expect(
      failing.filter((r) => r.level !== 'SHOULD' || !(r.id in SHOULD_ALLOWED)).map(describeResult),
    ).toEqual([]);
    expect(run.results.find((r) => r.id === 'pagination.count.honoured')?.outcome).toBe('pass');
    expect(run.results.find((r) => r.id === 'search.post.same-as-get')?.outcome).toBe('pass');
    expect(run.cleanup).toEqual([]);
    expect(eqOnly.counts()).toEqual({ users: 0, groups: 0 });
  } finally {
    await eqOnly.close();
  }
}, 60_000);

describe('the generalised checks still fail a server that is wrong', () => {
  let proxy: MutatingProxy;
  beforeAll(async () => {
    proxy = await startMutatingProxy(server.url);
  });
  afterAll(async () => {
    await proxy.close();
  });

  test('a declined operator reported with another scimType than invalidFilter is still a failure', async () => {
    proxy.setBreakage({
      mutate: (_req, res) =>
        res.status === 400 && res.body.includes('"invalidFilter"')
          ? { ...res, body: res.body.replace('"invalidFilter"', '"invalidValue"') }
          : undefined,
    });
    try {
      const broken = await runAll(proxy.url, server.token, { only: ['filter'], seed: 7 });
      const failed = broken.results.filter((r) => r.outcome === 'fail').map((r) => `${r.id} ${r.code ?? ''}`);
      for (const id of [
        'filter.ne.excludes-value',
        'filter.ew.suffix',
        'filter.lt.string',
        'filter.gt.date-time',
      ])
        expect(failed, id).toContain(`${id} STATUS_MISMATCH`);
    } finally {
      proxy.setBreakage(undefined);
    }
  });

  test('an update dropped under an extension the server does publish is still a failure', async () => {
    const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    proxy.setBreakage({
      // The server now claims the enterprise extension in /Schemas but still drops its attributes.
      mutate: (req, res) => {
        if (req.method !== 'GET' || req.path !== '/Schemas') return undefined;
        const body = JSON.parse(res.body) as { Resources?: unknown[]; totalResults: number };
        body.Resources?.push({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
          id: enterprise,
          attributes: [],
        });
        body.totalResults += 1;
        return { ...res, body: JSON.stringify(body) };
      },
    });
    try {
      const broken = await runAll(proxy.url, server.token, { only: ['lifecycle.update.persisted'], seed: 8 });
      const persisted = broken.results.find(
        (r) => r.id === 'lifecycle.update.persisted' && r.profile === 'entra-id',
      );
      expect(persisted?.outcome).toBe('fail');
      expect(persisted?.message).toContain(`${enterprise}:employeeNumber`);
    } finally {
      proxy.setBreakage(undefined);
    }
  });
});

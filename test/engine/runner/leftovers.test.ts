/**
 * Nothing left behind, or named when it is: against servers that answer creates in shapes a suite does not
 * track and that claim deletes they do not do, every resource left on the target after `scimulator run` is
 * named in the JSON report (and in console, HTML and Markdown), and pre-existing data is never touched.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { main } from '../../../cli/index.js';
import type { Report } from '../../../engine/index.js';
import { startMutatingProxy, type Breakage } from '../../support/mutating-proxy.js';
import { call, serve, snapshot, type Served } from '../../reference-server/robustness/server-helpers.js';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function cli(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = { write: (s: string) => ((out += s), true) };
  const code = await main(argv, { stdout: sink, stderr: sink, env: {} });
  return { code, out };
}

async function setUp(breakage: Breakage): Promise<{ s: Served; url: string; dir: string; before: string }> {
  const s = await serve('rfc', { seedUsers: 5 });
  cleanup.push(() => s.server.close());
  const before = await snapshot(s);
  const proxy = await startMutatingProxy(s.server.url);
  cleanup.push(() => proxy.close());
  proxy.setBreakage(breakage);
  const dir = await mkdtemp(join(tmpdir(), 'scimulator-leftovers-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return { s, url: proxy.url, dir, before };
}

/** `scimtest-` names still stored on the server itself (not through the proxy). */
async function stored(s: Served): Promise<Array<{ id: string; name: string }>> {
  const found: Array<{ id: string; name: string }> = [];
  for (const [endpoint, attr] of [
    ['Users', 'userName'],
    ['Groups', 'displayName'],
  ] as const) {
    const res = await call(s, 'GET', `${endpoint}?count=1000`);
    for (const r of (res.json as { Resources: Array<Record<string, string>> }).Resources) {
      const name = r[attr] ?? '';
      if (name.toLowerCase().startsWith('scimtest-')) found.push({ id: r.id ?? '', name });
    }
  }
  return found;
}

const TIMEOUT = ['--timeout', '3000', '--seed', '11'];

test('a DELETE that answers 204 but keeps the resource: every leftover is named in json, console, html and md', async () => {
  // The server "deletes" nothing: it answers 204 and keeps every resource.
  const { s, url, dir, before } = await setUp({
    answer: (req) => (req.method === 'DELETE' ? { status: 204, headers: {}, body: '' } : undefined),
  });
  const r = await cli([
    'run',
    '--target',
    url,
    '--token',
    s.token,
    '--suite',
    'users,groups',
    ...TIMEOUT,
    '--report',
    'console,json,html,md',
    '--out',
    dir,
  ]);
  const report = JSON.parse(await readFile(join(dir, 'scimulator-report.json'), 'utf8')) as Report;
  const left = await stored(s);
  expect(left.length).toBeGreaterThan(0);
  // Every resource left on the target is named in the report, with its type, id, name and why.
  const named = new Set(report.cleanup.map((c) => c.id));
  for (const l of left) expect(named.has(l.id), `${l.name} not in the report`).toBe(true);
  expect(report.cleanup.length).toBe(left.length);
  for (const c of report.cleanup) {
    expect(c.resourceType).toMatch(/^(User|Group)$/);
    expect(c.name).toMatch(/^scimtest-/);
    expect(c.message).toMatch(/still finds it/);
  }
  // The users delete check fails on the evidence of the GET that still finds the user.
  const deleteCheck = report.results.find((x) => x.id === 'users.delete.then-get-404');
  expect(deleteCheck?.outcome).toBe('fail');
  // The console ends with one warning: the count and the command that removes them.
  const last = r.out
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('warning:'));
  expect(last).toEqual([
    `warning: ${left.length} resources left on the target; remove them with: scimulator cleanup --target ${url} --prefix ${report.prefix} --yes`,
  ]);
  const html = await readFile(join(dir, 'scimulator-report.html'), 'utf8');
  const md = await readFile(join(dir, 'scimulator-report.md'), 'utf8');
  expect(html).toContain(`${left.length} resource(s) the run created are left on the target`);
  expect(html).toContain(`scimulator cleanup --target ${url} --prefix ${report.prefix} --yes`);
  expect(md).toContain(`Cleanup left ${left.length} resources behind`);
  expect(md).toContain(report.cleanup[0]?.name ?? 'none');
  // Leftovers are warnings by default; --fail-on-leftovers makes them gate.
  const gated = await cli([
    'run',
    '--target',
    url,
    '--token',
    s.token,
    '--check',
    'users.post.returns-201',
    ...TIMEOUT,
    '--fail-on-leftovers',
  ]);
  expect(gated.code, gated.out).toBe(1);
  // Pre-existing users were never touched: only scimtest- names changed.
  const after = JSON.parse(await snapshot(s)) as [number, { Resources: Array<Record<string, unknown>> }];
  const beforeUsers = (JSON.parse(before) as typeof after)[1].Resources;
  for (const u of beforeUsers) expect(after[1].Resources).toContainEqual(u);
}, 120_000);

test('creates answered 201 without id or Location are found by their unique name and deleted', async () => {
  const { s, url, dir } = await setUp({
    mutate: (req, res) => {
      if (req.method !== 'POST' || res.status !== 201) return undefined;
      const body = JSON.parse(res.body) as Record<string, unknown>;
      delete body.id;
      delete body.meta;
      const headers = { ...res.headers };
      delete headers.location;
      return { ...res, headers, body: JSON.stringify(body) };
    },
  });
  const r = await cli([
    'run',
    '--target',
    url,
    '--token',
    s.token,
    '--suite',
    'users,groups',
    ...TIMEOUT,
    '--report',
    'json',
    '--out',
    dir,
  ]);
  const report = JSON.parse(await readFile(join(dir, 'scimulator-report.json'), 'utf8')) as Report;
  const left = await stored(s);
  expect(left, r.out.slice(-600)).toEqual([]);
  expect(report.cleanup).toEqual([]);
}, 120_000);

test('Bulk operations whose status is an object are tracked and deleted', async () => {
  const { s, url, dir } = await setUp({
    mutate: (req, res) => {
      if (req.method !== 'POST' || req.path !== '/Bulk' || res.status !== 200) return undefined;
      const body = JSON.parse(res.body) as { Operations?: Array<Record<string, unknown>> };
      for (const op of body.Operations ?? []) op.status = { code: String(op.status) };
      return { ...res, body: JSON.stringify(body) };
    },
  });
  await cli([
    'run',
    '--target',
    url,
    '--token',
    s.token,
    '--suite',
    'bulk',
    ...TIMEOUT,
    '--report',
    'json',
    '--out',
    dir,
  ]);
  const report = JSON.parse(await readFile(join(dir, 'scimulator-report.json'), 'utf8')) as Report;
  expect(await stored(s)).toEqual([]);
  expect(report.cleanup).toEqual([]);
}, 120_000);

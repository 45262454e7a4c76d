/**
 * The end of every run (and `scimulator cleanup`): delete what the run created, verify each delete with a
 * GET (RFC 7644 §3.6: a deleted resource answers 404), sweep the target for names carrying the run's prefix,
 * and report, one entry each, whatever is still there. Nothing whose name lacks the prefix is ever swept.
 * @module
 */
import { eachBounded } from '../bounded.js';
import type { HttpClient, HttpResult } from '../model/index.js';
import type { CleanupIssue } from './ledger.js';
import type { CreationTracker, TrackedResource } from './creation-tracker.js';
import { isObject } from '../../protocol/json.js';
import { is2xx } from '../../protocol/http.js';

/** A resource found on the target by the prefix convention. */
export interface FoundResource {
  type: string;
  endpoint: string;
  id: string;
  url: string;
  name: string;
}

/** How a resource type is named: Users by userName (RFC 7643 §4.1.1), everything else by displayName. */
function nameAttributeFor(type: string): 'userName' | 'displayName' {
  return type === 'User' ? 'userName' : 'displayName';
}

/** Case-insensitive, since userName is not case-exact (RFC 7643 §4.1.1) and servers may normalise it. */
function carriesPrefix(name: string | undefined, prefix: string): boolean {
  return name !== undefined && prefix !== '' && name.toLowerCase().startsWith(prefix.toLowerCase());
}

const PAGE = 100;
const MAX_PAGES = 50;

/** Lists the resources of one endpoint whose name starts with `prefix`: `sw` filter first, paging otherwise. */
export async function findByPrefix(
  http: HttpClient,
  base: string,
  type: string,
  endpoint: string,
  prefix: string,
): Promise<{ found: FoundResource[]; problem?: string }> {
  const attribute = nameAttributeFor(type);
  const found = new Map<string, FoundResource>();
  const collect = (res: HttpResult): number | undefined => {
    if (res.status !== 200 || !isObject(res.json) || !Array.isArray(res.json.Resources)) return undefined;
    for (const item of res.json.Resources) {
      if (!isObject(item) || typeof item.id !== 'string') continue;
      const name = typeof item[attribute] === 'string' ? item[attribute] : undefined;
      // The server's filter is never trusted alone: only names that really carry the prefix are kept.
      if (!carriesPrefix(name, prefix)) continue;
      found.set(item.id, {
        type,
        endpoint,
        id: item.id,
        url: `${base}${endpoint}/${encodeURIComponent(item.id)}`,
        name: name as string,
      });
    }
    return res.json.Resources.length;
  };
  const list = async (query: Record<string, string | number>, pages: number): Promise<string | undefined> => {
    for (let page = 0; page < pages; page++) {
      const res = await http.request({
        method: 'GET',
        path: endpoint,
        query: { ...query, startIndex: page * PAGE + 1, count: PAGE },
      });
      const n = collect(res);
      if (n === undefined)
        return res.status === undefined
          ? (res.exchange.error?.code ?? 'NO_RESPONSE')
          : `GET ${endpoint} answered ${res.status}`;
      const total =
        isObject(res.json) && typeof res.json.totalResults === 'number' ? res.json.totalResults : 0;
      if (n < PAGE || (page + 1) * PAGE >= total) return undefined;
    }
    return undefined;
  };
  // RFC 7644 §3.4.2.2: `sw`; a target without filtering is paged through instead.
  const filtered = await list({ filter: `${attribute} sw "${prefix}"` }, MAX_PAGES);
  if (filtered === undefined) return { found: [...found.values()] };
  const paged = await list({}, MAX_PAGES);
  return paged === undefined
    ? { found: [...found.values()] }
    : { found: [...found.values()], problem: `${filtered}; ${paged}` };
}

/** The outcome of deleting one resource and looking for it again. */
type DeleteOutcome = { gone: true } | { gone: false; status?: number; code?: string; reason: string };

/**
 * GET after a 2xx DELETE: only a 2xx whose body is the resource (same id) proves it is still there; any other
 * answer trusts the DELETE, since nothing to the contrary was observed.
 */
async function verifyGone(
  http: HttpClient,
  url: string,
  id: string | undefined,
  deleteStatus: number | string,
  shown = url,
): Promise<DeleteOutcome> {
  const res = await http.request({ method: 'GET', path: url });
  const body = isObject(res.json) ? res.json : undefined;
  const same = body !== undefined && typeof body.id === 'string' && (id === undefined || body.id === id);
  if (is2xx(res.status) && same)
    return {
      gone: false,
      status: res.status,
      code: 'DELETE_NOT_EFFECTIVE',
      reason: `DELETE ${shown} answered ${deleteStatus} but GET still finds it (${res.status})`,
    };
  return { gone: true };
}

/** DELETE, then verify: 404 and 410 count as gone (RFC 7644 §3.6). */
export async function deleteVerified(
  http: HttpClient,
  url: string,
  id?: string,
  shown = url,
): Promise<DeleteOutcome> {
  const res = await http.request({ method: 'DELETE', path: url });
  if (res.status === 404 || res.status === 410) return { gone: true };
  if (is2xx(res.status)) return verifyGone(http, url, id, res.status as number, shown);
  if (res.status !== undefined)
    return { gone: false, status: res.status, reason: `DELETE ${shown} answered ${res.status}` };
  const error = res.exchange.error;
  return {
    gone: false,
    code: error?.code ?? 'NO_RESPONSE',
    reason: `DELETE ${shown}: ${error?.message ?? 'no response'}`,
  };
}

interface CleanUpOptions {
  http: HttpClient;
  baseUrl: string;
  /** The run's prefix (`scimtest-<runId>`): the sweep deletes only names that start with it. */
  prefix: string;
  /** Paths suites tracked by hand (`ctx.ledger.track`), oldest first. */
  ledgerPaths: readonly string[];
  tracker: CreationTracker;
  /** Look for prefixed leftovers after deleting what was tracked (default true). */
  sweep?: boolean;
  /** Deletes (each with its verifying GET) in flight at once; default 8, the run's `--concurrency`. */
  concurrency?: number;
}

interface Target {
  url: string;
  type: string;
  id?: string;
  name?: string;
  claimed: boolean;
}

function leftover(
  target: Pick<Target, 'url' | 'type' | 'id' | 'name'>,
  base: string,
  outcome: Exclude<DeleteOutcome, { gone: true }>,
): CleanupIssue {
  const path = target.url.startsWith(`${base}/`) ? target.url.slice(base.length) : target.url;
  return {
    path,
    resourceType: target.type,
    ...(target.id !== undefined ? { id: target.id } : {}),
    ...(target.name !== undefined ? { name: target.name } : {}),
    ...(outcome.status !== undefined ? { status: outcome.status } : {}),
    ...(outcome.code !== undefined ? { code: outcome.code } : {}),
    message: outcome.reason,
  };
}

/** Finds a resource created without an id by its unique name (RFC 7644 §3.4.2.2 `eq`). */
async function findByName(
  http: HttpClient,
  base: string,
  resource: TrackedResource,
): Promise<Target[] | 'unsearchable'> {
  const name = resource.name;
  if (!name) return [];
  const res = await http.request({
    method: 'GET',
    path: resource.endpoint,
    query: { filter: `${name.attribute} eq "${name.value}"` },
  });
  if (res.status !== 200 || !isObject(res.json) || !Array.isArray(res.json.Resources)) return 'unsearchable';
  return res.json.Resources.flatMap((item) =>
    isObject(item) && typeof item.id === 'string' && item[name.attribute] === name.value
      ? [
          {
            url: `${base}${resource.endpoint}/${encodeURIComponent(item.id)}`,
            type: resource.type,
            id: item.id,
            name: name.value,
            claimed: false,
          },
        ]
      : [],
  );
}

/** One spelling per resource URL, so the same resource reached two ways is handled (and reported) once. */
function canonical(url: string): string {
  try {
    const u = new URL(url);
    u.pathname = u.pathname
      .split('/')
      .map((segment) => {
        try {
          return encodeURIComponent(decodeURIComponent(segment));
        } catch {
          return segment;
        }
      })
      .join('/');
    return u.href;
  } catch {
    return url;
  }
}

/**
 * Groups (and every other type) go before Users: a group may contain users created before it, deleting a
 * group never touches its members, and a member deleted first may linger in the group (RFC 7643 §4.2).
 */
function cleanupPhase(type: string): number {
  return type === 'User' ? 1 : 0;
}

/**
 * Runs `work` over `items` phase by phase (`cleanupPhase` of each item's type), up to `width` at a time
 * within a phase; items start in the order given (newest first), and no item of a later phase starts
 * before every item of the earlier phases has finished.
 */
export async function inPhases<T extends { type: string }>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const phases = [...new Set(items.map((i) => cleanupPhase(i.type)))].sort((a, b) => a - b);
  for (const phase of phases) {
    const queue = items.filter((i) => cleanupPhase(i.type) === phase);
    await eachBounded(queue.length, width, (i) => work(queue[i]!));
  }
}

/** Consecutive requests without an answer after which cleanup stops trying (the target is gone). */
const GIVE_UP_AFTER = 3;

/**
 * Deletes and verifies everything the run created, sweeps by prefix, and returns one issue per resource
 * still on the target (plus refusals). Never throws for the target's behaviour.
 */
export async function cleanUpRun(
  options: CleanUpOptions,
): Promise<{ deleted: number; issues: CleanupIssue[] }> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const { tracker, prefix } = options;
  const issues: CleanupIssue[] = [];
  const left = new Map<string, CleanupIssue>();
  // Leftovers are reported in the order their resources were first met, not the order deletes finished.
  const rank = new Map<string, number>();
  const ranked = (key: string): string => {
    if (!rank.has(key)) rank.set(key, rank.size);
    return key;
  };
  const done = new Set<string>();
  let deleted = 0;
  let silent = 0;
  const gaveUp = (): boolean => silent >= GIVE_UP_AFTER;
  // Every cleanup request counts: once the target stopped answering, nothing more is sent (bounded time).
  const http: HttpClient = {
    request: async (spec) => {
      if (gaveUp()) return stoppedResult(spec.method, spec.path);
      const res = await options.http.request(spec);
      silent = res.status === undefined ? silent + 1 : 0;
      return res;
    },
  };

  const width = options.concurrency ?? 8;
  /** Claims a target once (one spelling per URL): the first claim wins, later ones are dropped. */
  const claim = (target: Target, into: Target[]): void => {
    target = { ...target, url: canonical(target.url) };
    if (done.has(target.url)) return;
    done.add(ranked(target.url));
    into.push(target);
  };
  const handle = async (target: Target): Promise<void> => {
    if (gaveUp()) {
      left.set(
        target.url,
        leftover(target, base, {
          gone: false,
          code: 'TARGET_UNREACHABLE',
          reason: 'cleanup stopped: the target stopped answering',
        }),
      );
      return;
    }
    let outcome: DeleteOutcome;
    try {
      const shown = target.url.startsWith(`${base}/`) ? target.url.slice(base.length) : target.url;
      outcome = target.claimed
        ? await verifyGone(http, target.url, target.id, '2xx', shown)
        : await deleteVerified(http, target.url, target.id, shown);
    } catch (err) {
      outcome = { gone: false, code: 'HARNESS_BUG', reason: String(err) };
    }
    if (outcome.gone) {
      deleted++;
      left.delete(target.url);
    } else left.set(target.url, leftover(target, base, outcome));
  };

  // Steps 1 and 2 claim their targets in order (newest first); they are deleted together, phase by phase.
  const claimed: Target[] = [];
  // 1. What suites tracked by hand, newest first; an absolute URL outside the target is never deleted.
  const tracked = tracker.list();
  const byUrl = new Map(tracked.filter((t) => t.url).map((t) => [t.url as string, t]));
  for (const path of [...options.ledgerPaths].reverse()) {
    const url = tracker.absolute(path);
    if (/^https?:\/\//i.test(path) && !path.startsWith(`${base}/`)) {
      issues.push({ path, code: 'CLEANUP_REFUSED', message: `not deleting ${path}: outside ${base}` });
      done.add(url);
      continue;
    }
    const seen = byUrl.get(url);
    claim(
      {
        url,
        type: seen?.type ?? typeOfPath(tracker, path),
        ...(seen?.id !== undefined ? { id: seen.id } : {}),
        ...(seen?.name ? { name: seen.name.value } : {}),
        claimed: seen?.state === 'claimed-deleted',
      },
      claimed,
    );
  }

  // 2. What the tracker saw created, newest first; creates without an id wait for the sweep (step 3).
  const unnamed: TrackedResource[] = [];
  for (const resource of [...tracked].reverse()) {
    const targets: Target[] = [];
    if (resource.url !== undefined) {
      if (!resource.url.startsWith(`${base}/`)) {
        if (!done.has(resource.url))
          issues.push({
            path: resource.url,
            resourceType: resource.type,
            code: 'CLEANUP_REFUSED',
            message: `not deleting ${resource.url}: outside ${base}`,
          });
        done.add(resource.url);
        continue;
      }
      // A create whose answer names something without the run's prefix is not deleted blindly.
      if (
        resource.name &&
        !carriesPrefix(resource.name.value, prefix) &&
        !options.ledgerPaths.some((p) => tracker.absolute(p) === resource.url)
      ) {
        if (!done.has(resource.url) && resource.state === 'created')
          left.set(
            ranked(resource.url),
            leftover(
              {
                url: resource.url,
                type: resource.type,
                ...(resource.id !== undefined ? { id: resource.id } : {}),
                name: resource.name.value,
              },
              base,
              {
                gone: false,
                code: 'CLEANUP_REFUSED',
                reason: `not deleted: its ${resource.name.attribute} does not carry the run's prefix ${prefix}`,
              },
            ),
          );
        done.add(resource.url);
        continue;
      }
      targets.push({
        url: resource.url,
        type: resource.type,
        ...(resource.id !== undefined ? { id: resource.id } : {}),
        ...(resource.name ? { name: resource.name.value } : {}),
        claimed: resource.state === 'claimed-deleted',
      });
    } else if (resource.name) {
      unnamed.push(resource);
    }
    for (const target of targets) claim(target, claimed);
  }
  await inPhases(claimed, width, handle);

  // 3. The sweep: anything still named with the run's prefix.
  const listed = new Set<string>();
  if (options.sweep !== false) {
    // Every endpoint is listed at once; what they still hold is then deleted like the tracked resources.
    const lists = await Promise.all(
      tracker
        .endpointList()
        .map(async ({ type, endpoint }) =>
          gaveUp()
            ? undefined
            : { type, endpoint, ...(await findByPrefix(http, base, type, endpoint, prefix)) },
        ),
    );
    const swept: Target[] = [];
    for (const list of lists) {
      if (list === undefined) continue;
      if (list.problem === undefined) listed.add(list.endpoint);
      for (const resource of list.found) {
        done.delete(canonical(resource.url));
        claim(
          { url: resource.url, type: list.type, id: resource.id, name: resource.name, claimed: false },
          swept,
        );
      }
    }
    await inPhases(swept, width, handle);
  }

  // 4. Creates without an id on an endpoint the sweep could not list: looked up by their unique name.
  const unsearchable = new Set<string>();
  const byName: Target[] = [];
  for (const resource of unnamed) {
    const name = resource.name as NonNullable<TrackedResource['name']>;
    const sweptAway =
      listed.has(resource.endpoint) &&
      name.attribute === nameAttributeFor(resource.type) &&
      carriesPrefix(name.value, prefix);
    if (sweptAway) continue;
    const key = `${base}${resource.endpoint}?${name.attribute}=${name.value}`;
    const why = !carriesPrefix(name.value, prefix)
      ? `created without an id, and its ${name.attribute} does not carry the run's prefix ${prefix}, so it is not searched for`
      : unsearchable.has(resource.endpoint)
        ? `created without an id, and ${resource.endpoint} could not be searched`
        : undefined;
    const found = why === undefined ? await findByName(http, base, resource) : undefined;
    if (found === undefined || found === 'unsearchable') {
      if (found === 'unsearchable') unsearchable.add(resource.endpoint);
      left.set(
        ranked(key),
        leftover({ url: key, type: resource.type, name: name.value }, base, {
          gone: false,
          code: 'NOT_FOUND_BY_NAME',
          reason:
            why ??
            `created without an id, and ${resource.endpoint} could not be searched by ${name.attribute}`,
        }),
      );
      continue;
    }
    for (const target of found) claim(target, byName);
  }
  await inPhases(byName, width, handle);
  const order = (key: string): number => rank.get(key) ?? rank.size;
  const sorted = [...left].sort(([a], [b]) => order(a) - order(b)).map(([, issue]) => issue);
  return { deleted, issues: [...issues, ...sorted] };
}

/** The resource type a hand-tracked path belongs to (by its endpoint), or its first segment. */
function typeOfPath(tracker: CreationTracker, path: string): string {
  const rel = path.replace(/^https?:\/\/[^/]+/i, '');
  const known = tracker.endpointList().find(({ endpoint }) => rel.includes(`${endpoint}/`));
  return known?.type ?? rel.split('/').filter(Boolean)[0] ?? 'resource';
}

/** What a request gets once cleanup gave up on the target: no answer, without waiting for one. */
function stoppedResult(method: string, path: string): HttpResult {
  const message = 'cleanup stopped: the target stopped answering';
  return {
    exchange: {
      request: { method, url: path, headers: {} },
      error: { code: 'TARGET_UNREACHABLE', message },
      ms: 0,
    },
    status: undefined,
    headers: {},
    text: undefined,
    json: undefined,
    jsonError: 'no response',
  };
}

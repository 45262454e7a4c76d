/**
 * `scimulator load`: an IdP's initial sync at scale (docs/idp/entra-id.md#create-and-matching, #groups): for each of N users the
 * match query, then the POST when nothing matched; then one group per `groupSize` users, created and filled
 * with one `add members` PATCH. `concurrency` workers share the work, a token bucket paces them to `rate`
 * requests/s, and a 429 is retried after its Retry-After (seconds or HTTP-date, capped), as Entra does.
 * Afterwards everything the run created is deleted unless `keep` is set.
 * @module
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { eachBounded } from '../bounded.js';
import { HarnessError } from '../errors.js';
import { LeanClient, type LeanResponse } from './lean-client.js';
import type { LoadPattern } from './pattern.js';
import { DEFAULT_RETRY, retryDelay, type RetryPolicy } from './retry-after.js';
import { TokenBucket } from './token-bucket.js';
import { Phase, type PhaseFigures } from './phase.js';
import { throughputVerdict, type LoadVerdict } from './verdict.js';

export interface LoadOptions {
  /** The target's SCIM base URL. */
  target: string;
  token?: string;
  pattern: LoadPattern;
  users: number;
  concurrency: number;
  /** Requests per second, all workers together; unpaced when absent. */
  rate?: number;
  /** Users per group (default 100). */
  groupSize?: number;
  /** Leave created users and groups in place. */
  keep?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Pool shape; default min(concurrency, 32) connections with enough pipelining for `concurrency`. */
  connections?: number;
  pipelining?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called about once a second while the run is going. */
  onProgress?(progress: { phase: 'users' | 'groups' | 'cleanup'; done: number; total: number }): void;
}

export interface LoadReport {
  pattern: string;
  patternSource: string;
  target: string;
  prefix: string;
  users: number;
  concurrency: number;
  rate: number | null;
  connections: number;
  pipelining: number;
  startedAt: string;
  interrupted: boolean;
  outcome: {
    matched: number;
    created: number;
    groupsCreated: number;
    membershipPatches: number;
    failedUsers: number;
  };
  sync: PhaseFigures;
  cleanup: (PhaseFigures & { deleted: number; skipped: false }) | { skipped: true; reason: string };
  verdict: LoadVerdict;
}

type Expect = readonly number[];
const OK_GET: Expect = [200];
const OK_CREATE: Expect = [200, 201];
const OK_PATCH: Expect = [200, 204];
const OK_DELETE: Expect = [200, 204, 404];

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'NETWORK_ERROR';
}

function firstId(json: unknown): { total: number; id: string | undefined } | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const list = json as { totalResults?: unknown; Resources?: unknown };
  if (typeof list.totalResults !== 'number') return undefined;
  const first = Array.isArray(list.Resources)
    ? (list.Resources[0] as { id?: unknown } | undefined)
    : undefined;
  return { total: list.totalResults, id: typeof first?.id === 'string' ? first.id : undefined };
}

function idOf(json: unknown): string | undefined {
  const id = (json as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const { pattern, users } = options;
  const concurrency = Math.max(1, options.concurrency);
  const connections = options.connections ?? Math.min(concurrency, 32);
  const pipelining = options.pipelining ?? Math.max(1, Math.ceil(concurrency / connections));
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const groupSize = options.groupSize ?? 100;
  const bucket = options.rate !== undefined ? new TokenBucket(options.rate) : undefined;
  const signal = options.signal;
  const stopped = (): boolean => signal?.aborted === true;
  const client = new LeanClient({
    baseUrl: options.target,
    ...(options.token !== undefined ? { token: options.token } : {}),
    headers: pattern.headers,
    connections,
    pipelining,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const startedAt = new Date().toISOString();

  let phase = new Phase();
  let progress = { phase: 'users' as 'users' | 'groups' | 'cleanup', done: 0, total: users };
  const ticker = options.onProgress
    ? setInterval(() => options.onProgress?.({ ...progress }), 1000)
    : undefined;
  ticker?.unref();

  /** One step: paced, retried on 429; resolves with the final answer when it was the expected one. */
  const call = async (
    method: string,
    path: string,
    endpoint: string,
    body: string | undefined,
    expect: Expect,
    readJson: boolean,
  ): Promise<LeanResponse | undefined> => {
    const counted = phase;
    for (let attempt = 0; ; attempt++) {
      if (bucket) {
        const wait = bucket.reserve();
        if (wait > 0) await sleep(wait);
      }
      const t0 = performance.now();
      let res: LeanResponse;
      try {
        res = await client.send(method, path, body, readJson);
      } catch (err) {
        const code = errorCode(err);
        counted.count(code);
        counted.finals++;
        counted.error(`${method} ${endpoint} ${code}`);
        return undefined;
      }
      counted.latency.add(performance.now() - t0);
      counted.count(String(res.status));
      if (res.status === 429 && attempt < policy.maxRetries && !stopped()) {
        const wait = retryDelay(res.retryAfter, attempt + 1, policy);
        counted.retries++;
        counted.retryWaitMs += wait;
        try {
          await sleep(wait, undefined, signal ? { signal } : undefined);
        } catch {
          // Aborted while waiting: the next loop turn sends the retry no more.
        }
        if (!stopped()) continue;
      }
      counted.finals++;
      if (expect.includes(res.status)) {
        counted.good();
        return res;
      }
      counted.error(`${method} ${endpoint} ${res.status}`);
      return undefined;
    }
  };

  const memberIds: Array<string | undefined> = new Array<string | undefined>(users);
  const createdUsers: string[] = [];
  const createdGroups: string[] = [];
  const outcome = { matched: 0, created: 0, groupsCreated: 0, membershipPatches: 0, failedUsers: 0 };

  /** The match query of a user or group: a GET whose list answer is read. */
  const find = (path: string, endpoint: string): Promise<LeanResponse | undefined> =>
    call('GET', path, endpoint, undefined, OK_GET, true);

  const syncUser = async (i: number): Promise<void> => {
    const n = i + 1;
    if (pattern.matchFirst) {
      const found = await find(`/Users?${pattern.userMatchQuery.render(n)}`, '/Users?filter');
      const hit = found && firstId(found.json);
      if (!hit) {
        outcome.failedUsers++;
        return;
      }
      if (hit.total === 1 && hit.id !== undefined) {
        // Already there (an earlier --keep run): the IdP adopts it and writes nothing.
        outcome.matched++;
        memberIds[i] = hit.id;
        return;
      }
      if (hit.total > 1) {
        // DuplicateTargetEntries: Entra writes nothing (docs/idp/entra-id.md#responses-and-retries).
        phase.error('GET /Users?filter duplicate');
        outcome.failedUsers++;
        return;
      }
    }
    const created = await call('POST', '/Users', '/Users', pattern.userBody.render(n), OK_CREATE, true);
    const id = created && idOf(created.json);
    if (!id) {
      outcome.failedUsers++;
      return;
    }
    outcome.created++;
    createdUsers.push(id);
    memberIds[i] = id;
  };

  const syncGroup = async (g: number): Promise<void> => {
    const n = g + 1;
    const members = memberIds
      .slice(g * groupSize, (g + 1) * groupSize)
      .filter((id): id is string => id !== undefined);
    const found = await find(`/Groups?${pattern.groupMatchQuery.render(n)}`, '/Groups?filter');
    const hit = found && firstId(found.json);
    if (!hit) return;
    let groupId = hit.total === 1 ? hit.id : undefined;
    if (groupId === undefined) {
      const created = await call('POST', '/Groups', '/Groups', pattern.groupBody.render(n), OK_CREATE, true);
      groupId = created && idOf(created.json);
      if (!groupId) return;
      outcome.groupsCreated++;
      createdGroups.push(groupId);
    }
    if (members.length === 0) return;
    const patched = await call(
      'PATCH',
      `/Groups/${encodeURIComponent(groupId)}`,
      '/Groups/{id}',
      pattern.memberAddBody(members),
      OK_PATCH,
      false,
    );
    if (patched) outcome.membershipPatches++;
  };
  const counting =
    (work: (i: number) => Promise<void>) =>
    async (i: number): Promise<void> => {
      await work(i);
      progress.done++;
    };

  let sync: PhaseFigures;
  let cleanup: LoadReport['cleanup'];
  try {
    await eachBounded(users, concurrency, counting(syncUser), stopped);
    if (pattern.groups && !stopped()) {
      const groups = Math.ceil(users / groupSize);
      progress = { phase: 'groups', done: 0, total: groups };
      await eachBounded(groups, concurrency, counting(syncGroup), stopped);
    }
    phase.ended = performance.now();
    sync = phase.figures();
    const answered = Object.keys(sync.statuses).some((status) => /^\d+$/.test(status));
    if (sync.requests > 0 && !answered) {
      const [code = 'NETWORK_ERROR'] = Object.keys(sync.statuses);
      throw new HarnessError('TARGET_UNREACHABLE', `no request to ${options.target} got an answer (${code})`);
    }

    if (options.keep) {
      cleanup = { skipped: true, reason: '--keep: created users and groups were left in place' };
    } else {
      // Cleanup runs even after Ctrl-C: what the run created goes away.
      phase = new Phase();
      const targets = [
        ...createdGroups.map((id) => `/Groups/${encodeURIComponent(id)}`),
        ...createdUsers.map((id) => `/Users/${encodeURIComponent(id)}`),
      ];
      progress = { phase: 'cleanup', done: 0, total: targets.length };
      let deleted = 0;
      // Groups first (they name the users), then users.
      const groupCount = createdGroups.length;
      const remove = async (i: number): Promise<void> => {
        const endpoint = i < groupCount ? '/Groups/{id}' : '/Users/{id}';
        if (await call('DELETE', targets[i] as string, endpoint, undefined, OK_DELETE, false)) deleted++;
        progress.done++;
      };
      await eachBounded(groupCount, concurrency, remove);
      await eachBounded(targets.length - groupCount, concurrency, (i) => remove(i + groupCount));
      phase.ended = performance.now();
      cleanup = { ...phase.figures(), deleted, skipped: false };
    }
  } finally {
    if (ticker) clearInterval(ticker);
    await client.close();
  }

  return {
    pattern: pattern.name,
    patternSource: pattern.source,
    target: options.target,
    prefix: pattern.prefix,
    users,
    concurrency,
    rate: options.rate ?? null,
    connections,
    pipelining,
    startedAt,
    interrupted: stopped(),
    outcome,
    sync,
    cleanup,
    verdict: throughputVerdict(sync, options.rate, pattern.throughput),
  };
}

/**
 * Replays a recording against any target through the engine's transport, in order, rewriting the ids the
 * target assigns, and reports where the target's answers differ from the recorded ones. What the replay
 * created and did not delete itself is deleted at the end; nothing else is ever touched.
 * @module
 */
import { HarnessError } from '../errors.js';
import type { Exchange, HttpResult, RequestSpec } from '../model/index.js';
import { compareResponses, DEFAULT_IGNORE, type Difference } from './diff-responses.js';
import { IdMap } from './id-map.js';
import type { Recording, RecordingExchange } from './types.js';
import { asObject, parseJson } from '../../protocol/json.js';
import { is2xx } from '../../protocol/http.js';

/** Request headers a replay never copies: credentials (the replay's own token is used), framing, hop-by-hop. */
const NOT_REPLAYED = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'upgrade',
  'accept-encoding',
  'expect',
]);

/** The transport surface a replay needs (HttpTransport satisfies it). */
export interface ReplayClient {
  readonly baseUrl: string;
  request(spec: RequestSpec): Promise<HttpResult>;
}

export interface ReplayOptions {
  client: ReplayClient;
  /** Extra ignore patterns (see `CompareOptions.ignore`). */
  ignore?: readonly string[];
  /** Leave out DEFAULT_IGNORE (ids, timestamps, versions, ETags). */
  noDefaultIgnores?: boolean;
  /** Delete what the replay created (default true). */
  cleanup?: boolean;
  onStep?: (step: ReplayStep) => void;
}

export interface ReplayStep {
  seq: number;
  method: string;
  /** The recorded path (relative to the SCIM base). */
  path: string;
  /** The path actually sent, after id rewriting. */
  sentPath: string;
  recordedStatus: number;
  actualStatus: number | undefined;
  differences: Difference[];
  exchange: Exchange;
}

export interface CleanupEntry {
  path: string;
  status: number | undefined;
  error?: string;
}

export interface ReplayResult {
  target: string;
  source: Recording['source'];
  startedAt: string;
  durationMs: number;
  steps: ReplayStep[];
  /** Recorded id → id of the target. */
  ids: Record<string, string>;
  cleanup: CleanupEntry[];
  /** Number of steps with at least one difference. */
  differing: number;
}

const MATCH_KEYS = ['userName', 'displayName', 'externalId'] as const;

/** Learns ids from a recorded and an actual answer: the resource's own id, and list members matched by name. */
function learnIds(ids: IdMap, recorded: unknown, actual: unknown): void {
  const r = asObject(recorded);
  const a = asObject(actual);
  if (!r || !a) return;
  if (typeof r.id === 'string' && typeof a.id === 'string') ids.learn(r.id, a.id);
  const rList = Array.isArray(r.Resources) ? r.Resources.map(asObject) : undefined;
  const aList = Array.isArray(a.Resources) ? a.Resources.map(asObject) : undefined;
  if (!rList || !aList) return;
  rList.forEach((res, i) => {
    if (!res || typeof res.id !== 'string') return;
    const key = MATCH_KEYS.find((k) => typeof res[k] === 'string');
    const match = key
      ? aList.find((x) => x?.[key] === res[key])
      : rList.length === aList.length
        ? aList[i]
        : undefined;
    if (typeof match?.id === 'string') ids.learn(res.id, match.id);
  });
}

function replayHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!NOT_REPLAYED.has(name.toLowerCase())) out[name.toLowerCase()] = value;
  }
  return out;
}

function stripQuery(path: string): string {
  return path.split('?')[0] ?? path;
}

/** Replays `recording` through `options.client`. Throws TARGET_UNREACHABLE when the first request gets nowhere. */
export async function replayRecording(recording: Recording, options: ReplayOptions): Promise<ReplayResult> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const ids = new IdMap();
  const ignore = [...(options.noDefaultIgnores ? [] : DEFAULT_IGNORE), ...(options.ignore ?? [])];
  const steps: ReplayStep[] = [];
  const created: string[] = [];
  const deleted = new Set<string>();
  const recordedBase = recording.source.upstream;
  const targetBase = options.client.baseUrl;

  for (const ex of recording.exchanges) {
    const step = await replayOne(ex);
    steps.push(step);
    options.onStep?.(step);
  }

  async function replayOne(ex: RecordingExchange): Promise<ReplayStep> {
    const { request } = ex;
    const sentPath = ids.rewritePath(request.path);
    const spec: RequestSpec = {
      method: request.method,
      path: sentPath,
      headers: replayHeaders(request.headers),
      ...(request.query !== null ? { rawQuery: ids.rewriteText(request.query, 'url') } : {}),
      ...(request.body !== undefined ? { body: ids.rewriteText(request.body, 'json') } : {}),
      ...(request.headers.authorization === undefined ? { auth: 'none' as const } : {}),
    };
    const result = await options.client.request(spec);
    if (result.exchange.error?.code === 'TARGET_UNREACHABLE' && steps.length === 0) {
      throw new HarnessError('TARGET_UNREACHABLE', `${targetBase}: ${result.exchange.error.message}`);
    }
    const method = request.method.toUpperCase();
    learnIds(ids, parseJson(ex.response.body), result.json);
    const resourcePath = stripQuery(sentPath).replace(/\/+$/, '');
    if (method === 'POST' && is2xx(result.status) && !/\/(\.search|Bulk)$/i.test(resourcePath)) {
      const id = asObject(result.json)?.id;
      if (typeof id === 'string') created.push(`${resourcePath}/${encodeURIComponent(id)}`);
    }
    if (method === 'DELETE' && (is2xx(result.status) || result.status === 404)) deleted.add(resourcePath);

    let differences: Difference[];
    if (result.exchange.error || result.status === undefined) {
      const error = result.exchange.error ?? { code: 'NO_RESPONSE', message: 'no response' };
      differences = [
        {
          field: 'response',
          kind: 'error',
          recorded: ex.response.status,
          actual: `${error.code}: ${error.message}`,
        },
      ];
    } else {
      // Recorded ids are read as the target's, so only real differences remain.
      const recordedBody =
        ex.response.body !== undefined ? ids.rewriteText(ex.response.body, 'json') : undefined;
      const recordedHeaders = { ...ex.response.headers };
      if (recordedHeaders.location)
        recordedHeaders.location = ids.rewriteText(recordedHeaders.location, 'url');
      differences = compareResponses(
        { status: ex.response.status, headers: recordedHeaders, body: recordedBody },
        { status: result.status, headers: result.headers, body: result.text },
        { ignore, ...(recordedBase ? { recordedBase } : {}), targetBase },
      );
    }
    return {
      seq: ex.seq,
      method,
      path: request.path + (request.query !== null ? `?${request.query}` : ''),
      sentPath: sentPath + (spec.rawQuery !== undefined ? `?${spec.rawQuery}` : ''),
      recordedStatus: ex.response.status,
      actualStatus: result.status,
      differences,
      exchange: result.exchange,
    };
  }

  const cleanup: CleanupEntry[] = [];
  if (options.cleanup !== false) {
    for (const path of [...created].reverse()) {
      if (deleted.has(path)) continue;
      const result = await options.client.request({ method: 'DELETE', path });
      cleanup.push({
        path,
        status: result.status,
        ...(result.exchange.error
          ? { error: `${result.exchange.error.code}: ${result.exchange.error.message}` }
          : {}),
      });
    }
  }

  return {
    target: targetBase,
    source: recording.source,
    startedAt,
    durationMs: Date.now() - started,
    steps,
    ids: Object.fromEntries(ids.entries()),
    cleanup,
    differing: steps.filter((s) => s.differences.length > 0).length,
  };
}

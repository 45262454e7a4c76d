/**
 * The only way checks reach a target: undici pools per origin, auth, timing, recording and redaction.
 * Redirects are never followed, a response is never thrown for: every outcome is an `HttpResult`.
 * @module
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { Exchange, HttpClient, HttpResult, RecordedResponse, RequestSpec } from '../model/index.js';
import { classifyNetworkError, type TransportErrorCode } from './errors.js';
import { clipRecorded, redactBody, redactHeaders, redactSecrets } from './redact.js';
import { SCIM_MEDIA_TYPE } from '../../protocol/urns.js';

export interface TransportTimeouts {
  /** TCP/TLS connect. */
  connectMs: number;
  /** From the request being sent to the response headers. */
  headersMs: number;
  /** Maximum idle time between two body chunks. */
  bodyMs: number;
  /** Overall deadline of one request, from sending to the last body byte. */
  requestMs: number;
}

/** A real endpoint that has not answered one request in 10 s is treated as not answering (issue 16). */
export const DEFAULT_TIMEOUTS: TransportTimeouts = {
  connectMs: 5_000,
  headersMs: 10_000,
  bodyMs: 10_000,
  requestMs: 10_000,
};

/** Waiting out `429 Too Many Requests` (RFC 6585 §4, `Retry-After` RFC 9110 §10.2.3) for idempotent requests. */
export interface RetryAfterPolicy {
  /** Retries of one request beyond the first attempt. */
  maxRetries: number;
  /** The longest single wait honoured; a longer Retry-After is not waited for and the 429 is returned. */
  maxWaitMs: number;
}

/** Methods whose repetition has no further effect (RFC 9110 §9.2.2); only these are ever retried. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Responses larger than this are cut off with RESPONSE_TOO_LARGE (a SCIM page is far smaller). */
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export interface TransportOptions {
  /** The target's SCIM base URL, e.g. `https://example.com/scim/v2`. */
  baseUrl: string;
  /** Bearer token used for `auth: 'default'` (the default). */
  token?: string;
  timeouts?: Partial<TransportTimeouts>;
  maxResponseBytes?: number;
  userAgent?: string;
  /** Further strings that must never appear in a recorded exchange. */
  secrets?: string[];
  /** Encodes one query value; a profile can swap it for its IdP's habits. Default encodeURIComponent. */
  encodeQueryValue?: (value: string) => string;
  /** Aborts every request of this transport (the run's signal). */
  signal?: AbortSignal;
  /** Sends requests somewhere other than undici's pools (in-process targets, see in-process.ts). */
  dispatch?: WireDispatch;
  /** Sees every exchange of every client view (the run's creation tracker and circuit breaker). */
  onExchange?: (exchange: Exchange) => void;
  /** Wait out 429s with Retry-After (idempotent methods only); off when absent. */
  retryAfter?: RetryAfterPolicy;
}

/** One request as it goes on the wire, after auth, headers and URL building. */
export interface WireRequest {
  origin: string;
  /** Path and query, byte for byte. */
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  signal: AbortSignal;
}

/** The wire's answer: the shape of undici's `ResponseData` that the transport reads. */
export interface WireResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Uint8Array> & { destroy(): unknown };
}

/** Replaces undici for one request; errors are classified like network errors (`code` on the error). */
export type WireDispatch = (request: WireRequest) => Promise<WireResponse>;

/** Per-caller view: where recorded exchanges go and an extra abort signal (one per scenario). */
export interface ClientView {
  signal?: AbortSignal;
  onExchange?: (exchange: Exchange) => void;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseJson(text: string | undefined): { json: unknown; jsonError: string | undefined } {
  if (text === undefined) return { json: undefined, jsonError: 'no body' };
  if (text.trim() === '') return { json: undefined, jsonError: 'empty body' };
  try {
    return { json: JSON.parse(text), jsonError: undefined };
  } catch (err) {
    return { json: undefined, jsonError: err instanceof Error ? err.message : String(err) };
  }
}

class TooLargeError extends Error {
  readonly code = 'UND_ERR_RES_EXCEEDED_MAX_SIZE';
}

/** HTTP access to one target; `close()` releases every pooled connection. */
export class HttpTransport implements HttpClient {
  readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly timeouts: TransportTimeouts;
  private readonly maxResponseBytes: number;
  private readonly userAgent: string;
  private readonly secrets: string[];
  private readonly encodeQueryValue: (value: string) => string;
  private readonly signal: AbortSignal | undefined;
  private readonly dispatch: WireDispatch | undefined;
  private readonly observer: ((exchange: Exchange) => void) | undefined;
  private readonly retryAfter: RetryAfterPolicy | undefined;
  private readonly pools = new Map<string, Pool>();
  private closed = false;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.userAgent = options.userAgent ?? 'scimulator';
    this.secrets = [...(options.secrets ?? []), ...(options.token ? [options.token] : [])];
    this.encodeQueryValue = options.encodeQueryValue ?? encodeURIComponent;
    this.signal = options.signal;
    this.dispatch = options.dispatch;
    this.observer = options.onExchange;
    this.retryAfter = options.retryAfter;
  }

  /** A client whose exchanges are also handed to `view.onExchange`. */
  client(view: ClientView): HttpClient {
    return { request: (spec) => this.send(spec, view) };
  }

  request(spec: RequestSpec): Promise<HttpResult> {
    return this.send(spec, {});
  }

  /** Builds the absolute URL of a request: base URL + path + encoded query (absolute paths are kept). */
  buildUrl(spec: Pick<RequestSpec, 'path' | 'query' | 'rawQuery'>): URL {
    const path = spec.path;
    let href = /^https?:\/\//i.test(path) ? path : this.baseUrl + (path.startsWith('/') ? path : `/${path}`);
    const pairs: string[] = [];
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value === undefined) continue;
      pairs.push(`${encodeURIComponent(key)}=${this.encodeQueryValue(String(value))}`);
    }
    if (spec.rawQuery !== undefined) href += (href.includes('?') ? '&' : '?') + spec.rawQuery;
    else if (pairs.length > 0) href += (href.includes('?') ? '&' : '?') + pairs.join('&');
    return new URL(href);
  }

  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(
      pools.map(async (pool) => {
        const timer = setTimeout(() => void pool.destroy().catch(() => undefined), 2_000);
        try {
          await pool.close();
        } catch {
          await pool.destroy().catch(() => undefined);
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: 8,
        pipelining: 1,
        keepAliveTimeout: 4_000,
        connect: { timeout: this.timeouts.connectMs },
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  private buildHeaders(
    spec: RequestSpec,
    hasJson: boolean,
    sameOrigin: boolean,
  ): { headers: Record<string, string>; secrets: string[] } {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: SCIM_MEDIA_TYPE };
    if (hasJson) headers['content-type'] = SCIM_MEDIA_TYPE;
    for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name.toLowerCase()] = value;
    // An empty value withholds the header (an IdP profile that sends no User-Agent of ours).
    for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name];
    const secrets = [...this.secrets];
    const auth = spec.auth ?? 'default';
    if (auth === 'default') {
      // The run's token goes only to the target's origin, never to a URL a response pointed at elsewhere.
      if (this.token !== undefined && headers.authorization === undefined && sameOrigin) {
        headers.authorization = `Bearer ${this.token}`;
      }
    } else if (auth === 'none') {
      delete headers.authorization;
    } else if ('token' in auth) {
      headers.authorization = `Bearer ${auth.token}`;
      secrets.push(auth.token);
    } else {
      headers.authorization = auth.header;
      secrets.push(auth.header);
    }
    return { headers, secrets };
  }

  private async send(spec: RequestSpec, view: ClientView): Promise<HttpResult> {
    const policy = this.retryAfter;
    let result = await this.sendOnce(spec, view);
    if (!policy || !IDEMPOTENT.has(spec.method.toUpperCase())) return result;
    for (let attempt = 0; attempt < policy.maxRetries && result.status === 429; attempt++) {
      const wait = retryAfterMs(result.headers['retry-after']);
      if (wait === undefined || wait > policy.maxWaitMs) break;
      const aborted = await sleep(wait, [this.signal, view.signal]);
      if (aborted) break;
      result = await this.sendOnce(spec, view);
    }
    return result;
  }

  private async sendOnce(spec: RequestSpec, view: ClientView): Promise<HttpResult> {
    const method = spec.method.toUpperCase();
    const url = this.buildUrl(spec);
    const hasJson = spec.json !== undefined;
    const body = hasJson ? JSON.stringify(spec.json) : spec.body;
    const { headers, secrets } = this.buildHeaders(
      spec,
      hasJson,
      url.origin === new URL(this.baseUrl).origin,
    );
    const request: Exchange['request'] = {
      method,
      url: redactSecrets(url.href, secrets),
      headers: redactHeaders(headers, secrets),
      ...(body !== undefined ? { body: clipRecorded(redactBody(body, secrets)) } : {}),
    };

    const started = performance.now();
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.timeouts.requestMs);
    const signals = [deadline.signal, this.signal, view.signal].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    const signal = AbortSignal.any(signals);
    let response: RecordedResponse | undefined;
    let realHeaders: Record<string, string> = {};
    let text: string | undefined;
    let error: { code: TransportErrorCode; message: string } | undefined;
    try {
      if (this.closed) throw Object.assign(new Error('transport closed'), { code: 'UND_ERR_CLOSED' });
      const wire = {
        // A profile's pre-encoded query goes out byte for byte (a bare `?` or a trailing `&` included).
        path: spec.rawQuery !== undefined ? `${url.pathname}?${spec.rawQuery}` : url.pathname + url.search,
        method,
        headers,
        body: body ?? null,
        signal,
      };
      const res = this.dispatch
        ? await this.dispatch({ origin: url.origin, ...wire })
        : await this.pool(url.origin).request(wire);
      const resHeaders = flattenHeaders(res.headers);
      realHeaders = resHeaders;
      response = { status: res.statusCode, headers: redactHeaders(resHeaders, secrets) };
      const declared = Number(resHeaders['content-length']);
      if (Number.isFinite(declared) && declared > this.maxResponseBytes) {
        res.body.destroy();
        throw new TooLargeError(`content-length ${declared} exceeds ${this.maxResponseBytes} bytes`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.maxResponseBytes) {
          res.body.destroy();
          throw new TooLargeError(`response body exceeds ${this.maxResponseBytes} bytes`);
        }
        chunks.push(chunk);
      }
      text = Buffer.concat(chunks).toString('utf8');
      response.body = clipRecorded(redactBody(text, secrets));
    } catch (err) {
      if (deadline.signal.aborted) {
        error = {
          code: 'TARGET_TIMEOUT',
          message: `no complete response within ${this.timeouts.requestMs} ms`,
        };
      } else if (signal.aborted) {
        error = { code: 'HARNESS_ABORTED', message: 'the run was aborted' };
      } else {
        error = classifyNetworkError(err);
      }
      text = undefined;
    } finally {
      clearTimeout(timer);
    }
    // Key order follows the report contract: request, response, (error), ms.
    const exchange: Exchange = {
      request,
      ...(response ? { response } : {}),
      ...(error ? { error: { code: error.code, message: redactSecrets(error.message, secrets) } } : {}),
      ms: round(performance.now() - started),
    };
    this.observer?.(exchange);
    view.onExchange?.(exchange);

    const ok = error === undefined && response !== undefined;
    const parsed = ok ? parseJson(text) : { json: undefined, jsonError: 'no response' };
    return {
      exchange,
      status: ok ? response?.status : undefined,
      headers: ok ? realHeaders : {},
      text: ok ? text : undefined,
      json: parsed.json,
      jsonError: parsed.jsonError,
    };
  }
}

/** Milliseconds a `Retry-After` asks for (delay-seconds or HTTP-date), undefined when absent or unreadable. */
function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Waits `ms`; resolves true early when one of the signals aborts. */
function sleep(ms: number, signals: ReadonlyArray<AbortSignal | undefined>): Promise<boolean> {
  const live = signals.filter((s): s is AbortSignal => s !== undefined);
  if (live.some((s) => s.aborted)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (aborted: boolean) => {
      clearTimeout(timer);
      for (const s of live) s.removeEventListener('abort', onAbort);
      resolve(aborted);
    };
    const onAbort = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    for (const s of live) s.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The only way checks reach a target: undici pools per origin, auth, timing, recording and redaction.
 * Redirects are never followed, a response is never thrown for: every outcome is an `HttpResult`.
 * @module
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { Exchange, HttpClient, HttpResult, RecordedResponse, RequestSpec } from '../model/index.js';
import { classifyNetworkError, type TransportErrorCode } from './errors.js';
import { Pacer, type PacingStats } from './pacer.js';
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

/**
 * Waiting out `429 Too Many Requests` (RFC 6585 §4, `Retry-After` RFC 9110 §10.2.3), every method: a 429 is a
 * refusal before the request was acted on (docs/safety.md). It also turns on adaptive pacing (pacer.ts).
 */
export interface RetryAfterPolicy {
  /** Retries of one request beyond the first attempt. */
  maxRetries: number;
  /** The longest single wait honoured; a longer Retry-After is not waited for and the 429 is returned. */
  maxWaitMs: number;
}

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
  /** Wait out 429s (Retry-After honoured) and pace adaptively; off when absent (429s are only counted). */
  retryAfter?: RetryAfterPolicy;
  /** Cap of the requests per second of this transport, across all its clients (`--rate`). */
  rate?: number;
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
  private readonly pacer: Pacer;
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
    this.pacer = new Pacer({
      ...(options.rate !== undefined ? { rate: options.rate } : {}),
      adaptive: options.retryAfter !== undefined,
      ...(options.retryAfter ? { maxWaitMs: options.retryAfter.maxWaitMs } : {}),
    });
  }

  /** What pacing did so far (the report's `pacing`); undefined when there was no `rate` and no 429. */
  pacingStats(): PacingStats | undefined {
    return this.pacer.stats();
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

  /**
   * Paces, sends, and after a 429 waits and sends again (up to the policy's retries). A retried 429 is seen by
   * the run's observer (creation tracker, breaker) but is not part of the caller's evidence: only the answer is.
   */
  private async send(spec: RequestSpec, view: ClientView): Promise<HttpResult> {
    const policy = this.retryAfter;
    const retries = policy && spec.retryRateLimited !== false ? policy.maxRetries : 0;
    const signals = [this.signal, view.signal];
    for (let attempt = 0; ; attempt++) {
      const slot = await this.pacer.acquire(signals);
      const result = await this.sendOnce(spec, view.signal);
      if (slot) this.pacer.release();
      const wait = this.pacer.answered(result.status, result.headers['retry-after'], attempt);
      const again =
        result.status === 429 && wait !== undefined && attempt < retries && !signals.some((s) => s?.aborted);
      if (again) {
        this.pacer.retried();
        continue;
      }
      if (result.status === 429) this.pacer.gaveUp();
      view.onExchange?.(result.exchange);
      return result;
    }
  }

  private async sendOnce(spec: RequestSpec, viewSignal: AbortSignal | undefined): Promise<HttpResult> {
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
    const signals = [deadline.signal, this.signal, viewSignal].filter(
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

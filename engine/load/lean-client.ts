/**
 * The load mode's HTTP path: one undici Pool with keep-alive and pipelining, header objects built once,
 * bodies read only when the sync needs them (match results, created ids). No recording, no redaction, no
 * per-request AbortSignal or timer: that is the conformance transport's job (engine/transport), which
 * pays for it on every request.
 * @module
 */
import { Pool } from 'undici';

interface LeanClientOptions {
  /** The target's SCIM base URL. */
  baseUrl: string;
  token?: string;
  /** Request headers of the pattern, without and with a body. */
  headers: { get: Record<string, string>; withBody: Record<string, string> };
  connections: number;
  pipelining: number;
  /** Headers and body deadline of one request. */
  timeoutMs?: number;
}

export interface LeanResponse {
  status: number;
  retryAfter: string | undefined;
  /** Parsed JSON when asked for and the body was JSON; undefined otherwise. */
  json: unknown;
}

export class LeanClient {
  readonly #pool: Pool;
  readonly #base: string;
  readonly #get: Record<string, string>;
  readonly #withBody: Record<string, string>;

  constructor(options: LeanClientOptions) {
    const url = new URL(options.baseUrl);
    this.#base = url.pathname.replace(/\/+$/, '');
    const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
    this.#get = { 'user-agent': 'scimulator-load', ...options.headers.get, ...auth };
    this.#withBody = { 'user-agent': 'scimulator-load', ...options.headers.withBody, ...auth };
    const timeout = options.timeoutMs ?? 30_000;
    this.#pool = new Pool(url.origin, {
      connections: options.connections,
      pipelining: options.pipelining,
      keepAliveTimeout: 10_000,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
  }

  /** Sends one request; `path` is relative to the base URL (`/Users?filter=…`). Network failures throw. */
  async send(
    method: string,
    path: string,
    body: string | undefined,
    readJson: boolean,
  ): Promise<LeanResponse> {
    const res = await this.#pool.request({
      path: this.#base + path,
      method: method as 'GET',
      headers: body === undefined ? this.#get : this.#withBody,
      body: body ?? null,
    });
    const header = res.headers['retry-after'];
    const retryAfter = Array.isArray(header) ? header[0] : header;
    let json: unknown;
    if (readJson && res.statusCode !== 204) {
      const text = await res.body.text();
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
    } else {
      await res.body.dump();
    }
    return { status: res.statusCode, retryAfter, json };
  }

  async close(): Promise<void> {
    const timer = setTimeout(() => void this.#pool.destroy().catch(() => undefined), 2_000);
    try {
      await this.#pool.close();
    } catch {
      await this.#pool.destroy().catch(() => undefined);
    } finally {
      clearTimeout(timer);
    }
  }
}

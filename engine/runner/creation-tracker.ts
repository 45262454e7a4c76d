/**
 * Watches every exchange of a run and remembers what it created on the target, whatever shape the answer
 * had (RFC 7644 §3.3 id/Location, §3.7 Bulk operations), so cleanup does not depend on each suite's care.
 * @module
 */
import type { Exchange } from '../model/index.js';
import { isObject, parseJson } from '../../protocol/json.js';
import { is2xx } from '../../protocol/http.js';

/** Attributes that name a resource uniquely enough to find it again (RFC 7643 §4.1.1, §4.2, §3.1). */
export const NAME_ATTRIBUTES = ['userName', 'displayName', 'externalId'] as const;
export type NameAttribute = (typeof NAME_ATTRIBUTES)[number];

/** One resource the run created (or believes it created). */
export interface TrackedResource {
  /** Resource type name (`User`, `Group`, ...), or the endpoint when the type is not advertised. */
  type: string;
  /** Endpoint path below the base URL, e.g. `/Users`. */
  endpoint: string;
  /** Absolute URL of the resource, when an id or Location was seen. */
  url?: string;
  id?: string;
  /** The unique name the run sent (or the server echoed), used to find the resource when no id came back. */
  name?: { attribute: NameAttribute; value: string };
  /** `claimed-deleted`: a DELETE answered 2xx, still to be verified with a GET. */
  state: 'created' | 'claimed-deleted';
}

/** A Bulk operation status as a number, whatever shape it came in: "201", 201, {"code":"201"} (RFC 7644 §3.7.3). */
export function bulkStatus(status: unknown): number | undefined {
  const raw = isObject(status) ? status.code : status;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number.parseInt(raw, 10) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The first naming attribute of a resource body, e.g. `{attribute: 'userName', value: 'scimtest-…'}`. */
export function nameOf(body: unknown): TrackedResource['name'] {
  if (!isObject(body)) return undefined;
  for (const attribute of NAME_ATTRIBUTES) {
    const value = stringOf(body[attribute]);
    if (value !== undefined) return { attribute, value };
  }
  return undefined;
}

export class CreationTracker {
  private readonly base: string;
  private readonly byKey = new Map<string, TrackedResource>();
  private endpoints = new Map<string, string>([
    ['/Users', 'User'],
    ['/Groups', 'Group'],
  ]);

  constructor(baseUrl: string) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /** The resource endpoints the target advertises (type name → endpoint), from /ResourceTypes. */
  setEndpoints(resourceTypes: Record<string, { endpoint: string }>): void {
    const next = new Map<string, string>();
    for (const [type, { endpoint }] of Object.entries(resourceTypes)) {
      const rel = this.relative(endpoint) ?? endpoint;
      if (rel.startsWith('/')) next.set(rel.replace(/\/+$/, ''), type);
    }
    if (next.size > 0) this.endpoints = next;
  }

  /** Endpoints known so far: type name → path. */
  endpointList(): Array<{ type: string; endpoint: string }> {
    return [...this.endpoints].map(([endpoint, type]) => ({ type, endpoint }));
  }

  /** Everything tracked, oldest first. */
  list(): TrackedResource[] {
    return [...this.byKey.values()];
  }

  /** Absolute URL of a path below the base URL (absolute URLs are kept). */
  absolute(path: string): string {
    return /^https?:\/\//i.test(path) ? path : `${this.base}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  /** Feeds one exchange; every request of the run passes here (the transport's observer). */
  observe(exchange: Exchange): void {
    const status = exchange.response?.status;
    if (!is2xx(status)) return;
    const method = exchange.request.method.toUpperCase();
    const rel = this.relative(exchange.request.url);
    if (rel === undefined) return;
    if (method === 'DELETE') {
      this.claimDeleted(this.absolute(rel));
      return;
    }
    if (method === 'POST' && rel === '/Bulk') {
      this.observeBulk(exchange);
      return;
    }
    const endpoint = this.endpointOf(rel);
    if (!endpoint) return;
    // POST to the collection creates (RFC 7644 §3.3); a PUT only creates when it answers 201 on a new path.
    const creates = (method === 'POST' && rel === endpoint) || (method === 'PUT' && status === 201);
    if (!creates) return;
    const sent = parseJson(exchange.request.body);
    const got = parseJson(exchange.response?.body);
    const id = isObject(got) ? stringOf(got.id) : undefined;
    const meta = isObject(got) && isObject(got.meta) ? stringOf(got.meta.location) : undefined;
    const location = stringOf(exchange.response?.headers.location) ?? meta;
    let url: string | undefined;
    if (location !== undefined) url = this.resolve(location);
    else if (id !== undefined) url = this.absolute(`${endpoint}/${encodeURIComponent(id)}`);
    else if (method === 'PUT') url = this.absolute(rel);
    this.add({
      type: this.endpoints.get(endpoint) ?? endpoint,
      endpoint,
      ...(url !== undefined ? { url } : {}),
      ...(id !== undefined ? { id } : url !== undefined ? { id: lastSegment(url) } : {}),
      ...withName(nameOf(got) ?? nameOf(sent)),
      state: 'created',
    });
  }

  private observeBulk(exchange: Exchange): void {
    const sent = parseJson(exchange.request.body);
    const got = parseJson(exchange.response?.body);
    const sentOps = isObject(sent) && Array.isArray(sent.Operations) ? sent.Operations : [];
    const gotOps = isObject(got) && Array.isArray(got.Operations) ? got.Operations : [];
    const byBulkId = new Map<string, Record<string, unknown>>();
    for (const op of sentOps) {
      if (isObject(op) && typeof op.bulkId === 'string') byBulkId.set(op.bulkId, op);
    }
    gotOps.forEach((op, i) => {
      if (!isObject(op) || !is2xx(bulkStatus(op.status))) return;
      const method = String(op.method ?? '').toUpperCase();
      const request =
        (typeof op.bulkId === 'string' ? byBulkId.get(op.bulkId) : undefined) ??
        (isObject(sentOps[i]) ? sentOps[i] : undefined);
      const location = stringOf(op.location);
      if (method === 'DELETE') {
        const path = location ?? (request ? stringOf(request.path) : undefined);
        if (path !== undefined) this.claimDeleted(this.resolve(path));
        return;
      }
      if (method !== 'POST' && !(method === 'PUT' && bulkStatus(op.status) === 201)) return;
      const path = request ? stringOf(request.path) : undefined;
      const url = location !== undefined ? this.resolve(location) : undefined;
      const endpoint =
        this.endpointOf(url !== undefined ? (this.relative(url) ?? '') : (path ?? '')) ??
        (path !== undefined ? path.replace(/\/.*$/, '') || path : '/Bulk');
      const name = nameOf(request?.data);
      if (url === undefined && name === undefined) return;
      this.add({
        type: this.endpoints.get(endpoint) ?? endpoint,
        endpoint,
        ...(url !== undefined ? { url, id: lastSegment(url) } : {}),
        ...withName(name),
        state: 'created',
      });
    });
  }

  private add(resource: TrackedResource): void {
    const key = resource.url ?? `name:${resource.endpoint}:${resource.name?.value ?? ''}`;
    const existing = this.byKey.get(key);
    // A resource re-created at the same URL (or name) is alive again.
    this.byKey.set(key, existing ? { ...existing, ...resource } : resource);
  }

  private claimDeleted(url: string): void {
    const entry = this.byKey.get(url);
    if (entry) entry.state = 'claimed-deleted';
  }

  /** Path below the base URL (query dropped), or undefined when the URL is elsewhere. */
  private relative(url: string): string | undefined {
    const noQuery = url.split(/[?#]/)[0] ?? url;
    if (!/^https?:\/\//i.test(noQuery)) return noQuery.startsWith('/') ? noQuery : `/${noQuery}`;
    if (!noQuery.startsWith(`${this.base}/`)) return undefined;
    return noQuery.slice(this.base.length);
  }

  /**
   * A Location (absolute, absolute-path or relative to the base URL) as an absolute URL below the base URL. A
   * Location on another origin (a proxy that does not rewrite it) is re-based by its endpoint and id, since the
   * run only ever talks to its target; one that names no known endpoint is kept as it is (and never deleted).
   */
  private resolve(location: string): string {
    const origin = new URL(this.base).origin;
    const basePath = new URL(this.base).pathname.replace(/\/+$/, '');
    let absolute: string;
    if (/^https?:\/\//i.test(location)) absolute = location;
    else if (location.startsWith('/') && basePath !== '' && location.startsWith(`${basePath}/`))
      absolute = `${origin}${location}`;
    else return this.absolute(location);
    if (absolute.startsWith(`${this.base}/`)) return absolute;
    const path = new URL(absolute).pathname;
    for (const endpoint of this.endpoints.keys()) {
      const at = path.lastIndexOf(`${endpoint}/`);
      if (at >= 0) return `${this.base}${path.slice(at)}`;
    }
    return absolute;
  }

  private endpointOf(rel: string): string | undefined {
    for (const endpoint of this.endpoints.keys()) {
      if (rel === endpoint || rel.startsWith(`${endpoint}/`)) return endpoint;
    }
    return undefined;
  }
}

function withName(name: TrackedResource['name']): Pick<TrackedResource, 'name'> {
  return name ? { name } : {};
}

function lastSegment(url: string): string | undefined {
  const segment = url.split(/[?#]/)[0]?.split('/').pop();
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Breakage builders for the extended suites: request rewrites (a server that misreads what it was sent)
 * and response rewrites (a server that answers wrongly).
 * @module
 */
import type { Breakage, ProxiedRequest, ProxiedResponse } from '../../../support/mutating-proxy.js';

export type Json = Record<string, unknown>;
export type Match = (req: ProxiedRequest) => boolean;

export const USERS = /^\/Users$/i;
export const USER_BY_ID = /^\/Users\/[^/]+$/i;
export const GROUPS = /^\/Groups$/i;
export const GROUP_BY_ID = /^\/Groups\/[^/]+$/i;
export const BULK = /^\/Bulk$/i;
export const USERS_SEARCH = /^\/Users\/\.search$/i;

export const on =
  (method: string, path: RegExp): Match =>
  (req) =>
    req.method === method && path.test(req.path);
export const hasQuery =
  (name: string, test: (value: string) => boolean = () => true): Match =>
  (req) => {
    const value = req.query.get(name);
    return value !== null && test(value);
  };
export const both =
  (...matches: Match[]): Match =>
  (req) =>
    matches.every((m) => m(req));

export function parse(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** Rewrites the `filter` of GET /Users before the server sees it. */
export function rewriteFilter(edit: (filter: string) => string): Breakage {
  return {
    request(req) {
      const filter = req.query.get('filter');
      if (req.method !== 'GET' || !USERS.test(req.path) || filter === null) return undefined;
      const query = new URLSearchParams(req.query);
      query.set('filter', edit(filter));
      return { query };
    },
  };
}

/** Rewrites query parameters of matching requests. */
export function rewriteQuery(match: Match, edit: (query: URLSearchParams) => void): Breakage {
  return {
    request(req) {
      if (!match(req)) return undefined;
      const query = new URLSearchParams(req.query);
      edit(query);
      return { query };
    },
  };
}

/** Rewrites the JSON body of matching requests (edit in place). */
export function rewriteRequestJson(match: Match, edit: (body: Json, req: ProxiedRequest) => void): Breakage {
  return {
    request(req) {
      if (!match(req)) return undefined;
      const body = parse(req.body);
      if (!body) return undefined;
      edit(body, req);
      return { body: JSON.stringify(body) };
    },
  };
}

/** Rewrites the parsed JSON body of matching responses (edit in place). */
export function rewriteJson(
  match: Match,
  edit: (body: Json, res: ProxiedResponse, req: ProxiedRequest) => ProxiedResponse | void,
): Breakage {
  return {
    mutate(req, res) {
      if (!match(req)) return undefined;
      const body = parse(res.body);
      if (!body) return undefined;
      const replaced = edit(body, res, req);
      return replaced ?? { ...res, body: JSON.stringify(body) };
    },
  };
}

export function rewriteHeaders(match: Match, edit: (headers: Record<string, string>) => void): Breakage {
  return {
    mutate(req, res) {
      if (!match(req)) return undefined;
      const headers = { ...res.headers };
      edit(headers);
      return { ...res, headers };
    },
  };
}

export function rewriteStatus(match: Match, status: number): Breakage {
  return { mutate: (req, res) => (match(req) ? { ...res, status } : undefined) };
}

export function answer(match: Match, reply: (req: ProxiedRequest) => ProxiedResponse): Breakage {
  return { answer: (req) => (match(req) ? reply(req) : undefined) };
}

export function scimJson(status: number, body: unknown, extra: Record<string, string> = {}): ProxiedResponse {
  return {
    status,
    headers: { 'content-type': 'application/scim+json', ...extra },
    body: JSON.stringify(body),
  };
}

export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export const scimError = (status: number, scimType?: string, detail = 'broken on purpose'): ProxiedResponse =>
  scimJson(status, {
    schemas: [ERROR_URN],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  });

export const emptyList = (): ProxiedResponse =>
  scimJson(200, { schemas: [LIST_URN], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

/** Several breakages: the first `answer` wins, every `request` rewrite and `mutate` runs in order. */
export function combine(...parts: Breakage[]): Breakage {
  return {
    answer: (req) =>
      parts.reduce<ProxiedResponse | undefined>((found, p) => found ?? p.answer?.(req), undefined),
    request: (req) => {
      let current = req;
      let changed = false;
      for (const p of parts) {
        const r = p.request?.(current);
        if (r) {
          changed = true;
          current = {
            ...current,
            ...(r.query ? { query: r.query } : {}),
            ...(r.body !== undefined ? { body: r.body } : {}),
          };
        }
      }
      return changed ? { query: current.query, body: current.body } : undefined;
    },
    mutate: (req, res) => parts.reduce((current, p) => p.mutate?.(req, current) ?? current, res),
  };
}

export const resources = (body: Json): Json[] =>
  Array.isArray(body['Resources']) ? (body['Resources'] as Json[]) : [];

/**
 * Breakage builders for the resources suite: each row names one deviation of an otherwise clean rfc server.
 * @module
 */
import type { Breakage, ProxiedRequest, ProxiedResponse } from '../../../support/mutating-proxy.js';

export type Json = Record<string, unknown>;
export type Match = (req: ProxiedRequest) => boolean;

export const USERS = /^\/Users$/i;
export const USER_BY_ID = /^\/Users\/[^/]+$/i;
export const GROUPS = /^\/Groups$/i;
export const GROUP_BY_ID = /^\/Groups\/[^/]+$/i;
export const RESOURCE_TYPES = /^\/ResourceTypes$/i;

export const on =
  (method: string, path: RegExp): Match =>
  (req) =>
    req.method === method && path.test(req.path);

export const either =
  (...matches: Match[]): Match =>
  (req) =>
    matches.some((m) => m(req));

function parse(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** Rewrites the parsed JSON body of matching responses (the callback edits it in place). */
export function rewriteJson(match: Match, edit: (body: Json, req: ProxiedRequest) => void): Breakage {
  return {
    mutate(req, res) {
      if (!match(req)) return undefined;
      const body = parse(res.body);
      if (!body) return undefined;
      edit(body, req);
      return { ...res, body: JSON.stringify(body) };
    },
  };
}

/** Rewrites the raw text of matching responses. */
export function rewriteText(match: Match, edit: (text: string) => string): Breakage {
  return { mutate: (req, res) => (match(req) ? { ...res, body: edit(res.body) } : undefined) };
}

/** Rewrites a query parameter of matching requests. */
export function rewriteQuery(match: Match, name: string, edit: (value: string) => string): Breakage {
  return {
    request(req) {
      const value = req.query.get(name);
      if (!match(req) || value === null) return undefined;
      const query = new URLSearchParams(req.query);
      query.set(name, edit(value));
      return { query };
    },
  };
}

export function refuse(match: Match, status = 400, scimType = 'invalidSyntax'): Breakage {
  const reply: ProxiedResponse = {
    status,
    headers: { 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: String(status),
      scimType,
      detail: 'broken on purpose',
    }),
  };
  return { answer: (req) => (match(req) ? reply : undefined) };
}

/** Several breakages: the first `answer` wins, request rewrites and mutations run in order. */
export function combine(...parts: Breakage[]): Breakage {
  return {
    answer: (req) =>
      parts.reduce<ProxiedResponse | undefined>((found, p) => found ?? p.answer?.(req), undefined),
    request: (req) => {
      let body = req.body;
      let query = req.query;
      let changed = false;
      for (const p of parts) {
        const r = p.request?.({ ...req, body, query });
        if (!r) continue;
        changed = true;
        if (r.body !== undefined) body = r.body;
        if (r.query) query = r.query;
      }
      return changed ? { body, query } : undefined;
    },
    mutate: (req, res) => parts.reduce((current, p) => p.mutate?.(req, current) ?? current, res),
  };
}

export const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

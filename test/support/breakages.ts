/**
 * Small builders for proxy breakages: each names one deviation so a table row reads as what is broken.
 * @module
 */
import type { Breakage, ProxiedRequest, ProxiedResponse } from './mutating-proxy.js';

export type Json = Record<string, unknown>;
type RequestMatch = (req: ProxiedRequest) => boolean;

export const isGet =
  (path: RegExp): RequestMatch =>
  (req) =>
    req.method === 'GET' && path.test(req.path);
export const isPost =
  (path: RegExp): RequestMatch =>
  (req) =>
    req.method === 'POST' && path.test(req.path);
export const isDelete =
  (path: RegExp): RequestMatch =>
  (req) =>
    req.method === 'DELETE' && path.test(req.path);

/** Matches `/Users/{id}` but not `/Users`. */
export const USER_BY_ID = /^\/Users\/[^/]+$/i;
export const USERS = /^\/Users$/i;

/** Rewrites the parsed JSON body of matching responses (the callback edits it in place). */
export function rewriteJson(
  match: RequestMatch,
  edit: (body: Json, res: ProxiedResponse, req: ProxiedRequest) => void,
): Breakage {
  return {
    mutate(req, res) {
      if (!match(req)) return undefined;
      let body: unknown;
      try {
        body = JSON.parse(res.body);
      } catch {
        return undefined;
      }
      if (typeof body !== 'object' || body === null) return undefined;
      edit(body as Json, res, req);
      return { ...res, body: JSON.stringify(body) };
    },
  };
}

/** Rewrites the headers of matching responses. */
export function rewriteHeaders(
  match: RequestMatch,
  edit: (headers: Record<string, string>, res: ProxiedResponse) => void,
): Breakage {
  return {
    mutate(req, res) {
      if (!match(req)) return undefined;
      const headers = { ...res.headers };
      edit(headers, res);
      return { ...res, headers };
    },
  };
}

/** Replaces the status of matching responses. */
export function rewriteStatus(match: RequestMatch, status: number): Breakage {
  return { mutate: (req, res) => (match(req) ? { ...res, status } : undefined) };
}

/** Answers matching requests itself, never reaching the server. */
export function answer(
  match: RequestMatch,
  reply: (req: ProxiedRequest) => ProxiedResponse | undefined,
): Breakage {
  return { answer: (req) => (match(req) ? reply(req) : undefined) };
}

export function scimJson(status: number, body: unknown, extra: Record<string, string> = {}): ProxiedResponse {
  return {
    status,
    headers: { 'content-type': 'application/scim+json', ...extra },
    body: JSON.stringify(body),
  };
}

/** Applies several breakages in order (the first `answer` wins; every `mutate` runs). */
export function combine(...parts: Breakage[]): Breakage {
  return {
    answer: (req) =>
      parts.reduce<ProxiedResponse | undefined>((found, p) => found ?? p.answer?.(req), undefined),
    mutate: (req, res) => parts.reduce((current, p) => p.mutate?.(req, current) ?? current, res),
  };
}

export type { BreakageRow } from './check-harness.js';

export const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const LR_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SPC = /^\/ServiceProviderConfig$/;
export const RESOURCE_TYPES = /^\/ResourceTypes$/;
export const SCHEMAS = /^\/Schemas$/;
export const USER_SCHEMA = /^\/Schemas\/urn:ietf:params:scim:schemas:core:2\.0:User$/;
export const LR_SCHEMA = /^\/Schemas\/urn:ietf:params:scim:api:messages:2\.0:ListResponse$/;
export const UNKNOWN_ENDPOINT = /^\/NoSuchEndpoint/;

export const resources = (body: Json): Json[] => body['Resources'] as Json[];
export const first = (body: Json): Json => resources(body)[0] as Json;
export const meta = (body: Json): Json => body['meta'] as Json;
export const userType = (body: Json): Json => resources(body).find((r) => r['name'] === 'User') as Json;
export const plainText = (status: number, text: string): ProxiedResponse => ({
  status,
  headers: { 'content-type': 'text/plain' },
  body: text,
});
export const requestJson = (body: string): Json => {
  try {
    return JSON.parse(body) as Json;
  } catch {
    return {};
  }
};

/** A server that remembers which userNames it saw and answers a repeat with 409, as if deletes kept them. */
export function uniquenessOutlivesDelete(): Breakage {
  const seen = new Set<string>();
  return answer(isPost(USERS), (req) => {
    const userName = String(requestJson(req.body)['userName']).toLowerCase();
    if (!seen.has(userName)) {
      seen.add(userName);
      return undefined;
    }
    return scimJson(409, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
    });
  });
}

/** A server whose userName uniqueness is case-sensitive: a case variant is "created". */
export function caseSensitiveUniqueness(): Breakage {
  const seen = new Set<string>();
  return {
    answer(req) {
      if (!isPost(USERS)(req)) return undefined;
      const userName = String(requestJson(req.body)['userName']);
      const variant = [...seen].some((s) => s !== userName && s.toLowerCase() === userName.toLowerCase());
      seen.add(userName);
      return variant ? scimJson(201, { schemas: [USER_URN], id: 'case-variant', userName }) : undefined;
    },
  };
}

/** A server that still lists deleted users in filtered queries. */
export function deletedStillListed(): Breakage {
  let deletedId: string | undefined;
  return {
    mutate(req, res) {
      if (isDelete(USER_BY_ID)(req)) deletedId = decodeURIComponent(req.path.split('/').pop() ?? '');
      if (!deletedId || !isGet(USERS)(req) || !req.query.has('filter')) return undefined;
      const body = {
        schemas: [LR_URN],
        totalResults: 1,
        Resources: [{ schemas: [USER_URN], id: deletedId, userName: 'ghost' }],
      };
      return { ...res, body: JSON.stringify(body) };
    },
  };
}

/**
 * Small builders for proxy breakages: each names one deviation so a table row reads as what is broken.
 * @module
 */
import type { Breakage, ProxiedRequest, ProxiedResponse } from './mutating-proxy.js';

export type Json = Record<string, unknown>;
type RequestMatch = (req: ProxiedRequest) => boolean;

export const isGet = (path: RegExp): RequestMatch => (req) => req.method === 'GET' && path.test(req.path);
export const isPost = (path: RegExp): RequestMatch => (req) => req.method === 'POST' && path.test(req.path);
export const isDelete = (path: RegExp): RequestMatch => (req) => req.method === 'DELETE' && path.test(req.path);

/** Matches `/Users/{id}` but not `/Users`. */
export const USER_BY_ID = /^\/Users\/[^/]+$/i;
export const USERS = /^\/Users$/i;

/** Rewrites the parsed JSON body of matching responses (the callback edits it in place). */
export function rewriteJson(match: RequestMatch, edit: (body: Json, res: ProxiedResponse, req: ProxiedRequest) => void): Breakage {
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
export function rewriteHeaders(match: RequestMatch, edit: (headers: Record<string, string>, res: ProxiedResponse) => void): Breakage {
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
export function answer(match: RequestMatch, reply: (req: ProxiedRequest) => ProxiedResponse): Breakage {
  return { answer: (req) => (match(req) ? reply(req) : undefined) };
}

export function scimJson(status: number, body: unknown, extra: Record<string, string> = {}): ProxiedResponse {
  return { status, headers: { 'content-type': 'application/scim+json', ...extra }, body: JSON.stringify(body) };
}

/** Applies several breakages in order (the first `answer` wins; every `mutate` runs). */
export function combine(...parts: Breakage[]): Breakage {
  return {
    answer: (req) => parts.reduce<ProxiedResponse | undefined>((found, p) => found ?? p.answer?.(req), undefined),
    mutate: (req, res) => parts.reduce((current, p) => p.mutate?.(req, current) ?? current, res),
  };
}

import type { Handler, Route } from './http-types.js';
import { ScimError } from './scim-error.js';
import { TextCache } from './text-cache.js';

interface CompiledRoute {
  method: string;
  segments: string[];
  /** Lower-cased literal segments, for case-insensitive paths. */
  lowered: string[];
  /** Parameter name per segment, undefined for literals. */
  names: (string | undefined)[];
  /** Name of the trailing `:name*` segment, if any. */
  rest: string | undefined;
  handler: Handler;
}

type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

function decodeSegment(value: string): string {
  // Without a `%` there is nothing to decode.
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    throw ScimError.invalidSyntax(`Malformed percent-encoding in path segment "${value}"`);
  }
}

/** A small method + path router; path parameters are matched on the raw path and decoded afterwards. */
export class Router {
  readonly #routes: CompiledRoute[];
  readonly #caseInsensitive: boolean;

  constructor(routes: readonly Route[], options: { caseInsensitive?: boolean } = {}) {
    this.#caseInsensitive = options.caseInsensitive ?? false;
    this.#routes = routes.map((r) => {
      const segments = r.pattern.split('/').filter(Boolean);
      const restIndex = segments.findIndex((seg) => seg.startsWith(':') && seg.endsWith('*'));
      const fixed = restIndex < 0 ? segments : segments.slice(0, restIndex);
      return {
        method: r.method.toUpperCase(),
        segments: fixed,
        lowered: fixed.map((seg) => seg.toLowerCase()),
        names: fixed.map((seg) => (seg.startsWith(':') ? seg.slice(1) : undefined)),
        rest: restIndex < 0 ? undefined : (segments[restIndex] as string).slice(1, -1),
        handler: r.handler,
      };
    });
  }

  /** Matches by method, then path text: a pure function of the two, so clients' repeated paths are worked out once. */
  readonly #matches = new Map<string, TextCache<RouteMatch>>();

  match(method: string, rawPath: string): RouteMatch {
    let byPath = this.#matches.get(method);
    // node:http accepts a fixed set of methods, so this map stays small; other callers are bounded too.
    if (byPath === undefined) {
      if (this.#matches.size >= 64) this.#matches.clear();
      byPath = new TextCache<RouteMatch>();
      this.#matches.set(method, byPath);
    }
    let found = byPath.get(rawPath);
    // A failed decode throws before anything is cached, so a malformed path is refused every time.
    if (found === undefined) found = byPath.set(rawPath, this.#match(method, rawPath));
    // Each request gets its own params and allow list: handlers own what they are given.
    if (found.kind === 'found') return { kind: 'found', handler: found.handler, params: { ...found.params } };
    return found.kind === 'method-not-allowed'
      ? { kind: 'method-not-allowed', allow: [...found.allow] }
      : found;
  }

  #match(method: string, rawPath: string): RouteMatch {
    const parts = rawPath.split('/').filter(Boolean);
    const lowered = this.#caseInsensitive ? parts.map((part) => part.toLowerCase()) : parts;
    const upper = method.toUpperCase();
    let allow: Set<string> | undefined;
    for (const route of this.#routes) {
      if (!matchesShape(route, parts, lowered, this.#caseInsensitive)) continue;
      if (route.method === upper) {
        const params: Record<string, string> = {};
        for (let i = 0; i < route.names.length; i++) {
          const name = route.names[i];
          if (name !== undefined) params[name] = decodeSegment(parts[i] as string);
        }
        if (route.rest !== undefined)
          params[route.rest] = decodeSegment(parts.slice(route.segments.length).join('/'));
        return { kind: 'found', handler: route.handler, params };
      }
      (allow ??= new Set()).add(route.method);
    }
    return allow ? { kind: 'method-not-allowed', allow: [...allow] } : { kind: 'not-found' };
  }
}

/** Whether the path has the route's shape: its literals in place and one part per parameter (or more for `:name*`). */
function matchesShape(
  route: CompiledRoute,
  parts: string[],
  lowered: string[],
  caseInsensitive: boolean,
): boolean {
  const n = route.segments.length;
  if (route.rest === undefined ? parts.length !== n : parts.length <= n) return false;
  for (let i = 0; i < n; i++) {
    if (route.names[i] !== undefined) continue;
    if (caseInsensitive ? route.lowered[i] !== lowered[i] : route.segments[i] !== parts[i]) return false;
  }
  return true;
}

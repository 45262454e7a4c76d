import type { Handler, Route } from './http-types.js';
import { ScimError } from './scim-error.js';

interface CompiledRoute {
  method: string;
  segments: string[];
  handler: Handler;
}

export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

function decodeSegment(value: string): string {
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
    this.#routes = routes.map((r) => ({
      method: r.method.toUpperCase(),
      segments: r.pattern.split('/').filter(Boolean),
      handler: r.handler,
    }));
  }

  match(method: string, rawPath: string): RouteMatch {
    const parts = rawPath.split('/').filter(Boolean);
    const allow = new Set<string>();
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, parts, this.#caseInsensitive);
      if (!params) continue;
      if (route.method === method.toUpperCase()) {
        const decoded: Record<string, string> = {};
        for (const [k, v] of Object.entries(params)) decoded[k] = decodeSegment(v);
        return { kind: 'found', handler: route.handler, params: decoded };
      }
      allow.add(route.method);
    }
    return allow.size > 0 ? { kind: 'method-not-allowed', allow: [...allow] } : { kind: 'not-found' };
  }
}

function matchSegments(
  pattern: string[],
  parts: string[],
  caseInsensitive: boolean,
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const seg = pattern[i] as string;
    if (seg.startsWith(':') && seg.endsWith('*')) {
      const rest = parts.slice(i);
      if (rest.length === 0) return undefined;
      params[seg.slice(1, -1)] = rest.join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (seg.startsWith(':')) params[seg.slice(1)] = part;
    else if (caseInsensitive ? seg.toLowerCase() !== part.toLowerCase() : seg !== part) return undefined;
  }
  return parts.length === pattern.length ? params : undefined;
}

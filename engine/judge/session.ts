/** Builds the judged view of a session: each exchange parsed and classified once. */
import type { Capabilities } from '../model/index.js';
import type { ClientExchange, ClientRequest, ClientSession, RequestKind } from './types.js';
import { isObject, parseJson } from '../../protocol/json.js';
import { mediaType } from '../../protocol/http.js';

const DISCOVERY = new Set(['/serviceproviderconfig', '/resourcetypes', '/schemas']);

/** The collection paths the server serves (from /ResourceTypes), e.g. `/users` → `/Users`. */
function endpoints(caps: Capabilities): Map<string, string> {
  const out = new Map<string, string>();
  for (const rt of Object.values(caps.resourceTypes)) {
    const path = rt.endpoint.replace(/^https?:\/\/[^/]+/i, '').replace(/\/+$/, '');
    out.set(path.toLowerCase(), path);
  }
  return out;
}

function classify(
  path: string,
  known: Map<string, string>,
): { kind: RequestKind; endpoint?: string; id?: string } {
  const clean = path.replace(/\/+$/, '') || '/';
  const lower = clean.toLowerCase();
  if (lower === '/bulk') return { kind: 'bulk' };
  if (lower === '/.search') return { kind: 'search' };
  if (lower === '/me' || lower.startsWith('/me/')) return { kind: 'me' };
  if (DISCOVERY.has(lower) || [...DISCOVERY].some((d) => lower.startsWith(`${d}/`)))
    return { kind: 'discovery' };
  const segments = clean.split('/').filter(Boolean);
  const endpoint = known.get(`/${segments[0] ?? ''}`.toLowerCase());
  if (!endpoint) return { kind: 'other' };
  if (segments.length === 1) return { kind: 'collection', endpoint };
  if (segments.length === 2 && segments[1] === '.search') return { kind: 'search', endpoint };
  if (segments.length === 2)
    return { kind: 'resource', endpoint, id: decodeURIComponentSafe(segments[1] ?? '') };
  return { kind: 'other', endpoint };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Orders exchanges by `seq` and parses each one. */
export function buildSession(exchanges: readonly ClientExchange[], caps: Capabilities): ClientSession {
  const known = endpoints(caps);
  const requests = [...exchanges]
    .sort((a, b) => a.seq - b.seq)
    .map((exchange): ClientRequest => {
      const { request, response } = exchange;
      const at = Date.parse(exchange.startedAt);
      return {
        seq: exchange.seq,
        exchange,
        method: request.method.toUpperCase(),
        path: request.path,
        rawQuery: request.query,
        query: new URLSearchParams(request.query ?? ''),
        ...classify(request.path, known),
        at,
        end: at + exchange.ms,
        contentType: mediaType(request.headers['content-type']),
        body: request.body,
        json: parseJson(request.body),
        status: response.status,
        responseJson: parseJson(response.body),
      };
    });
  return { requests };
}

/** The `schemas` array of a JSON object body, lower-cased, or undefined when absent or not an array. */
export function schemasOf(json: unknown): string[] | undefined {
  if (!isObject(json) || !Array.isArray(json.schemas)) return undefined;
  return json.schemas.filter((s): s is string => typeof s === 'string').map((s) => s.toLowerCase());
}

/** Query parameters a client sends (RFC 7644 §3.4.2): filter syntax, attribute names, paging. */
import { isObject, judgeEach } from '../support/index.js';
import type { ClientCheck, ClientRequest } from '../support/index.js';
import { knownAttributes } from './known-attributes.js';

/** Query parameters of a GET, or the SearchRequest body of a POST .search, as strings. */
function paramsOf(r: ClientRequest): Map<string, unknown> | undefined {
  if (r.method === 'GET' && (r.kind === 'collection' || r.kind === 'resource')) {
    const out = new Map<string, unknown>();
    for (const [k, v] of r.query) out.set(k.toLowerCase(), v);
    return out;
  }
  if (r.method === 'POST' && r.kind === 'search' && isObject(r.json))
    return new Map(Object.entries(r.json).map(([k, v]) => [k.toLowerCase(), v]));
  return undefined;
}

const withParam = (name: string) => (r: ClientRequest) => paramsOf(r)?.has(name) === true;

export const filterSyntax: ClientCheck = {
  id: 'client.filter.syntax',
  fix: 'Quote string values and use the RFC 7644 operators (eq, ne, co, sw, ew, pr, gt, ge, lt, le, and, or, not).',
  title: 'Filters follow the RFC 7644 filter grammar',
  level: 'SHOULD',
  rfc: 'RFC7644 3.4.2.2',
  requirements: ['7644-3.4.2.2-d', '7644-3.4.2.2-e'],
  explanation:
    'RFC 7644 §3.4.2.2 Figure 1 is the filter grammar; the server answers 400 invalidFilter otherwise. The ' +
    'RFC words it as a server rule, so for the client it is SHOULD.',
  assert: (session, ctx) => {
    const parser = ctx.filter;
    if (!parser) return { kind: 'skip', reason: 'no filter parser was given to the judge' };
    return judgeEach(
      session.requests.filter(withParam('filter')),
      (r) => {
        const text = paramsOf(r)?.get('filter');
        if (typeof text !== 'string') return 'filter is not a string';
        const parsed = parser.parse(text);
        return parsed.ok ? undefined : `filter ${JSON.stringify(text)}: ${parsed.message}`;
      },
      {
        code: 'CLIENT_FILTER_SYNTAX',
        none: 'the client sent no filter',
        expected: 'a filter in the RFC 7644 §3.4.2.2 grammar',
      },
    );
  },
};

const NAME_PARAMS = ['attributes', 'excludedattributes', 'sortby'];

export const attributesKnown: ClientCheck = {
  id: 'client.query.attributes-known',
  fix: "Name attributes as the server's /Schemas declares them.",
  title: 'Filters, attributes, excludedAttributes and sortBy name attributes the server declares',
  level: 'SHOULD',
  rfc: 'RFC7644 3.4.2.2',
  requirements: ['7644-3.4.2.5-d'],
  explanation:
    'An attribute the server does not declare on /Schemas matches nothing or is refused (RFC 7644 §3.4.2.2, ' +
    '§3.10); a misspelt name in a matching filter makes the client create duplicates. SHOULD: no client keyword.',
  assert: (session, ctx) => {
    const known = knownAttributes(ctx.capabilities);
    if (!known) return { kind: 'skip', reason: "the server's /Schemas are unknown" };
    const relevant = session.requests.filter(
      (r) => withParam('filter')(r) || NAME_PARAMS.some((p) => withParam(p)(r)),
    );
    return judgeEach(
      relevant,
      (r) => {
        const names = known.get((r.endpoint ?? '*').toLowerCase()) ?? known.get('*');
        const params = paramsOf(r);
        if (!names || !params) return { skip: 'unknown endpoint' };
        const used: string[] = [];
        const filter = params.get('filter');
        if (typeof filter === 'string' && ctx.filter) {
          const parsed = ctx.filter.parse(filter);
          if (parsed.ok) used.push(...parsed.attributes);
        }
        for (const p of NAME_PARAMS) {
          const v = params.get(p);
          const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [];
          for (const item of list) if (typeof item === 'string' && item.trim()) used.push(item.trim());
        }
        if (used.length === 0) return { skip: 'no attribute names to judge' };
        const unknown = used.filter((n) => !names.has(n.toLowerCase()));
        return unknown.length > 0 ? `unknown attribute(s): ${unknown.join(', ')}` : undefined;
      },
      {
        code: 'CLIENT_UNKNOWN_ATTRIBUTE',
        none: 'the client named no attribute in a query',
        expected: 'attributes declared on /Schemas',
      },
    );
  },
};

function integerProblem(name: string, value: unknown, min: number): string | undefined {
  if (value === undefined) return undefined;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d+$/.test(value.trim())
        ? Number(value)
        : NaN;
  if (!Number.isInteger(n)) return `${name} ${JSON.stringify(value)} is not an integer`;
  return n < min ? `${name} ${n} is below ${min}` : undefined;
}

export const pagingParams: ClientCheck = {
  id: 'client.paging.params',
  fix: 'Start paging at startIndex=1 and send a non-negative integer count.',
  title: 'startIndex is an integer ≥ 1 and count an integer ≥ 0',
  level: 'SHOULD',
  rfc: 'RFC7644 3.4.2.4',
  requirements: ['7644-3.4.2.4-a', '7644-3.4.2.4-b', '7644-3.4.2.4-c'],
  explanation:
    'RFC 7644 §3.4.2.4: startIndex is 1-based and count non-negative; servers silently clamp other values ' +
    '(startIndex 0 reads as 1), so a 0-based client skips or repeats a page. SHOULD: no client keyword.',
  assert: (session) =>
    judgeEach(
      session.requests.filter((r) => withParam('startindex')(r) || withParam('count')(r)),
      (r) => {
        const params = paramsOf(r);
        const problems = [
          integerProblem('startIndex', params?.get('startindex'), 1),
          integerProblem('count', params?.get('count'), 0),
        ].filter((p) => p !== undefined);
        return problems.length > 0 ? problems.join('; ') : undefined;
      },
      {
        code: 'CLIENT_PAGING',
        none: 'the client sent no paging parameters',
        expected: 'startIndex ≥ 1, count ≥ 0 (integers)',
      },
    ),
};

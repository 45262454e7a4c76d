/**
 * Request parameters the way Grape builds them (§4): the query string and a form or SCIM JSON body are
 * merged (body wins), Rack-style nested keys (`emails[][value]=…`) are expanded, other body types get 415.
 */
import { MAX_JSON_DEPTH, TextCache, jsonDepth, searchOf, type ScimRequest } from '../core/index.js';
import { gitlabError } from './errors.js';
import { isObject } from '../../protocol/json.js';

export type Params = Record<string, unknown>;

const emptyParams = (): Params => Object.create(null) as Params;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
const FORM_TYPES = new Set(['application/x-www-form-urlencoded']);
const JSON_TYPES = new Set(['application/scim+json']);

function typeClash(name: string, expected: string): never {
  throw gitlabError.badInput(`invalid parameter ${name}: expected ${expected}`);
}

/** Rack's `normalize_params`: files `value` under a possibly nested `name` such as `a[b][][c]`. */
function assign(target: Params, name: string, value: string, fullName: string, depth = 0): void {
  if (depth > 32) throw gitlabError.badInput(`parameter ${fullName} is nested too deeply`);
  const open = name.indexOf('[');
  const key = open <= 0 ? name : name.slice(0, open);
  const rest = open <= 0 ? '' : name.slice(open);
  if (key === '') return;
  if (rest === '' || !rest.startsWith('[')) {
    target[key] = value;
    return;
  }
  if (rest === '[]') {
    const list = (target[key] ??= []) as unknown;
    if (!Array.isArray(list)) typeClash(fullName, 'a list');
    list.push(value);
    return;
  }
  if (rest.startsWith('[][')) {
    const list = (target[key] ??= []) as unknown;
    if (!Array.isArray(list)) typeClash(fullName, 'a list');
    const childName = rest.slice(2);
    const childKey = childName.slice(1, childName.indexOf(']'));
    const last: unknown = list[list.length - 1];
    if (isObject(last) && !(childKey in last)) assign(last, rebase(childName), value, fullName, depth + 1);
    else {
      const fresh = emptyParams();
      assign(fresh, rebase(childName), value, fullName, depth + 1);
      list.push(fresh);
    }
    return;
  }
  const close = rest.indexOf(']');
  if (close < 0) {
    target[key] = value;
    return;
  }
  const child = (target[key] ??= emptyParams()) as unknown;
  if (!isObject(child)) typeClash(fullName, 'a hash');
  assign(child, rest.slice(1, close) + rest.slice(close + 1), value, fullName, depth + 1);
}

/** `[a][b]` → `a[b]`, so the recursive call sees a plain leading key. */
function rebase(bracketed: string): string {
  const close = bracketed.indexOf(']');
  return bracketed.slice(1, close) + bracketed.slice(close + 1);
}

/** Decoded name/value pairs of well-formed query or form text, by the text: clients repeat the same queries. */
const decodedPairs = new TextCache<readonly (readonly [string, string])[]>();

/** Parses `a=1&emails[][value]=x` into nested params; malformed percent-encoding is a 400. */
export function parseNestedQuery(raw: string, where: string): Params {
  const text = raw.startsWith('?') ? raw.slice(1) : raw;
  if (text === '') return emptyParams();
  let pairs = decodedPairs.get(text);
  if (pairs === undefined) {
    if (BAD_PERCENT.test(text)) throw gitlabError.badInput(`invalid %-encoding in ${where}`);
    pairs = decodedPairs.set(text, [...new URLSearchParams(text)]);
  }
  // A fresh tree every time: callers merge the body and route params into it.
  const params = emptyParams();
  for (const [name, value] of pairs) assign(params, name, value, name);
  return params;
}

function parseJsonBody(body: string): Params {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw gitlabError.badInput('message body does not match declared format: malformed JSON');
  }
  if (!isObject(parsed)) {
    throw gitlabError.badInput('message body does not match declared format: a JSON object is expected');
  }
  // Deeper bodies would overflow later recursive walks (Ruby inspect, PATCH); Ruby's JSON parser also refuses them (max_nesting 100).
  if (jsonDepth(parsed) > MAX_JSON_DEPTH) {
    throw gitlabError.badInput(
      `message body does not match declared format: nested deeper than ${MAX_JSON_DEPTH} levels`,
    );
  }
  return parsed;
}

/** Grape reads bodies only for writing methods; without a Content-Type it falls back to JSON. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const NO_BODY: Params = Object.freeze(emptyParams());

function readBody(req: ScimRequest): Params {
  if (req.rawBody.length === 0 || !BODY_METHODS.has(req.method)) return NO_BODY;
  const text = req.rawBody.toString('utf8');
  const type = req.contentType;
  if (type !== undefined && FORM_TYPES.has(type)) return parseNestedQuery(text, 'the form body');
  if (type === undefined || JSON_TYPES.has(type)) return parseJsonBody(text);
  throw gitlabError.unsupportedMediaType(type);
}

/** All request params in Grape order: query keys, then body keys (body values win), then route params. */
export function readParams(req: ScimRequest, route: Record<string, string>): Params {
  const params = parseNestedQuery(searchOf(req), 'the query string');
  const body = readBody(req);
  for (const k of Object.keys(body)) params[k] = body[k];
  for (const k of Object.keys(route)) params[k] = route[k];
  return params;
}

/**
 * `ParamsParser#post_params` (§8): every top-level key goes through MAPPINGS, the work/primary e-mail and
 * the `name` object override, nil values are dropped. Shapes GitLab would crash on are refused with a 400.
 */
import { gitlabError } from './errors.js';
import { MAPPINGS, castValue } from './mappings.js';
import type { Params } from './params.js';
import { isObject, type JsonObject } from '../../protocol/json.js';

interface PostParams {
  extern_uid?: string;
  email?: string;
  username?: string;
  name?: string;
}

const field = (o: JsonObject, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
const present = (v: unknown): boolean => v !== undefined && v !== null;
/** Ruby truthiness: only nil and false are falsy. */
const truthy = (v: unknown): boolean => present(v) && v !== false;

function scalar(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw gitlabError.badInput(`${where} must be a string`);
}

function parseEmail(emails: unknown): string | undefined {
  if (!present(emails)) return undefined;
  if (!Array.isArray(emails) || !emails.every(isObject)) {
    throw gitlabError.badInput('emails must be a list of objects like {"type":"work","value":"…"}');
  }
  const index = emails.findIndex((e) => field(e, 'type') === 'work' || truthy(field(e, 'primary')));
  if (index < 0) return undefined;
  const value = field(emails[index] as JsonObject, 'value');
  return present(value) ? scalar(value, `emails[${index}].value`) : undefined;
}

function parseName(name: unknown): string | undefined {
  if (!present(name)) return undefined;
  if (!isObject(name)) throw gitlabError.badInput('name must be an object like {"formatted":"…"}');
  const part = (key: string): string | undefined => {
    const v = field(name, key);
    return present(v) ? scalar(v, `name.${key}`) : undefined;
  };
  const formatted = part('formatted');
  if (formatted !== undefined && formatted.trim() !== '') return formatted;
  return [part('givenName'), part('familyName')].filter((p) => p !== undefined).join(' ');
}

export function parsePostParams(params: Params): PostParams {
  const out: PostParams = {};
  for (const [key, raw] of Object.entries(params)) {
    if (key === 'name' || !present(raw)) continue;
    const gitlabKey = MAPPINGS.get(key);
    if (gitlabKey === undefined || gitlabKey === 'active') continue;
    out[gitlabKey] = scalar(castValue(raw), key);
  }
  const email = parseEmail(field(params, 'emails'));
  if (email !== undefined) out.email = email;
  const name = parseName(field(params, 'name'));
  if (name !== undefined) out.name = name;
  return out;
}

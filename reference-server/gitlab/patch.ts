/**
 * `PATCH /Users/:id` (§9): Operations collapse into one hash of GitLab keys, then exactly one branch
 * runs (deprovision, reprovision, change extern uid, or nothing). Malformed operations, a 500 in GitLab,
 * are a 400 here.
 */
import { deprovision, reprovision } from './deprovisioning.js';
import { gitlabError } from './errors.js';
import { MAPPINGS, castValue, type GitlabKey } from './mappings.js';
import type { Params } from './params.js';
import { filterSecrets, inspect } from './ruby.js';
import type { GitlabStore, Group, ScimIdentity } from './store.js';
import { isObject, type JsonObject } from '../../protocol/json.js';

const field = (o: JsonObject, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** `ParamsParser#update_params`: only add/replace, paths through MAPPINGS, path-less values use their first key. */
function updateParams(params: Params): Map<GitlabKey, unknown> {
  const hash = new Map<GitlabKey, unknown>();
  const operations = field(params, 'Operations');
  if (operations === undefined || operations === null) return hash;
  if (!Array.isArray(operations)) throw gitlabError.badInput('Operations must be a list of operations');
  operations.forEach((operation: unknown, i) => {
    const where = `Operations[${i}]`;
    if (!isObject(operation)) throw gitlabError.badInput(`${where} must be an object`);
    const op = field(operation, 'op');
    if (typeof op !== 'string') throw gitlabError.badInput(`${where}.op is missing or not a string`);
    if (!['replace', 'add'].includes(op.toLowerCase())) return;
    const path = field(operation, 'path');
    const value = field(operation, 'value');
    let entry: [unknown, unknown] | undefined;
    if (path !== undefined && path !== null && path !== false) {
      if (typeof path !== 'string') throw gitlabError.badInput(`${where}.path must be a string`);
      entry = [path, value];
    } else {
      if (!isObject(value))
        throw gitlabError.badInput(`${where}.value must be an object when there is no path`);
      entry = Object.entries(value)[0];
    }
    const key = entry && typeof entry[0] === 'string' ? MAPPINGS.get(entry[0]) : undefined;
    if (key !== undefined) hash.set(key, castValue(entry?.[1]));
  });
  return hash;
}

function checkTypes(hash: Map<GitlabKey, unknown>): void {
  const active = hash.get('active');
  if (hash.has('active') && typeof active !== 'boolean' && active !== null) {
    throw gitlabError.badInput('value for active must be true or false');
  }
  const uid = hash.get('extern_uid');
  if (hash.has('extern_uid') && typeof uid !== 'string' && typeof uid !== 'number' && uid !== null) {
    throw gitlabError.badInput('value for id/externalId must be a string');
  }
}

/** Runs the one branch GitLab's `update_scim_user` picks; throws its 409/412 answers. */
export function patchUser(store: GitlabStore, group: Group, identity: ScimIdentity, params: Params): void {
  const hash = updateParams(params);
  checkTypes(hash);
  const failed = (): Error =>
    gitlabError.rejected(
      `Error updating ${store.user(identity.userId).name} with ${inspect(filterSecrets(params))}`,
    );
  const active = hash.get('active');
  if (active === false) {
    if (deprovision(store, group, identity) !== undefined) throw failed();
    return;
  }
  if (active === true) {
    if (reprovision(store, group, identity) === 'conflict')
      throw gitlabError.conflict('User is pending deletion');
    return;
  }
  const uid = hash.get('extern_uid');
  if (uid === undefined || uid === null) return;
  const next = String(uid);
  const clash = store.identityByUid(group.id, next);
  if (next.trim() === '' || (clash && clash.id !== identity.id)) throw failed();
  store.updateIdentity(identity, { externUid: next });
}

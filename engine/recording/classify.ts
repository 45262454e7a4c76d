/**
 * Reads a recording as IdP behaviour: which lifecycle step (profile `StepAction`) each exchange is, with the
 * parsed bodies and PATCH operations the profile draft needs.
 * @module
 */
import type { StepAction } from '../profile/index.js';
import type { RecordingExchange } from './types.js';
import { asObject, isObject, parseJson, type JsonObject } from '../../protocol/json.js';

export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

export interface ClassifiedExchange {
  exchange: RecordingExchange;
  resource: 'Users' | 'Groups' | undefined;
  /** The resource id segment, when the path names one resource. */
  id: string | undefined;
  method: string;
  /** The filter expression, decoded, when the query has one. */
  filter: string | undefined;
  requestJson: JsonObject | undefined;
  responseJson: JsonObject | undefined;
  operations: PatchOperation[];
  /** The lifecycle steps this exchange stands for (a group PATCH can be several). */
  actions: StepAction[];
  /** `false`/`true` when the request sets `active`, with the wire value. */
  activeChange?: { value: boolean; raw: unknown };
}

function parse(text: string | undefined): JsonObject | undefined {
  return asObject(parseJson(text));
}

/** `"False"`, `"false"` and `false` all mean false. */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

/** The decoded value of the `filter` parameter of a raw query (`+` read as a space). */
export function filterOf(query: string | null): string | undefined {
  if (query === null) return undefined;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).toLowerCase() !== 'filter') continue;
    try {
      return decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      return pair.slice(eq + 1);
    }
  }
  return undefined;
}

/** `userName eq "x"` → {attribute: 'userName', value: 'x'}. */
export function eqOf(filter: string | undefined): { attribute: string; value: string } | undefined {
  const m = filter ? /^\s*([\w.:$[\]" -]+?)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter) : null;
  return m ? { attribute: m[1] ?? '', value: m[2] ?? '' } : undefined;
}

function operationsOf(body: JsonObject | undefined): PatchOperation[] {
  const ops = body?.Operations;
  if (!Array.isArray(ops)) return [];
  return ops
    .filter((o): o is JsonObject => typeof o === 'object' && o !== null)
    .map((o) => ({
      op: typeof o.op === 'string' ? o.op : '',
      ...(typeof o.path === 'string' ? { path: o.path } : {}),
      ...('value' in o ? { value: o.value } : {}),
    }));
}

function activeChangeOf(method: string, body: JsonObject | undefined, ops: PatchOperation[]) {
  if (method === 'PUT' && body && 'active' in body) {
    const value = asBoolean(body.active);
    return value === undefined ? undefined : { value, raw: body.active };
  }
  for (const op of ops) {
    if (op.path?.toLowerCase() === 'active') {
      const value = asBoolean(op.value);
      if (value !== undefined) return { value, raw: op.value };
    }
    if (op.path === undefined && typeof op.value === 'object' && op.value !== null && 'active' in op.value) {
      const raw = (op.value as JsonObject).active;
      const value = asBoolean(raw);
      if (value !== undefined) return { value, raw };
    }
  }
  return undefined;
}

function totalResults(json: JsonObject | undefined, status: number): number | undefined {
  if (status === 404) return 0;
  if (typeof json?.totalResults === 'number') return json.totalResults;
  return Array.isArray(json?.Resources) ? json.Resources.length : undefined;
}

/** Classifies every exchange of a session, in order (earlier steps inform later ones). */
export function classifyExchanges(exchanges: readonly RecordingExchange[]): ClassifiedExchange[] {
  const parsed = exchanges.map((exchange) => {
    const m = /^\/(Users|Groups)(?:\/([^/]+))?\/?$/i.exec(exchange.request.path);
    const resource = m ? ((m[1] ?? '').toLowerCase() === 'users' ? 'Users' : 'Groups') : undefined;
    const requestJson = parse(exchange.request.body);
    const method = exchange.request.method.toUpperCase();
    const operations = method === 'PATCH' ? operationsOf(requestJson) : [];
    return {
      exchange,
      resource,
      id: m?.[2],
      method,
      filter: filterOf(exchange.request.query),
      requestJson,
      responseJson: parse(exchange.response.body),
      operations,
      actions: [] as StepAction[],
      ...(resource === 'Users' ? { activeChange: activeChangeOf(method, requestJson, operations) } : {}),
    } as ClassifiedExchange;
  });

  const createdUserNames = new Set(
    parsed
      .filter((c) => c.resource === 'Users' && c.method === 'POST')
      .map((c) => String(c.requestJson?.userName ?? '')),
  );
  const createdGroupNames = new Set(
    parsed
      .filter((c) => c.resource === 'Groups' && c.method === 'POST')
      .map((c) => String(c.requestJson?.displayName ?? '')),
  );
  let deactivated = false;
  let createdAny = false;
  for (const c of parsed) {
    const status = c.exchange.response.status;
    if (c.resource === 'Users') {
      if (c.method === 'GET' && c.id === undefined) {
        const eq = eqOf(c.filter);
        if (c.filter === undefined) c.actions.push('probe-user-list');
        else if (deactivated) c.actions.push('find-disabled-user');
        else if (
          eq &&
          !createdUserNames.has(eq.value) &&
          !createdAny &&
          (totalResults(c.responseJson, status) ?? 0) === 0
        ) {
          c.actions.push('probe-absent-user');
        } else
          c.actions.push(
            createdAny && (totalResults(c.responseJson, status) ?? 0) > 0 ? 'match-precise' : 'match-user',
          );
      } else if (c.method === 'GET') c.actions.push('read-user');
      else if (c.method === 'POST') {
        c.actions.push(status === 409 ? 'duplicate-create' : 'create-user');
        createdAny = true;
      } else if ((c.method === 'PATCH' || c.method === 'PUT') && c.id !== undefined) {
        const onlyActive =
          c.activeChange !== undefined &&
          (c.method === 'PUT' ||
            c.operations.every((o) => o.path?.toLowerCase() === 'active' || isActiveOnly(o)));
        if (c.activeChange && !c.activeChange.value) {
          c.actions.push('deactivate-user');
          deactivated = true;
        } else if (c.activeChange?.value && deactivated && (onlyActive || c.method === 'PUT')) {
          c.actions.push('reactivate-user');
          deactivated = false;
        } else c.actions.push('update-user');
      } else if (c.method === 'DELETE') c.actions.push('delete-user');
    } else if (c.resource === 'Groups') {
      if (c.method === 'GET' && c.id === undefined) {
        const eq = eqOf(c.filter);
        if (c.filter === undefined) c.actions.push('probe-group-list');
        else if (eq && !createdGroupNames.has(eq.value)) c.actions.push('probe-absent-group');
        else c.actions.push('match-group');
      } else if (c.method === 'POST') c.actions.push('create-group');
      else if (c.method === 'PATCH') {
        for (const op of c.operations) {
          const name = op.op.toLowerCase();
          const path = op.path?.toLowerCase() ?? '';
          let action: StepAction | undefined;
          if (path.startsWith('members')) action = name === 'remove' ? 'remove-member' : 'add-members';
          else if (
            path === 'displayname' ||
            (op.path === undefined && isObject(op.value) && 'displayName' in op.value)
          ) {
            action = 'rename-group';
          }
          if (action && !c.actions.includes(action)) c.actions.push(action);
        }
      } else if (c.method === 'PUT') c.actions.push('add-members');
      else if (c.method === 'DELETE') c.actions.push('delete-group');
    }
  }
  return parsed;
}

function isActiveOnly(op: PatchOperation): boolean {
  return op.path === undefined && isObject(op.value) && Object.keys(op.value).every((k) => k === 'active');
}

import { ScimError, isScimError, type Route } from '../../core/index.js';
import { BASE_PATH, BULK_MAX_OPERATIONS, BULK_MAX_PAYLOAD, URN } from '../constants.js';
import type { Resource, RfcContext } from '../context.js';
import { errorBody } from '../http/render-error.js';
import { originOf, readJsonObject } from '../http/request.js';
import type { ResourceKind } from '../resources/resource-kind.js';
import { createResource, deleteResource, patchResource, replaceResource } from '../resources/service.js';
import { isObject } from '../write/index.js';
import type { RouteDeps } from './route-deps.js';

const BULK_REF = /^bulkId:(.+)$/;

interface BulkOperation {
  method: string;
  bulkId?: string;
  version?: string;
  path: string;
  data?: unknown;
}

function readOperation(raw: unknown): BulkOperation {
  if (!isObject(raw) || typeof raw.method !== 'string' || typeof raw.path !== 'string') {
    return { method: '', path: '' };
  }
  return {
    method: raw.method.toUpperCase(),
    path: raw.path,
    ...(typeof raw.bulkId === 'string' ? { bulkId: raw.bulkId } : {}),
    ...(typeof raw.version === 'string' ? { version: raw.version } : {}),
    ...(raw.data !== undefined ? { data: raw.data } : {}),
  };
}

/** Every `bulkId:x` an operation mentions, in its path or anywhere in its data (RFC 7644 §3.7.2). */
function references(op: BulkOperation): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const m = BULK_REF.exec(value);
      if (m?.[1]) found.add(m[1]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) Object.values(value).forEach(visit);
  };
  for (const segment of op.path.split('/')) visit(segment);
  visit(op.data);
  return [...found];
}

function substitute(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') {
    const m = BULK_REF.exec(value);
    return m?.[1] && ids.has(m[1]) ? ids.get(m[1]) : value;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, ids));
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)]));
  return value;
}

class BulkRun {
  readonly results: Resource[] = [];
  readonly #state: ('pending' | 'running' | 'done')[];
  readonly #byBulkId = new Map<string, number>();
  readonly #ids = new Map<string, string>();
  #errors = 0;
  stopped = false;

  constructor(
    readonly ctx: RfcContext,
    readonly kinds: Record<string, ResourceKind>,
    readonly ops: BulkOperation[],
    readonly base: string,
    readonly failOnErrors: number | undefined,
  ) {
    this.#state = ops.map(() => 'pending');
    ops.forEach((op, i) => {
      if (op.method === 'POST' && op.bulkId !== undefined) this.#byBulkId.set(op.bulkId, i);
    });
  }

  /** Runs operation i, first running the POSTs it references so forward references resolve (RFC 7644 §3.7.1). */
  run(i: number): void {
    if (this.#state[i] !== 'pending' || this.stopped) return;
    this.#state[i] = 'running';
    const op = this.ops[i] as BulkOperation;
    let result: Resource;
    try {
      for (const ref of references(op)) {
        const j = this.#byBulkId.get(ref);
        if (!this.#ids.has(ref) && j !== undefined) this.run(j);
        if (this.stopped) {
          this.#state[i] = 'pending';
          return;
        }
        // Unknown, failed or circular references cannot be resolved; RFC 7644 §3.7.1 allows 409 for them.
        if (!this.#ids.has(ref)) throw ScimError.conflict(`bulkId "${ref}" could not be resolved`);
      }
      const path = (substitute(op.path.split('/'), this.#ids) as string[]).join('/');
      const resolved: BulkOperation = { ...op, path };
      if (op.data !== undefined) resolved.data = substitute(op.data, this.#ids);
      result = this.#execute(resolved);
    } catch (error) {
      if (!isScimError(error)) throw error;
      this.#errors++;
      result = {
        method: op.method,
        ...(op.bulkId !== undefined ? { bulkId: op.bulkId } : {}),
        status: String(error.status),
        response: errorBody(error),
      };
    }
    this.#state[i] = 'done';
    this.results.push(result);
    if (this.failOnErrors !== undefined && this.#errors >= this.failOnErrors) this.stopped = true;
  }

  #execute(op: BulkOperation): Resource {
    const [endpoint, id, ...extra] = op.path.split('/').filter(Boolean);
    const kind = endpoint === undefined ? undefined : this.kinds[endpoint];
    if (!kind || extra.length > 0)
      throw ScimError.notFound(`Bulk path "${op.path}" names no resource endpoint`);
    const echo = { method: op.method, ...(op.bulkId !== undefined ? { bulkId: op.bulkId } : {}) };
    const answer = (resource: Resource, status: string): Resource => ({
      ...echo,
      location: `${this.base}/${kind.endpoint}/${String(resource.id)}`,
      version: (resource.meta as Resource).version,
      status,
    });
    if (op.method === 'POST') {
      if (id !== undefined)
        throw ScimError.methodNotAllowed('POST in Bulk targets an endpoint, not a resource', [
          'PUT',
          'PATCH',
          'DELETE',
        ]);
      if (op.bulkId === undefined || op.bulkId === '') {
        throw ScimError.invalidSyntax('A Bulk POST operation requires a bulkId (RFC 7644 §3.7)');
      }
      const created = createResource(this.ctx, kind, op.data);
      this.#ids.set(op.bulkId, created.id as string);
      return answer(created, '201');
    }
    if (id === undefined)
      throw ScimError.methodNotAllowed(`${op.method} in Bulk needs a resource path`, ['POST']);
    switch (op.method) {
      case 'PUT':
        return answer(replaceResource(this.ctx, kind, id, op.data, op.version), '200');
      case 'PATCH':
        return answer(patchResource(this.ctx, kind, id, op.data, op.version), '200');
      case 'DELETE':
        deleteResource(this.ctx, kind, id, op.version);
        return { ...echo, location: `${this.base}/${kind.endpoint}/${id}`, status: '204' };
      default:
        throw ScimError.invalidSyntax(`Bulk method "${op.method}" must be POST, PUT, PATCH or DELETE`);
    }
  }
}

/** POST /Bulk (RFC 7644 §3.7): limits enforced with 413, operations processed in order with bulkId resolution. */
export function bulkRoutes({ ctx, guard }: RouteDeps, kinds: Record<string, ResourceKind>): Route[] {
  return [
    {
      method: 'POST',
      pattern: `${BASE_PATH}/Bulk`,
      handler: guard((req) => {
        if (req.rawBody.length > BULK_MAX_PAYLOAD) {
          throw ScimError.tooMany(
            `Bulk payload of ${req.rawBody.length} bytes exceeds maxPayloadSize ${BULK_MAX_PAYLOAD} (RFC 7644 §3.7.4)`,
            413,
          );
        }
        const body = readJsonObject(req);
        if (!Array.isArray(body.schemas) || !body.schemas.includes(URN.bulkRequest)) {
          throw ScimError.invalidSyntax(
            `A Bulk body must carry schemas ["${URN.bulkRequest}"] (RFC 7644 §3.7)`,
          );
        }
        if (!Array.isArray(body.Operations))
          throw ScimError.invalidSyntax('A BulkRequest needs an "Operations" array');
        if (body.Operations.length > BULK_MAX_OPERATIONS) {
          throw ScimError.tooMany(
            `Bulk request has ${body.Operations.length} operations, above maxOperations ${BULK_MAX_OPERATIONS} (RFC 7644 §3.7.4)`,
            413,
          );
        }
        const failOnErrors = body.failOnErrors;
        if (failOnErrors !== undefined && (!Number.isInteger(failOnErrors) || (failOnErrors as number) < 1)) {
          throw ScimError.invalidValue('"failOnErrors" must be a positive integer (RFC 7644 §3.7)');
        }
        const limit = ctx.quirks.has('bulk-ignores-fail-on-errors')
          ? undefined
          : (failOnErrors as number | undefined);
        const ops = (body.Operations as unknown[]).map(readOperation);
        const run = new BulkRun(ctx, kinds, ops, originOf(req) + BASE_PATH, limit);
        for (let i = 0; i < ops.length && !run.stopped; i++) run.run(i);
        return { status: 200, body: { schemas: [URN.bulkResponse], Operations: run.results } };
      }),
    },
  ];
}

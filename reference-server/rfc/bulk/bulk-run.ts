import { ScimError, isScimError } from '../../core/index.js';
import type { Resource, RfcContext } from '../context.js';
import { errorBody } from '../http/index.js';
import {
  type ResourceKind,
  createResource,
  deleteResource,
  patchResource,
  replaceResource,
} from '../resources/index.js';
import { references, substitute, type BulkOperation } from './bulk-operation.js';

const BULK_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One Bulk request's processing state: results in processing order, created ids by bulkId, error count. */
export class BulkRun {
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
    if (op.method === '' || op.path === '') {
      throw ScimError.invalidSyntax('Each Bulk operation needs a string "method" and "path" (RFC 7644 §3.7)');
    }
    if (!BULK_METHODS.has(op.method)) {
      throw ScimError.invalidSyntax(
        `Bulk method "${op.method}" must be POST, PUT, PATCH or DELETE (RFC 7644 §3.7)`,
      );
    }
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

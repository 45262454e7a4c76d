/**
 * Bulk bulkId references (RFC 7644 §3.7.1, §3.7.2): circular references and references inside extension
 * attributes.
 * @module
 */
import {
  bodyVerdict,
  checkRows,
  defineScenario,
  enterpriseOf,
  expectStatus,
  fail,
  get,
  groupsAt,
  isObject,
  needsEnterpriseExtension,
  newUserBody,
  pass,
  relativeTo,
  skip,
  URN,
  usersAt,
} from '../support/index.js';
import type { AnyCheck, HttpResult, JsonObject } from '../support/index.js';
import {
  BULK_RETURNS_200,
  BULK_STATUS_SHAPE,
  badResultStatus,
  bulkRequest,
  createdStatus,
  operations,
  postBulk,
} from './results.js';

const SUITE = 'bulk';
const ENTERPRISE = URN.enterpriseUser;

interface CircularRun {
  response: HttpResult;
  /** Per Group sent, what a displayName query finds afterwards (undefined when the target cannot filter). */
  found: { displayName: string; query: HttpResult }[] | undefined;
}

const circular = defineScenario<CircularRun>({
  id: 'bulk.circular',
  requires: ['bulk', 'resourceType:Group'],
  run: async (ctx) => {
    const groups = [
      ctx.data.group({ members: [{ value: 'bulkId:gb', type: 'Group' }] }),
      ctx.data.group({ members: [{ value: 'bulkId:ga', type: 'Group' }] }),
    ];
    const response = await postBulk(
      ctx,
      bulkRequest([
        { method: 'POST', path: groupsAt(ctx.target), bulkId: 'ga', data: groups[0] as JsonObject },
        { method: 'POST', path: groupsAt(ctx.target), bulkId: 'gb', data: groups[1] as JsonObject },
      ]),
    );
    if (!ctx.target.capabilities.filter.supported) return { response, found: undefined };
    const found: { displayName: string; query: HttpResult }[] = [];
    for (const group of groups) {
      const displayName = String(group['displayName']);
      const query = await get(ctx, groupsAt(ctx.target), { filter: `displayName eq "${displayName}"` });
      // Anything the bulk created is ours to delete, reported or not.
      for (const id of foundIds(query)) ctx.ledger.track(`${groupsAt(ctx.target)}/${id}`);
      found.push({ displayName, query });
    }
    return { response, found };
  },
});

function foundIds(query: HttpResult): string[] {
  const resources =
    isObject(query.json) && Array.isArray(query.json['Resources']) ? query.json['Resources'] : [];
  return resources.filter(isObject).flatMap((r) => (typeof r['id'] === 'string' ? [r['id']] : []));
}

interface ManagerRef {
  response: HttpResult;
  managerId: string | undefined;
  report: HttpResult | undefined;
}

const managerRef = defineScenario<ManagerRef>({
  id: 'bulk.extension-reference',
  requires: ['bulk', 'resourceType:User'],
  run: async (ctx) => {
    const response = await postBulk(
      ctx,
      bulkRequest([
        { method: 'POST', path: usersAt(ctx.target), bulkId: 'mgr', data: newUserBody(ctx) },
        {
          method: 'POST',
          path: usersAt(ctx.target),
          bulkId: 'rep',
          data: newUserBody(ctx, {
            schemas: [URN.user, ENTERPRISE],
            [ENTERPRISE]: { manager: { value: 'bulkId:mgr' } },
          }),
        },
      ]),
    );
    const ops = operations(response);
    const locate = (bulkId: string): string | undefined => {
      const op = ops.find((o) => o['bulkId'] === bulkId);
      return typeof op?.['location'] === 'string' && createdStatus(op)
        ? relativeTo(ctx.target.baseUrl, op['location'])
        : undefined;
    };
    const mgrPath = locate('mgr');
    const repPath = locate('rep');
    return {
      response,
      managerId: mgrPath ? decodeURIComponent(mgrPath.split('/').pop() ?? '') : undefined,
      report: repPath ? await get(ctx, repPath) : undefined,
    };
  },
});

const check = checkRows({ level: 'MUST', suite: SUITE, rfc: 'RFC7644 3.7.1', scenario: circular });

export const referenceChecks: AnyCheck[] = [
  check({
    id: 'bulk.circular.resolved-or-conflict',
    title: 'Circular bulkId references are resolved or answered 409 (per operation or for the request)',
    requirements: ['7644-3.7.1-a'],
    dependsOn: [BULK_STATUS_SHAPE],
    requires: ['bulk', 'resourceType:Group'],
    explanation:
      'RFC 7644 §3.7.1: the service provider MUST try to resolve circular bulkId references and MAY "stop after a failed attempt and instead return HTTP status code 409"; so either the whole request answers 409, or two Groups naming each other each end 201 or 409.',
    evidence: (run) => [run.response.exchange],
    assert: ({ response: res }) => {
      if (res.status === 409)
        return pass('The whole BulkRequest was answered 409, which RFC 7644 §3.7.1 allows');
      return bodyVerdict(res, [200, 409], () => {
        const ops = operations(res);
        if (ops.length !== 2)
          return fail('VALUE_MISMATCH', `The BulkResponse holds ${ops.length} results, expected 2`, {
            expected: 2,
            actual: ops.length,
            pointer: '/Operations',
          });
        return badResultStatus(ops, (status) => ['201', '409'].includes(String(status)), {
          code: 'STATUS_MISMATCH',
          expected: ['201', '409'],
          message: (i, status) => `Operation ${i} answered ${String(status)}`,
        });
      });
    },
  }),
  check({
    id: 'bulk.circular.no-unreported-resources',
    title: 'Resolving circular bulkId references creates only the resources the BulkResponse reports',
    requirements: ['7644-3.7.1-a', '7644-3.7-d'],
    dependsOn: [BULK_STATUS_SHAPE],
    requires: ['bulk', 'resourceType:Group', 'filter'],
    explanation:
      'RFC 7644 §3.7: each created resource is reported with its location; a server that creates a Group twice while resolving a cycle leaves a resource the client never learns of (seen in a real SCIM library).',
    assert: ({ response, found }) => {
      // A whole-request 409 (RFC 7644 §3.7.1) reports nothing, so nothing may have been created.
      if (response.status !== 200 && response.status !== 409)
        return skip(
          'the BulkRequest was answered neither 200 nor 409 (see bulk.circular.resolved-or-conflict)',
        );
      if (!found)
        return skip('the target does not advertise filtering, so created Groups cannot be looked up');
      const reported = new Set(
        operations(response).flatMap((o) => {
          if (typeof o['location'] !== 'string') return [];
          // The id is the last path segment of the reported location, whatever origin the server names.
          const last = o['location']
            .replace(/[?#].*$/, '')
            .replace(/\/+$/, '')
            .split('/')
            .pop();
          if (!last) return [];
          try {
            return [decodeURIComponent(last)];
          } catch {
            return [last];
          }
        }),
      );
      for (const [i, { displayName, query }] of found.entries()) {
        if (query.status !== 200) return skip(`the displayName query answered ${String(query.status)}`);
        const ids = foundIds(query);
        const unreported = ids.filter((id) => !reported.has(id));
        if (ids.length > 1 || unreported.length > 0)
          return fail(
            'VALUE_MISMATCH',
            `Group ${i} ("${displayName}") exists ${ids.length} time(s), ${unreported.length} not reported in the BulkResponse`,
            {
              expected: 'at most one, with its location in the BulkResponse',
              actual: { found: ids, reported: [...reported] },
              pointer: `/Operations/${i}/location`,
              // The lookup of this Group decided it, not the scenario's last request (issue 23).
              exchange: query.exchange,
            },
          );
      }
      return pass();
    },
  }),
  check({
    id: 'bulk.extension.bulk-id-substituted',
    title: 'A bulkId reference inside an extension attribute is replaced by the created id',
    rfc: 'RFC7644 3.7.2',
    requirements: ['7644-3.7.2-b'],
    dependsOn: [BULK_RETURNS_200, BULK_STATUS_SHAPE],
    requires: ['bulk', 'resourceType:User'],
    explanation:
      'RFC 7644 §3.7.2: bulkId references MUST be resolved in extension attributes too; an enterprise manager.value of "bulkId:mgr" must become the new manager\'s id.',
    scenario: managerRef,
    assert: (r, ctx) => {
      const gate = needsEnterpriseExtension(ctx.target) ?? expectStatus(r.response, 200);
      if (gate) return gate;
      if (!r.managerId || !r.report)
        return fail('STATUS_MISMATCH', 'The Bulk operations did not both create a User', {
          expected: '201 for both operations',
          actual: operations(r.response).map((o) => o['status']),
          pointer: '/Operations',
        });
      const managerId = r.managerId;
      return bodyVerdict(r.report, 200, (body) => {
        const ext = enterpriseOf(body);
        const manager = isObject(ext) ? ext['manager'] : undefined;
        const value = isObject(manager) ? manager['value'] : undefined;
        return value === managerId
          ? undefined
          : fail('VALUE_MISMATCH', `manager.value is ${JSON.stringify(value)}, expected the manager's id`, {
              expected: managerId,
              actual: value,
              pointer: `/${ENTERPRISE}/manager/value`,
            });
      });
    },
  }),
];

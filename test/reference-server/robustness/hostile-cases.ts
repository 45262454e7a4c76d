/**
 * The hostile-input battery: requests a broken or malicious client might send, as raw bytes. Each case says
 * whether the server must refuse it (`reject`: a 4xx and no state change), may answer it without changing
 * anything (`keep`, e.g. a Bulk answered 200 with per-operation errors) or may accept it (`tolerate`:
 * anything but a 5xx, e.g. a 1 MB userName that is still within the body cap).
 * @module
 */
import {
  USER_RESOURCE,
  GROUP_RESOURCE,
  type AttributeDefinition,
} from '../../../reference-server/schema/index.js';
import { buildRequest, type RawRequestOptions } from './raw-http.js';

export interface HostileCase {
  name: string;
  request: Buffer;
  /** reject: 4xx and no state change; keep: no 5xx and no state change; tolerate: no 5xx. */
  expect: 'reject' | 'keep' | 'tolerate';
  options?: RawRequestOptions;
}

export interface Target {
  flavour: 'rfc' | 'gitlab';
  /** Path of the SCIM base, e.g. `/scim/v2`. */
  base: string;
  token: string;
  /** An existing user (rfc: id; gitlab: extern uid) and, for rfc, an existing group id. */
  userId: string;
  groupId?: string;
}

const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

let serial = 0;
const fresh = (): string => `hostile-${++serial}`;

/** JSON values of the wrong type for an attribute (RFC 7643 §2.3 Table 1). */
function wrongValues(def: AttributeDefinition, inMulti = false): unknown[] {
  if (def.multiValued && !inMulti) return ['x', 1, true, { value: 'x' }];
  switch (def.type) {
    case 'boolean':
      return ['true', 1, 0, {}, [true]];
    case 'integer':
      return ['1', 1.5, true, {}];
    case 'decimal':
      return ['1.5', true, {}];
    case 'dateTime':
      return ['yesterday', '2024-13-45T99:99:99Z', 1, true, {}];
    case 'complex':
      return ['x', 1, true, [1]];
    default:
      return [1, true, {}, [], 1.5];
  }
}

function deep(levels: number, open: string, close: string, inner = '1'): string {
  return open.repeat(levels) + inner + close.repeat(levels);
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Every attribute path of a resource schema with its definition, sub-attributes included. */
function attributePaths(resource: typeof USER_RESOURCE): Array<{ path: string[]; def: AttributeDefinition }> {
  const out: Array<{ path: string[]; def: AttributeDefinition }> = [];
  const walk = (defs: AttributeDefinition[], prefix: string[]): void => {
    for (const def of defs) {
      if (def.mutability === 'readOnly') continue; // RFC 7644 §3.3: readOnly input is ignored, not refused.
      out.push({ path: [...prefix, def.name], def });
      if (def.subAttributes && !def.multiValued) walk(def.subAttributes, [...prefix, def.name]);
    }
  };
  walk(resource.core.attributes, []);
  for (const ext of resource.extensions) walk(ext.attributes, [ext.id]);
  return out;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

/** The whole battery for one flavour. */
export function hostileCases(t: Target): HostileCase[] {
  const auth = { authorization: `Bearer ${t.token}` };
  const scimJson = { ...auth, 'content-type': 'application/scim+json' };
  const users = `${t.base}/Users`;
  const user = `${users}/${encodeURIComponent(t.userId)}`;
  const cases: HostileCase[] = [];
  const add = (
    name: string,
    request: Buffer,
    expect: HostileCase['expect'] = 'reject',
    options?: RawRequestOptions,
  ) => cases.push({ name, request, expect, ...(options ? { options } : {}) });
  const send = (
    method: string,
    path: string,
    body: string | Buffer,
    headers: Record<string, string> = scimJson,
  ) => buildRequest(method, path, { headers, body });
  const validUser = (): Record<string, unknown> =>
    t.flavour === 'rfc'
      ? { schemas: [USER_URN], userName: fresh() }
      : {
          schemas: [USER_URN],
          externalId: fresh(),
          userName: fresh(),
          active: true,
          emails: [{ type: 'work', value: `${fresh()}@example.com`, primary: true }],
          name: { formatted: 'Hostile Person' },
        };
  const patchBody = (ops: unknown): string => json({ schemas: [PATCH_URN], Operations: ops });

  // --- malformed and truncated JSON, on every write endpoint --------------------------------------
  const malformed = [
    '{',
    '{"schemas":',
    '{"schemas":["' + USER_URN + '"],"userName":"x"',
    '[1,2',
    'nul',
    '{"a":1,}',
    "{'userName':'x'}",
    '{"userName":"x"}garbage',
    '\uFEFF{"userName":"x"}',
    '"just a string"',
    '42',
    'null',
    '[]',
    '{"userName":"\\ud800"',
    '{"userName":"\\x41"}',
    '{"userName":NaN}',
  ];
  const writeTargets: Array<[string, string]> = [
    ['POST', users],
    ['PATCH', user],
  ];
  if (t.flavour === 'rfc') {
    writeTargets.push(
      ['PUT', user],
      ['POST', `${t.base}/Groups`],
      ['POST', `${t.base}/Bulk`],
      ['POST', `${users}/.search`],
    );
    if (t.groupId) writeTargets.push(['PATCH', `${t.base}/Groups/${t.groupId}`]);
  }
  for (const [method, path] of writeTargets) {
    for (const body of malformed)
      add(`malformed ${method} ${path} ${body.slice(0, 20)}`, send(method, path, body));
    add(
      `empty body ${method} ${path}`,
      send(method, path, ''),
      t.flavour === 'gitlab' && method === 'PATCH' ? 'keep' : 'reject',
    );
  }

  // --- wrong JSON types at every attribute ------------------------------------------------------
  if (t.flavour === 'rfc') {
    for (const { path, def } of attributePaths(USER_RESOURCE)) {
      if (path.length === 1 && path[0] === 'userName') continue;
      for (const bad of wrongValues(def)) {
        const body = validUser();
        if (path[0] === ENTERPRISE_URN) (body.schemas as string[]).push(ENTERPRISE_URN);
        setPath(body, path, bad);
        // Documented leniency: one object for a multi-valued complex attribute is a one-element list (OneLogin).
        const single =
          def.multiValued && def.type === 'complex' && typeof bad === 'object' && !Array.isArray(bad);
        add(
          `wrong type POST User ${path.join('.')}=${json(bad)}`,
          send('POST', users, json(body)),
          single ? 'tolerate' : 'reject',
        );
        add(
          `wrong type PUT User ${path.join('.')}=${json(bad)}`,
          send('PUT', user, json({ ...body, userName: 'seed.user1@example.com' })),
          single ? 'tolerate' : 'reject',
        );
        const patchPath =
          path[0] === ENTERPRISE_URN ? `${path[0]}:${path.slice(1).join('.')}` : path.join('.');
        // Documented leniency in PATCH: "True"/"False" strings for booleans (Entra ID), one object for a list,
        // and the enterprise manager given as its bare id (Entra ID's manager update, docs/idp/entra-id.md).
        const bareManager =
          path[0] === ENTERPRISE_URN && path[1] === 'manager' && path.length === 2 && typeof bad === 'string';
        const lenient = (def.type === 'boolean' && bad === 'true') || single || bareManager;
        add(
          `wrong type PATCH User ${patchPath}=${json(bad)}`,
          send('PATCH', user, patchBody([{ op: 'replace', path: patchPath, value: bad }])),
          lenient ? 'tolerate' : 'reject',
        );
      }
    }
    for (const bad of [1, true, {}, [], null]) {
      add(
        `wrong type userName=${json(bad)}`,
        send('POST', users, json({ schemas: [USER_URN], userName: bad })),
      );
    }
    for (const { path, def } of attributePaths(GROUP_RESOURCE)) {
      for (const bad of wrongValues(def)) {
        const body: Record<string, unknown> = { schemas: [GROUP_URN], displayName: fresh() };
        setPath(body, path, bad);
        if (path[0] === 'displayName' && (bad === null || bad === undefined)) continue;
        add(
          `wrong type POST Group ${path.join('.')}=${json(bad)}`,
          send('POST', `${t.base}/Groups`, json(body)),
        );
        if (t.groupId)
          add(
            `wrong type PATCH Group ${path.join('.')}=${json(bad)}`,
            send(
              'PATCH',
              `${t.base}/Groups/${t.groupId}`,
              patchBody([{ op: 'replace', path: path.join('.'), value: bad }]),
            ),
          );
      }
    }
    add(
      'member without value (unassigned, RFC 7644 §3.5.1)',
      send('POST', `${t.base}/Groups`, json({ schemas: [GROUP_URN], displayName: fresh(), members: [{}] })),
      'tolerate',
    );
    for (const members of [
      [{ value: 'no-such-id' }],
      [{ value: 1 }],
      ['x'],
      [{ value: t.userId, type: 1 }],
    ]) {
      add(
        `bad members ${json(members)}`,
        send('POST', `${t.base}/Groups`, json({ schemas: [GROUP_URN], displayName: fresh(), members })),
      );
    }
    for (const schemas of [undefined, 'x', [1], [], ['urn:nope'], [GROUP_URN], {}]) {
      add(`bad schemas ${json(schemas)}`, send('POST', users, json({ schemas, userName: fresh() })));
    }
  } else {
    const fields: Array<[string, unknown[]]> = [
      ['externalId', [{}, [], { a: 1 }]],
      ['emails', ['x', 1, true, { value: 'x' }, [1], [{ value: 1 }]]],
      ['name', ['x', 1, true, [1]]],
    ];
    for (const [field, bads] of fields) {
      for (const bad of bads)
        add(
          `wrong type POST ${field}=${json(bad)}`,
          send('POST', users, json({ ...validUser(), [field]: bad })),
        );
    }
    for (const bad of ['yes', 2, {}, [], 'maybe']) {
      add(
        `wrong type PATCH active=${json(bad)}`,
        send('PATCH', user, patchBody([{ op: 'replace', path: 'active', value: bad }])),
      );
    }
    for (const bad of [{}, [1], { a: { b: 1 } }]) {
      add(
        `wrong type PATCH externalId=${json(bad)}`,
        send('PATCH', user, patchBody([{ op: 'replace', path: 'externalId', value: bad }])),
      );
    }
  }

  // --- PatchOp structure and hostile paths -------------------------------------------------------
  const patchShapes: unknown[] = [
    { schemas: [PATCH_URN] },
    { schemas: [PATCH_URN], Operations: 'x' },
    { schemas: [PATCH_URN], Operations: {} },
    { schemas: [PATCH_URN], Operations: [1] },
    { schemas: [PATCH_URN], Operations: [null] },
    { schemas: [PATCH_URN], Operations: [{}] },
    { schemas: [PATCH_URN], Operations: [{ op: 1, path: 'active', value: false }] },
    { schemas: [PATCH_URN], Operations: [{ op: 'explode', path: 'active', value: false }] },
    { schemas: [PATCH_URN], Operations: [{ op: 'replace', value: 'not an object' }] },
    { schemas: [PATCH_URN], Operations: [{ op: 'replace', value: [1, 2] }] },
    { schemas: [PATCH_URN], Operations: [{ op: 'add', path: 1, value: 'x' }] },
  ];
  const hostilePaths = [
    '',
    ' ',
    '.',
    'name..givenName',
    'emails[',
    'emails[type eq "work"',
    'emails[type eq "work"]]',
    'emails[type eq "work"][value eq "x"]',
    'emails[type eq]',
    'emails[type eq "work"].value.extra',
    'emails[type xx "work"].value',
    'urn:nope:nope:attr',
    `${ENTERPRISE_URN}:`,
    `${ENTERPRISE_URN}:manager.value.x`,
    'members[value eq "x"].display',
    '[value eq "x"]',
    '"quoted"',
    'a\u0000b',
    'name.givenName.x.y.z',
    '['.repeat(5_000),
    'a.'.repeat(5_000) + 'b',
  ];
  if (t.flavour === 'rfc') {
    for (const shape of patchShapes)
      add(`patch shape ${json(shape).slice(0, 60)}`, send('PATCH', user, json(shape)));
    for (const path of hostilePaths) {
      for (const op of ['add', 'replace', 'remove']) {
        add(
          `patch path ${op} ${json(path).slice(0, 40)}`,
          send('PATCH', user, patchBody([{ op, path, value: 'x' }])),
        );
      }
    }
    add(
      'patch without schemas',
      send('PATCH', user, json({ Operations: [{ op: 'replace', path: 'active', value: false }] })),
    );
    add(
      'patch half valid',
      send(
        'PATCH',
        user,
        patchBody([
          { op: 'replace', path: 'displayName', value: 'Changed' },
          { op: 'replace', path: 'active', value: 'no' },
        ]),
      ),
    );
    add('patch removes userName', send('PATCH', user, patchBody([{ op: 'remove', path: 'userName' }])));
  } else {
    // GitLab runs no branch for a PatchOp it cannot read and answers 204 (§9): nothing may change.
    for (const shape of patchShapes)
      add(`patch shape ${json(shape).slice(0, 60)}`, send('PATCH', user, json(shape)), 'keep');
    for (const path of hostilePaths)
      add(
        `patch path ${json(path).slice(0, 40)}`,
        send('PATCH', user, patchBody([{ op: 'replace', path, value: 'x' }])),
        'tolerate',
      );
  }

  // --- Bulk ------------------------------------------------------------------------------------
  if (t.flavour === 'rfc') {
    const bulk = `${t.base}/Bulk`;
    for (const body of [
      { schemas: [BULK_URN] },
      { schemas: [BULK_URN], Operations: 'x' },
      { schemas: [BULK_URN], Operations: [1] },
      { schemas: [BULK_URN], Operations: [{ method: 1, path: '/Users' }] },
      { schemas: [BULK_URN], failOnErrors: 'x', Operations: [] },
      {
        schemas: [BULK_URN],
        Operations: Array.from({ length: 1001 }, () => ({ method: 'DELETE', path: `/Users/${t.userId}` })),
      },
      { schemas: ['urn:nope'], Operations: [] },
    ]) {
      // Structural errors are 400; per-operation errors are a 200 BulkResponse (RFC 7644 §3.7.3): either way nothing changes.
      add(`bulk ${json(body).slice(0, 60)}`, send('POST', bulk, json(body)), 'keep');
    }
    // Answered 200 with per-operation errors (RFC 7644 §3.7.3), but nothing may change.
    for (const op of [
      { method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: [USER_URN], userName: 1 } },
      { method: 'PATCH', path: `/Users/${t.userId}`, data: { schemas: [PATCH_URN], Operations: 'x' } },
      { method: 'DELETE', path: '/Users/../Groups' },
      {
        method: 'POST',
        path: '/Users',
        bulkId: 'b',
        data: { schemas: [GROUP_URN], members: [{ value: 'bulkId:b' }] },
      },
      { method: 'FOO', path: '/Users' },
      { method: 'POST', path: 'http://evil.example/Users', bulkId: 'c', data: validUser() },
    ]) {
      const expect = op.path.startsWith('http') ? 'tolerate' : 'keep';
      add(
        `bulk op ${json(op).slice(0, 60)}`,
        send('POST', bulk, json({ schemas: [BULK_URN], failOnErrors: 1, Operations: [op] })),
        expect,
      );
    }
  }

  // --- deep nesting (10k levels) ------------------------------------------------------------------
  const levels = 10_000;
  const deepObj = deep(levels, '{"a":', '}');
  const deepArr = deep(levels, '[', ']');
  const deepUser =
    t.flavour === 'rfc'
      ? [
          `{"schemas":["${USER_URN}"],"userName":"${fresh()}","name":${deepObj}}`,
          `{"schemas":["${USER_URN}"],"userName":"${fresh()}","emails":${deepArr}}`,
          `{"schemas":["${USER_URN}"],"userName":"${fresh()}","name":{"givenName":${deepArr}}}`,
          `{"schemas":["${USER_URN}","${ENTERPRISE_URN}"],"userName":"${fresh()}","${ENTERPRISE_URN}":{"manager":${deepObj}}}`,
          `{"schemas":["${USER_URN}"],"userName":"${fresh()}","unknownAttr":${deepObj}}`,
          deepArr,
          deepObj,
        ]
      : [
          `{"externalId":"${fresh()}","userName":"${fresh()}","emails":[{"value":"${fresh()}@example.com","primary":true}],"name":${deepObj}}`,
          `{"externalId":"${fresh()}","userName":"${fresh()}","emails":${deepArr}}`,
          `{"externalId":"${fresh()}","userName":"${fresh()}","unknownAttr":${deepObj}}`,
          deepArr,
          deepObj,
        ];
  for (const [i, body] of deepUser.entries()) add(`deep nesting POST #${i}`, send('POST', users, body));
  for (const [i, value] of [deepObj, deepArr].entries()) {
    for (const path of ['displayName', 'name', 'emails', 'x', undefined]) {
      const op =
        path === undefined
          ? `{"op":"replace","value":${value}}`
          : `{"op":"add","path":"${path}","value":${value}}`;
      add(
        `deep nesting PATCH #${i} ${String(path)}`,
        send('PATCH', user, `{"schemas":["${PATCH_URN}"],"Operations":[${op}]}`),
      );
    }
  }
  add(
    'deep filter parens',
    buildRequest('GET', `${users}?filter=${encodeURIComponent(deep(levels, '(', ')', 'userName eq "x"'))}`, {
      headers: auth,
    }),
  );
  add(
    'deep filter not',
    buildRequest(
      'GET',
      `${users}?filter=${encodeURIComponent('not ('.repeat(levels) + 'userName pr' + ')'.repeat(levels))}`,
      { headers: auth },
    ),
  );
  add(
    'deep filter within the URL limit',
    buildRequest('GET', `${users}?filter=${'('.repeat(12_000)}userName%20pr${')'.repeat(1)}`, {
      headers: auth,
    }),
  );
  if (t.flavour === 'rfc') {
    const search = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
    add(
      'deep filter in .search',
      send(
        'POST',
        `${users}/.search`,
        json({ schemas: [search], filter: deep(levels, '(', ')', 'userName eq "x"') }),
      ),
    );
    add(
      'deep not() filter in .search',
      send(
        'POST',
        `${users}/.search`,
        json({ schemas: [search], filter: 'not ('.repeat(levels) + 'userName pr' + ')'.repeat(levels) }),
      ),
    );
    add(
      'deep value filter in .search',
      send(
        'POST',
        `${users}/.search`,
        json({ schemas: [search], filter: 'emails['.repeat(levels) + 'value pr' + ']'.repeat(levels) }),
      ),
    );
    add(
      'deep .search body',
      send(
        'POST',
        `${users}/.search`,
        `{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":${deepObj}}`,
      ),
    );
    add(
      'deep bulk data',
      send(
        'POST',
        `${t.base}/Bulk`,
        `{"schemas":["${BULK_URN}"],"Operations":[{"method":"POST","path":"/Users","bulkId":"d","data":${deepObj}}]}`,
      ),
      'tolerate',
    );
  }

  // --- duplicate keys, confusables, mixed case ------------------------------------------------------
  if (t.flavour === 'rfc') {
    add(
      'mixed-case duplicate of a taken userName',
      send('POST', users, json({ schemas: [USER_URN], userName: 'SEED.USER1@EXAMPLE.COM' })),
    );
    add(
      'NFD duplicate of a taken userName',
      send('POST', users, json({ schemas: [USER_URN], userName: 'seed.user1@example.com'.normalize('NFD') })),
    );
    add(
      'duplicate keys with a taken userName last',
      send(
        'POST',
        users,
        `{"schemas":["${USER_URN}"],"userName":"${fresh()}","userName":"seed.user1@example.com"}`,
      ),
    );
    add(
      'case-variant keys with a taken userName last',
      send(
        'POST',
        users,
        `{"schemas":["${USER_URN}"],"userName":"${fresh()}","USERNAME":"Seed.User1@example.com"}`,
      ),
    );
    add(
      'duplicate keys: wrong type wins',
      send('POST', users, `{"schemas":["${USER_URN}"],"userName":"${fresh()}","active":true,"active":"yes"}`),
    );
    add(
      'duplicate keys: tolerated',
      send('POST', users, `{"schemas":["${USER_URN}"],"userName":"${fresh()}","userName":"${fresh()}"}`),
      'tolerate',
    );
    add(
      'confusable (Cyrillic) userName',
      send('POST', users, json({ schemas: [USER_URN], userName: `\u0430dmin-${fresh()}` })),
      'tolerate',
    );
    add(
      'null byte in userName',
      send('POST', users, json({ schemas: [USER_URN], userName: `nul\u0000${fresh()}` })),
      'tolerate',
    );
  } else {
    add(
      'duplicate keys',
      send(
        'POST',
        users,
        `{"externalId":"${fresh()}","externalId":{"x":1},"userName":"a","emails":[{"value":"a@example.com"}]}`,
      ),
    );
    add(
      'null byte in userName',
      send('POST', users, json({ ...validUser(), userName: `nul\u0000${fresh()}` })),
      'tolerate',
    );
    add(
      'confusable userName',
      send('POST', users, json({ ...validUser(), userName: `\u0430dmin${fresh()}` })),
      'tolerate',
    );
  }

  // --- invalid UTF-8, null bytes ---------------------------------------------------------------------
  const badUtf8 = Buffer.concat([
    Buffer.from(`{"schemas":["${USER_URN}"],"userName":"`),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
    Buffer.from('"}'),
  ]);
  add('invalid UTF-8 body', send('POST', users, badUtf8));
  add(
    'invalid UTF-8 body PATCH',
    send(
      'PATCH',
      user,
      Buffer.concat([
        Buffer.from(
          `{"schemas":["${PATCH_URN}"],"Operations":[{"op":"replace","path":"displayName","value":"`,
        ),
        Buffer.from([0xc0, 0x80]),
        Buffer.from('"}]}'),
      ]),
    ),
    t.flavour === 'gitlab' ? 'keep' : 'reject',
  );
  add('overlong UTF-8 in path', buildRequest('GET', `${users}/%C0%AE%C0%AE`, { headers: auth }), 'tolerate');
  add(
    'raw 0xFF in path',
    Buffer.concat([
      Buffer.from(`GET ${users}/`),
      Buffer.from([0xff]),
      Buffer.from(` HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${t.token}\r\nconnection: close\r\n\r\n`),
    ]),
  );
  add('null byte in path', buildRequest('GET', `${users}/%00`, { headers: auth }));
  add(
    'raw null byte in header',
    Buffer.from(
      `GET ${users} HTTP/1.1\r\nhost: x\r\nx-evil: a\u0000b\r\nconnection: close\r\n\r\n`,
      'latin1',
    ),
  );
  add('null bytes only body', send('POST', users, Buffer.alloc(64)));

  // --- bad percent-encoding, filters, query parameters -------------------------------------------
  for (const path of [
    `${users}/%`,
    `${users}/%E0%A4%A`,
    `${users}/%ZZ`,
    `${users}?filter=%`,
    `${users}?filter=userName%20eq%20%22%E0%A4%A%22`,
    `${users}?attributes=%ZZ`,
  ]) {
    add(`bad percent-encoding ${path}`, buildRequest('GET', path, { headers: auth }));
  }
  // Well-formed escapes of invalid UTF-8: Rack keeps the bytes, so GitLab answers them.
  add(
    'percent-encoded invalid UTF-8',
    buildRequest('GET', `${users}?count=%FF`, { headers: auth }),
    t.flavour === 'gitlab' ? 'tolerate' : 'reject',
  );
  const filters = [
    'userName eq',
    'eq "x"',
    '(((((',
    ')',
    'userName eq "x" and',
    'userName eq "x" or or userName eq "y"',
    'userName eq "unterminated',
    'userName eq x',
    'userName zz "x"',
    'emails[value eq "x"',
    'emails[type eq "a"][value eq "b"]',
    'emails[emails[value eq "x"]]',
    'meta.lastModified gt "notadate"',
    'userName pr and',
    'not',
    'userName eq "x" )',
    '"userName" eq "x"',
    'userName eq "x" userName eq "y"',
    `userName eq "${'x'.repeat(100_000)}"`,
    'a'.repeat(50_000),
    'userName eq "\u0000"',
  ];
  for (const filter of filters) {
    // GitLab reads only the first three whitespace-separated tokens (§6), so these are answered 200.
    const expect = t.flavour === 'gitlab' && /^userName eq/.test(filter) ? 'tolerate' : 'reject';
    add(
      `filter ${json(filter).slice(0, 40)}`,
      buildRequest('GET', `${users}?filter=${encodeURIComponent(filter)}`, { headers: auth }),
      expect,
    );
  }
  if (t.flavour === 'rfc') {
    for (const q of [
      'startIndex=abc',
      'count=1e999',
      'count=-',
      'sortOrder=sideways',
      'attributes=a&excludedAttributes=b',
      'count=99999999999999999999999',
    ]) {
      add(`query ${q}`, buildRequest('GET', `${users}?${q}`, { headers: auth }));
    }
    for (const q of ['filter=a&filter=b', 'sortBy=%5B%5B%5B', 'attributes=' + 'a.'.repeat(5_000)]) {
      add(`query ${q.slice(0, 30)}`, buildRequest('GET', `${users}?${q}`, { headers: auth }), 'tolerate');
    }
  } else {
    for (const q of ['count=abc', 'startIndex=-1', 'count=99999999999999999999999', 'startIndex=1e999']) {
      add(`query ${q}`, buildRequest('GET', `${users}?${q}`, { headers: auth }), 'tolerate');
    }
  }

  // --- methods, content types, auth ----------------------------------------------------------------
  for (const method of ['FOO', 'TRACE', 'CONNECT', 'PROPFIND', 'M-SEARCH', 'get', 'PURGE', 'GE\tT']) {
    add(`method ${method}`, buildRequest(method, users, { headers: auth }));
  }
  add('method OPTIONS *', buildRequest('OPTIONS', '*', { headers: auth }));
  add(
    'absolute-form target',
    buildRequest('DELETE', `http://evil.example${user}`, { headers: { ...auth, host: 'evil.example' } }),
    'tolerate',
  );
  add(
    'content-type text/plain',
    send('POST', users, json(validUser()), { ...auth, 'content-type': 'text/plain' }),
  );
  add(
    'content-type multipart',
    send('POST', users, '--x\r\n\r\n--x--', { ...auth, 'content-type': 'multipart/form-data; boundary=x' }),
  );
  add('no token', send('POST', users, json(validUser()), { 'content-type': 'application/scim+json' }));
  add(
    'wrong token',
    send('POST', users, json(validUser()), { ...scimJson, authorization: `Bearer ${t.token}x` }),
  );
  add(
    'basic auth',
    send('POST', users, json(validUser()), {
      ...scimJson,
      authorization: `Basic ${Buffer.from(`u:${t.token}`).toString('base64')}`,
    }),
  );
  add(
    'token with null byte',
    send('POST', users, json(validUser()), { ...scimJson, authorization: `Bearer ${t.token}%00` }),
  );

  // --- sizes, framing and Transfer-Encoding ----------------------------------------------------------
  const cap = t.flavour === 'rfc' ? 4 * 1_048_576 : 1_048_576;
  add(
    'declared body over the cap',
    buildRequest('POST', users, { headers: { ...scimJson, 'content-length': String(cap + 1) } }),
    'reject',
    { keepOpen: true },
  );
  add(
    'streamed body over the cap',
    buildRequest('POST', users, { headers: { ...scimJson, 'transfer-encoding': 'chunked' } }),
    'reject',
    {
      pieces: [
        buildRequest('POST', users, { headers: { ...scimJson, 'transfer-encoding': 'chunked' } }),
        ...Array.from({ length: Math.ceil(cap / 262_144) + 1 }, () =>
          Buffer.concat([Buffer.from('40000\r\n'), Buffer.alloc(262_144, 0x61), Buffer.from('\r\n')]),
        ),
      ],
      keepOpen: true,
      timeoutMs: 10_000,
    },
  );
  add(
    'oversized header (20 KB)',
    buildRequest('GET', users, { headers: { ...auth, 'x-big': 'a'.repeat(20_000) } }),
  );
  add(
    'many headers',
    buildRequest('GET', users, {
      headers: { ...auth, ...Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`x-h${i}`, 'v'])) },
    }),
  );
  add(
    'oversized URL (64 KB)',
    buildRequest('GET', `${users}?filter=${'a'.repeat(65_536)}`, { headers: auth }),
  );
  const huge = 'u'.repeat(t.flavour === 'rfc' ? 1_000_000 : 900_000);
  add(
    '1 MB userName',
    send('POST', users, json({ ...validUser(), userName: `${huge}-${fresh()}` })),
    'tolerate',
  );
  add(
    '1 MB string in PATCH',
    send('PATCH', user, patchBody([{ op: 'replace', path: 'displayName', value: huge }])),
    'tolerate',
  );
  const body = json(validUser());
  add(
    'content-length and chunked together',
    buildRequest('POST', users, {
      headers: { ...scimJson, 'content-length': String(body.length), 'transfer-encoding': 'chunked' },
      body,
    }),
  );
  add(
    'chunked with a bad chunk size',
    buildRequest('POST', users, {
      headers: { ...scimJson, 'transfer-encoding': 'chunked' },
      body: `zz\r\n${body}\r\n0\r\n\r\n`,
    }),
  );
  add(
    'chunked truncated',
    buildRequest('POST', users, {
      headers: { ...scimJson, 'transfer-encoding': 'chunked' },
      body: `${(body.length + 10).toString(16)}\r\n${body}`,
    }),
  );
  add(
    'transfer-encoding gzip',
    buildRequest('POST', users, { headers: { ...scimJson, 'transfer-encoding': 'gzip' }, body }),
  );
  add(
    'transfer-encoding chunked, chunked',
    buildRequest('POST', users, {
      headers: { ...scimJson, 'transfer-encoding': 'chunked, chunked' },
      body: `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    }),
    'tolerate',
  );
  add(
    'space before colon',
    Buffer.from(
      `POST ${users} HTTP/1.1\r\nhost: x\r\ntransfer-encoding : chunked\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}`,
    ),
  );
  add(
    'two content-lengths',
    Buffer.from(
      `POST ${users} HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\ncontent-length: 5\r\nconnection: close\r\n\r\n{}`,
    ),
  );
  add(
    'negative content-length',
    Buffer.from(`POST ${users} HTTP/1.1\r\nhost: x\r\ncontent-length: -1\r\nconnection: close\r\n\r\n{}`),
  );
  add(
    'truncated body (short Content-Length)',
    buildRequest('POST', users, {
      headers: { ...scimJson, 'content-length': String(body.length + 100) },
      body,
    }),
  );
  add(
    'bare LF line endings',
    Buffer.from(`GET ${users} HTTP/1.1\nhost: x\nconnection: close\n\n`),
    'tolerate',
  );
  add('HTTP/0.9-ish request line', Buffer.from(`GET ${users}\r\n\r\n`));
  add('HTTP/2 preface', Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'));
  add(
    'websocket upgrade',
    buildRequest('GET', users, { headers: { ...auth, connection: 'upgrade', upgrade: 'websocket' } }),
    'tolerate',
  );
  add('garbage bytes', Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]));
  return cases;
}

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { URN, expectError, startRfc, type Client, type Json } from './helpers.js';

let c: Client;
const ids: Record<string, string> = {};
const q = (filter: string): string => `/Users?filter=${encodeURIComponent(filter)}`;
const names = (res: { body: Json }): string[] => res.body.Resources.map((r: Json) => r.userName);

beforeAll(async () => {
  c = await startRfc();
  const specs: [string, Record<string, unknown>][] = [
    [
      'amy',
      {
        title: 'Engineer',
        externalId: 'EXT-a',
        emails: [{ value: 'amy@x.org', type: 'work' }],
        active: true,
      },
    ],
    [
      'Bob',
      {
        emails: [
          { value: 'bob@y.org', type: 'home' },
          { value: 'bob@x.org', type: 'work', primary: true },
        ],
        active: false,
      },
    ],
    ['cid', { title: 'Manager', name: { givenName: 'Cid' }, active: true }],
    ['dee', { [URN.enterprise]: { employeeNumber: '7' }, schemas: [URN.user, URN.enterprise] }],
  ];
  for (const [userName, extra] of specs) ids[userName] = (await c.createUser(userName, extra)).id;
});
afterAll(() => c.close());

describe('filtering (RFC 7644 §3.4.2.2)', () => {
  test('eq on userName is case-insensitive and uses the userName index', async () => {
    const res = await c.request('GET', q('userName eq "BOB"'));
    expect(res.status).toBe(200);
    expect(res.body.schemas).toEqual([URN.list]);
    expect(names(res)).toEqual(['Bob']);
  });

  test('attribute names and operators are case-insensitive', async () => {
    expect(names(await c.request('GET', q('USERNAME EQ "amy"')))).toEqual(['amy']);
  });

  test('externalId is caseExact', async () => {
    expect(names(await c.request('GET', q('externalId eq "EXT-a"')))).toEqual(['amy']);
    expect((await c.request('GET', q('externalId eq "ext-a"'))).body.totalResults).toBe(0);
  });

  test('id and emails.value equality find the resource', async () => {
    expect(names(await c.request('GET', q(`id eq "${ids.cid}"`)))).toEqual(['cid']);
    expect(names(await c.request('GET', q('emails.value eq "BOB@X.ORG"')))).toEqual(['Bob']);
    expect(names(await c.request('GET', q('emails[type eq "work" and value co "@x"]')))).toEqual([
      'amy',
      'Bob',
    ]);
  });

  test('logical operators, presence, substring and ordering', async () => {
    expect(names(await c.request('GET', q('title pr')))).toEqual(['amy', 'cid']);
    expect(names(await c.request('GET', q('userName sw "a" or userName ew "d"')))).toEqual(['amy', 'cid']);
    expect(names(await c.request('GET', q('active eq true and not (title eq "Manager")')))).toEqual(['amy']);
    expect(names(await c.request('GET', q('userName gt "b" and userName lt "d"')))).toEqual(['Bob', 'cid']);
    expect(names(await c.request('GET', q('name.givenName eq "Cid"')))).toEqual(['cid']);
    expect(names(await c.request('GET', q(`${URN.enterprise}:employeeNumber eq "7"`)))).toEqual(['dee']);
    expect(names(await c.request('GET', q(`${URN.user}:userName eq "dee"`)))).toEqual(['dee']);
  });

  test.each([
    ['empty', ''],
    ['no operator', 'userName'],
    ['unknown operator', 'userName regex "x"'],
    ['unquoted', 'userName eq bob'],
    ['unbalanced', '(userName eq "a"'],
    ['dangling and', 'userName eq "a" and'],
    ['ordering on boolean', 'active gt true'],
  ])('an invalid filter is 400 invalidFilter: %s', async (_label, filter) => {
    expectError(await c.request('GET', q(filter)), 400, 'invalidFilter');
  });
});

describe('pagination (RFC 7644 §3.4.2.4)', () => {
  test('defaults to startIndex 1 and reports itemsPerPage', async () => {
    const res = await c.request('GET', '/Users');
    expect(res.body).toMatchObject({ totalResults: 4, itemsPerPage: 4, startIndex: 1 });
    expect(res.body.Resources).toHaveLength(4);
  });

  test('count=0 answers totalResults with no resources; negative count is 0', async () => {
    for (const count of ['0', '-1']) {
      const res = await c.request('GET', `/Users?count=${count}`);
      expect(res.body).toMatchObject({ totalResults: 4, itemsPerPage: 0, Resources: [] });
    }
  });

  test('startIndex below 1 is treated as 1', async () => {
    const first = await c.request('GET', '/Users?startIndex=1&count=2');
    for (const start of ['0', '-5']) {
      const res = await c.request('GET', `/Users?startIndex=${start}&count=2`);
      expect(res.body.startIndex).toBe(1);
      expect(res.body.Resources).toEqual(first.body.Resources);
    }
  });

  test('pages tile the result set without overlap', async () => {
    const seen: string[] = [];
    for (let start = 1; start <= 4; start++) {
      const res = await c.request('GET', `/Users?startIndex=${start}&count=1`);
      expect(res.body).toMatchObject({ startIndex: start, itemsPerPage: 1, totalResults: 4 });
      seen.push(res.body.Resources[0].id);
    }
    expect(new Set(seen).size).toBe(4);
    const past = await c.request('GET', '/Users?startIndex=9');
    expect(past.body).toMatchObject({ totalResults: 4, itemsPerPage: 0, Resources: [] });
  });

  test('non-integer paging values are 400 invalidValue', async () => {
    expectError(await c.request('GET', '/Users?count=ten'), 400, 'invalidValue');
  });
});

describe('sorting (RFC 7644 §3.4.2.3)', () => {
  test('sorts case-insensitively by userName, ascending by default', async () => {
    expect(names(await c.request('GET', '/Users?sortBy=userName'))).toEqual(['amy', 'Bob', 'cid', 'dee']);
    expect(names(await c.request('GET', '/Users?sortBy=userName&sortOrder=descending'))).toEqual([
      'dee',
      'cid',
      'Bob',
      'amy',
    ]);
  });

  test('resources without the value sort last ascending and first descending', async () => {
    const asc = names(await c.request('GET', '/Users?sortBy=title'));
    expect(asc.slice(0, 2)).toEqual(['amy', 'cid']);
    const desc = names(await c.request('GET', '/Users?sortBy=title&sortOrder=descending'));
    expect(desc.slice(2)).toEqual(['cid', 'amy']);
  });

  test('an unknown sortOrder is 400 invalidValue', async () => {
    expectError(await c.request('GET', '/Users?sortBy=userName&sortOrder=up'), 400, 'invalidValue');
  });
});

describe('attributes on lists (RFC 7644 §3.4.2.5)', () => {
  test('attributes keeps id and the named attributes only', async () => {
    const res = await c.request('GET', '/Users?attributes=userName&sortBy=userName&count=1');
    const [first] = res.body.Resources;
    expect(
      Object.keys(first)
        .filter((k) => k !== 'schemas')
        .sort(),
    ).toEqual(['id', 'userName']);
    expect(first.userName).toBe('amy');
    expect(first.emails).toBeUndefined();
  });

  test('excludedAttributes removes defaults but never id', async () => {
    const res = await c.request(
      'GET',
      '/Users?excludedAttributes=emails,id,userName&filter=' + encodeURIComponent('userName eq "amy"'),
    );
    const [amy] = res.body.Resources;
    expect(amy.id).toBe(ids.amy);
    expect(amy.emails).toBeUndefined();
  });

  test('both at once is refused', async () => {
    expectError(
      await c.request('GET', '/Users?attributes=userName&excludedAttributes=emails'),
      400,
      'invalidValue',
    );
  });
});

describe('POST .search (RFC 7644 §3.4.3)', () => {
  test('/Users/.search equals the GET query and creates nothing', async () => {
    const res = await c.request('POST', '/Users/.search', {
      schemas: [URN.search],
      filter: 'active eq true',
      sortBy: 'userName',
      startIndex: 1,
      count: 1,
      attributes: ['userName'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ schemas: [URN.list], totalResults: 2, itemsPerPage: 1, startIndex: 1 });
    expect(res.body.Resources[0].userName).toBe('amy');
    expect((await c.request('GET', '/Users?count=0')).body.totalResults).toBe(4);
  });

  test('a SearchRequest without its schema is 400 invalidSyntax', async () => {
    expectError(await c.request('POST', '/Users/.search', { filter: 'userName pr' }), 400, 'invalidSyntax');
  });

  test('an invalid filter in the body is 400 invalidFilter', async () => {
    expectError(
      await c.request('POST', '/Users/.search', { schemas: [URN.search], filter: 'userName eq' }),
      400,
      'invalidFilter',
    );
  });

  test('root /.search covers users and groups', async () => {
    const group = await c.createGroup('search-group');
    const res = await c.request('POST', '/.search', { schemas: [URN.search], filter: 'meta.created pr' });
    expect(res.status).toBe(200);
    expect(res.body.totalResults).toBe(5);
    const types = res.body.Resources.map((r: Json) => r.meta.resourceType);
    expect(types).toContain('User');
    expect(types).toContain('Group');
    const byName = await c.request('POST', '/.search', {
      schemas: [URN.search],
      filter: 'displayName eq "search-group"',
    });
    expect(byName.body.Resources.map((r: Json) => r.id)).toEqual([group.id]);
    const get = await c.request('GET', `?filter=${encodeURIComponent('meta.resourceType eq "Group"')}`);
    expect(get.body.Resources.map((r: Json) => r.id)).toEqual([group.id]);
    await c.request('DELETE', `/Groups/${group.id}`);
  });
});

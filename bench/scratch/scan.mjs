import { performance } from 'node:perf_hooks';
const root = process.env.BENCH_ROOT ?? '/tmp/priv';
const { createFlavour } = await import(`${root}/dist/reference-server/server.js`);
const { createHandler } = await import(`${root}/dist/reference-server/core/index.js`);
const t0 = performance.now();
const flavour = createFlavour({ flavor: 'rfc', token: 't', seedUsers: 100000 });
console.log('seed ms', (performance.now() - t0).toFixed(0));
const handle = createHandler(flavour.listener);
async function q(path) {
  const url = new URL('http://127.0.0.1' + path);
  const req = { method: 'GET', url, params: {}, query: url.searchParams, headers: { authorization: 'Bearer t', host: '127.0.0.1' }, rawBody: Buffer.alloc(0), contentType: undefined };
  const t = performance.now();
  const res = await handle(req);
  return [performance.now() - t, res.status, res.body?.totalResults];
}
const f = (s) => '/scim/v2/Users?filter=' + encodeURIComponent(s);
for (let i = 0; i < 5; i++) {
  console.log(await q(f('name.familyName eq "User100000"') + '&count=10'), await q(f('active eq true') + '&count=10'), await q('/scim/v2/Users?startIndex=99000&count=100'));
}

import { startChild } from '../lib/children.mjs';
import { request } from 'undici';
for (const kind of ['bare', 'rfc']) {
  const s = await startChild(kind, 1000);
  const r = await request(s.url + '/Users/00000000-0000-4000-8000-0000000001f4', { headers: { authorization: 'Bearer bench-token' } });
  const body = await r.body.text();
  console.log(kind, r.statusCode, JSON.stringify(r.headers), body.length);
  await s.stop();
}

import autocannon from 'autocannon';
import { startChild } from '../lib/children.mjs';
const rfc = await startChild('rfc', 10);
const r = await autocannon({ url: rfc.url + '/Users', method: 'POST', body: '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b-[<id>]"}', headers: { authorization: 'Bearer bench-token', 'content-type': 'application/scim+json' }, connections: 2, duration: 1 });
console.log(r.requests.total, r.errors, r.non2xx, r.statusCodeStats, r.timeouts);
await rfc.stop();

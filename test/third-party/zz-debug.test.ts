import { test } from 'vitest';
import { startScimmyServer } from './scimmy-server.js';

test('debug', async () => {
  const s = await startScimmyServer();
  const h = { authorization: `Bearer ${s.token}`, 'content-type': 'application/scim+json' };
  const body = {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{"method":"POST","path":"/Groups","bulkId":"ga","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"A","members":[{"value":"bulkId:gb","type":"Group"}]}},{"method":"POST","path":"/Groups","bulkId":"gb","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"B","members":[{"value":"bulkId:ga","type":"Group"}]}}]};
  const r = await fetch(`${s.url}/Bulk`, { method: 'POST', headers: h, body: JSON.stringify(body) });
  console.log(r.status, await r.text());
  const l = await fetch(`${s.url}/Groups`, { headers: h });
  console.log(await l.text());
  await s.close();
});
